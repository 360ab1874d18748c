import type { Command } from '@shared/commands'
import { poolCapacity, usedBytesOf } from '@shared/capacity'
import type { Volume } from '@shared/domain'
import { fail } from '@shared/errors'
import { formatBytes } from '@shared/format'
import {
  GiB,
  isTiered,
  MAX_THIN_OVERPROVISIONING,
  MAX_VOLUME_BYTES,
  MAX_VOLUME_NAME,
  MAX_VOLUMES,
  RESILIENCY_LABELS,
  csvPath,
  resiliencyUnavailableReason,
  roundUpToSlab,
  volumeFootprint,
  volumeMaxFootprint,
} from '@shared/s2d'
import type { Tx } from '../core/tx'
import { notifyDone } from '../tasks'
import { recordSample } from './ledger'

type CreateVolume = Extract<Command, { type: 'volume.create' }>
type ResizeVolume = Extract<Command, { type: 'volume.resize' }>
type DeleteVolume = Extract<Command, { type: 'volume.delete' }>

export const MIN_VOLUME_BYTES = GiB
// Control characters are exactly what this pattern must catch.
// eslint-disable-next-line no-control-regex
const ILLEGAL_NAME_CHARS = /[\\/:*?"<>|\u0000-\u001f]/
const RESERVED_NAMES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i

export function findVolume(tx: Tx, name: string): Volume | undefined {
  const lower = name.toLowerCase()
  return tx.all('volumes').find((v) => v.name.toLowerCase() === lower)
}

export function requireVolume(tx: Tx, name: string): Volume {
  const volume = findVolume(tx, name)
  if (!volume)
    fail('VolumeNotFound', `No volume named '${name}' exists on this cluster.`, 'ObjectNotFound', name)
  return volume
}

function checkName(tx: Tx, name: string): void {
  if (name.trim() === '') fail('InvalidVolumeName', 'The volume name cannot be empty.', 'InvalidArgument')
  if (name.length > MAX_VOLUME_NAME)
    fail(
      'InvalidVolumeName',
      `The volume name '${name}' is ${name.length} characters long; a volume name can have at most ${MAX_VOLUME_NAME}.`,
      'InvalidArgument',
      name,
    )
  const bad = ILLEGAL_NAME_CHARS.exec(name)
  if (bad)
    fail(
      'InvalidVolumeName',
      `The volume name '${name}' contains '${bad[0]}'. A volume name cannot contain \\ / : * ? " < > | or control characters.`,
      'InvalidArgument',
      name,
    )
  if (name !== name.trim() || name.endsWith('.'))
    fail(
      'InvalidVolumeName',
      `The volume name '${name}' cannot begin or end with a space or end with a period.`,
      'InvalidArgument',
      name,
    )
  if (RESERVED_NAMES.test(name))
    fail(
      'InvalidVolumeName',
      `'${name}' is a name Windows reserves for a device; choose another volume name.`,
      'InvalidArgument',
      name,
    )
  if (findVolume(tx, name))
    fail(
      'VolumeNameTaken',
      `A volume named '${name}' already exists. Choose a different name.`,
      'ResourceExists',
      name,
    )
}

function checkSize(sizeBytes: number, what = 'size'): void {
  if (sizeBytes <= 0) fail('InvalidSize', `The volume ${what} must be greater than zero.`, 'InvalidArgument')
  if (sizeBytes < MIN_VOLUME_BYTES)
    fail(
      'InvalidSize',
      `The volume ${what} must be at least ${formatBytes(MIN_VOLUME_BYTES)}.`,
      'InvalidArgument',
    )
  if (sizeBytes > MAX_VOLUME_BYTES)
    fail(
      'InvalidSize',
      `The volume ${what} can be at most ${formatBytes(MAX_VOLUME_BYTES)}.`,
      'LimitsExceeded',
    )
}

/** Checks that the pool can hold `extraFootprint` more (and, for thin, `extraCommitted`). */
function checkRoom(
  tx: Tx,
  extraFootprint: number,
  extraCommitted: number,
  provisioning: Volume['provisioning'],
): void {
  const pool = poolCapacity(tx.state)
  if (extraFootprint > pool.freeBytes)
    fail(
      'NotEnoughCapacity',
      `Not enough available capacity. The volume needs ${formatBytes(extraFootprint)} of the storage pool, ` +
        `but only ${formatBytes(pool.freeBytes)} is free. Choose a smaller size or a more efficient resiliency.`,
      'LimitsExceeded',
    )
  const limit = MAX_THIN_OVERPROVISIONING * pool.rawBytes
  if (provisioning === 'Thin' && pool.committedBytes + extraCommitted > limit)
    fail(
      'OverProvisioned',
      `Thin provisioning limit reached: the volumes' sizes would need ${formatBytes(pool.committedBytes + extraCommitted)} ` +
        `of the pool when full, more than ${MAX_THIN_OVERPROVISIONING} times its ${formatBytes(pool.rawBytes)}.`,
      'LimitsExceeded',
    )
}

function pickOwner(tx: Tx): string {
  const servers = tx.all('servers').filter((s) => s.state === 'Up')
  if (servers.length === 0)
    fail('NoServerUp', 'No server is up to own the new volume.', 'ResourceUnavailable')
  const owned = (id: string) => tx.all('volumes').filter((v) => v.ownerServerId === id).length
  servers.sort((a, b) => owned(a.id) - owned(b.id) || a.nodeId - b.nodeId)
  return servers[0]!.id
}

export function createVolume(tx: Tx, c: CreateVolume): Volume {
  checkName(tx, c.name)
  checkSize(c.sizeBytes)
  if (tx.all('volumes').length >= MAX_VOLUMES)
    fail('TooManyVolumes', `A cluster can have at most ${MAX_VOLUMES} volumes.`, 'LimitsExceeded')
  const shape = poolCapacity(tx.state).shape
  const reason = resiliencyUnavailableReason(c.resiliency, shape)
  if (reason) fail('ResiliencyNotSupported', reason, 'InvalidOperation', c.name)
  const sizeBytes = roundUpToSlab(c.sizeBytes)
  let mirrorSizeBytes = 0
  if (isTiered(c.resiliency)) {
    mirrorSizeBytes = roundUpToSlab(c.mirrorSizeBytes)
    if (mirrorSizeBytes <= 0 || mirrorSizeBytes >= sizeBytes)
      fail(
        'InvalidTierSizes',
        `${RESILIENCY_LABELS[c.resiliency]} needs a mirror tier larger than zero and smaller than the volume.`,
        'InvalidArgument',
        c.name,
      )
  } else if (c.mirrorSizeBytes > 0) {
    fail(
      'InvalidTierSizes',
      `${RESILIENCY_LABELS[c.resiliency]} has no separate mirror tier.`,
      'InvalidArgument',
      c.name,
    )
  }
  const volume: Volume = {
    id: tx.nextId('volume'),
    name: c.name,
    resiliency: c.resiliency,
    sizeBytes,
    mirrorSizeBytes,
    provisioning: c.provisioning,
    fileSystem: 'CSVFS_ReFS',
    ownerServerId: pickOwner(tx),
    createdAt: tx.now,
  }
  checkRoom(tx, volumeFootprint(volume, shape, 0), volumeMaxFootprint(volume, shape), volume.provisioning)
  tx.put('volumes', volume.id, volume)
  recordSample(tx, volume.id)
  notifyDone(
    tx,
    `Successfully created volume ${volume.name}`,
    `Created ${formatBytes(sizeBytes)} ${RESILIENCY_LABELS[volume.resiliency].toLowerCase()} volume at ${csvPath(volume.name)}.`,
  )
  return volume
}

export function resizeVolume(tx: Tx, c: ResizeVolume): Volume {
  const volume = requireVolume(tx, c.name)
  checkSize(c.sizeBytes, 'new size')
  const sizeBytes = roundUpToSlab(c.sizeBytes)
  if (sizeBytes < volume.sizeBytes)
    fail(
      'ShrinkNotSupported',
      `Volume '${volume.name}' is ${formatBytes(volume.sizeBytes)}; volumes on Storage Spaces Direct can be extended but not shrunk.`,
      'InvalidOperation',
      volume.name,
    )
  if (sizeBytes === volume.sizeBytes) return volume
  const shape = poolCapacity(tx.state).shape
  const used = usedBytesOf(volume.id, tx.state.files)
  const grown: Volume = { ...volume, sizeBytes }
  const extraFootprint = volumeFootprint(grown, shape, used) - volumeFootprint(volume, shape, used)
  const extraCommitted = volumeMaxFootprint(grown, shape) - volumeMaxFootprint(volume, shape)
  checkRoom(tx, extraFootprint, extraCommitted, volume.provisioning)
  tx.put('volumes', volume.id, grown)
  recordSample(tx, volume.id)
  notifyDone(
    tx,
    `Successfully extended volume ${volume.name}`,
    `Volume ${volume.name} is now ${formatBytes(sizeBytes)}.`,
  )
  return grown
}

export function deleteVolume(tx: Tx, c: DeleteVolume): Volume {
  const volume = requireVolume(tx, c.name)
  const files = tx.all('files').filter((f) => f.volumeId === volume.id)
  const inUse = files.find((f) => f.owner.kind !== 'user')
  if (inUse)
    fail(
      'VolumeInUse',
      `Volume '${volume.name}' holds files in use by ${inUse.owner.label} (${inUse.path}). Remove what uses them first.`,
      'InvalidOperation',
      volume.name,
    )
  for (const f of files) tx.remove('files', f.id)
  tx.remove('volumes', volume.id)
  tx.remove('samples', volume.id)
  notifyDone(tx, `Successfully deleted volume ${volume.name}`, `Deleted ${csvPath(volume.name)}.`)
  return volume
}
