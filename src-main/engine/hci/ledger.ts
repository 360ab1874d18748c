import { volumeCapacity } from '@shared/capacity'
import type { CapacityChange, CapacityPoint, FileEntry } from '@shared/domain'
import { fail } from '@shared/errors'
import { formatBytes } from '@shared/format'
import { poolShape, type PoolShape } from '@shared/s2d'
import { vhdFormatOf } from '@shared/vhdx'
import type { Tx } from '../core/tx'

// The file ledger: every byte on a volume belongs to a file here. Later capabilities (AKS images,
// VM disks, persistent volumes' VHDX files) add and grow files only through these functions, so
// every capacity figure follows from the ledger and the capacity history stays complete.

/**
 * A point keeps at most this many changes: installing AKS or creating a cluster puts a handful of
 * files at one instant, and a point must not grow with however many happen at once.
 */
export const MAX_CHANGES_PER_POINT = 12

const shapes = new WeakMap<Tx, { servers: number; drives: number; shape: PoolShape }>()

/** The lab's pool shape, worked out again only when a server or drive was written in the transaction. */
export function labPoolShape(tx: Tx): PoolShape {
  const memo = shapes.get(tx)
  const servers = tx.writesTo('servers')
  const drives = tx.writesTo('drives')
  if (memo && memo.servers === servers && memo.drives === drives) return memo.shape
  const shape = poolShape(
    tx.all('servers').map((s) => s.id),
    tx.all('drives'),
  )
  shapes.set(tx, { servers, drives, shape })
  return shape
}

/**
 * Appends a point to the volume's capacity-over-time series: one point per instant, merged when
 * several changes happen at the same virtual time, each naming what changed. The point before it
 * holds the figures before those changes, so every point reads as "before → after".
 */
export function recordSample(tx: Tx, volumeId: string, change?: CapacityChange): void {
  const volume = tx.get('volumes', volumeId)
  if (!volume) return
  const cap = volumeCapacity(volume, labPoolShape(tx), tx.state.files)
  const series = tx.get('samples', volumeId) ?? { volumeId, points: [] }
  const last = series.points[series.points.length - 1]
  const merging = last !== undefined && last.t === tx.now
  const kept = merging ? series.points.slice(0, -1) : series.points
  const before = kept[kept.length - 1]
  // The volume's own change is derived, not passed: its callers (create, resize) only record.
  const volumeChange: CapacityChange | null = !before
    ? { kind: 'volume-created', path: volume.name, deltaBytes: cap.fileSystemBytes }
    : before.sizeBytes !== cap.fileSystemBytes
      ? { kind: 'volume-resized', path: volume.name, deltaBytes: cap.fileSystemBytes - before.sizeBytes }
      : null
  const fileChanges = merging ? (last.changes ?? []).filter((c) => c.kind.startsWith('file-')) : []
  const merged = change ? mergeChange(fileChanges, change) : { changes: fileChanges, dropped: 0 }
  const changes = volumeChange ? [volumeChange, ...merged.changes] : merged.changes
  const moreChanges = (merging ? (last.moreChanges ?? 0) : 0) + merged.dropped
  const point: CapacityPoint = {
    t: tx.now,
    usedBytes: cap.usedBytes,
    sizeBytes: cap.fileSystemBytes,
    footprintBytes: cap.footprintBytes,
    ...(changes.length ? { changes } : {}),
    ...(moreChanges ? { moreChanges } : {}),
  }
  tx.put('samples', volumeId, { volumeId, points: [...kept, point] })
}

/**
 * Folds one file change into the instant's list: a second change to the same path adds up (created
 * then grown is still "created"; created then deleted cancels out); a new path past the cap is
 * counted, not kept. The volume's own entry takes one slot.
 */
function mergeChange(
  changes: CapacityChange[],
  change: CapacityChange,
): { changes: CapacityChange[]; dropped: number } {
  const i = changes.findIndex((c) => c.path === change.path)
  if (i < 0)
    return changes.length < MAX_CHANGES_PER_POINT - 1
      ? { changes: [...changes, change], dropped: 0 }
      : { changes, dropped: 1 }
  const prior = changes[i]!
  const deltaBytes = prior.deltaBytes + change.deltaBytes
  const rest = changes.filter((_, j) => j !== i)
  if (prior.kind === 'file-created' && change.kind === 'file-deleted') return { changes: rest, dropped: 0 }
  const kind: CapacityChange['kind'] =
    prior.kind === 'file-created'
      ? 'file-created'
      : prior.kind === 'file-deleted' && change.kind === 'file-created'
        ? 'file-changed' // deleted and put back: replaced
        : change.kind
  // The VHDX as it is after the instant; its virtual size's change adds up like the bytes on disk.
  const vhdx = change.vhdx && {
    ...change.vhdx,
    virtualDeltaBytes: (prior.vhdx?.virtualDeltaBytes ?? 0) + change.vhdx.virtualDeltaBytes,
  }
  const next = [...changes]
  next[i] = { kind, path: change.path, deltaBytes, ...(vhdx ? { vhdx } : {}) }
  return { changes: next, dropped: 0 }
}

/** A VHDX's type and virtual size for the capacity log (`before`: the file as it was, if any). */
function vhdxChange(
  file: FileEntry,
  before: FileEntry | undefined,
  deleted = false,
): Partial<CapacityChange> {
  const format = vhdFormatOf(file)
  if (!format) return {}
  const virtualDeltaBytes = deleted ? -file.sizeBytes : file.sizeBytes - (before?.sizeBytes ?? 0)
  return { vhdx: { type: format.type, virtualBytes: file.sizeBytes, virtualDeltaBytes } }
}

/** Adds (or replaces) a file on a volume; refuses when the volume has no room for its allocated bytes. */
export function putFile(tx: Tx, file: FileEntry): void {
  const volume = tx.get('volumes', file.volumeId)
  if (!volume) fail('VolumeNotFound', `No volume holds '${file.path}'.`, 'ObjectNotFound', file.path)
  const before = tx.get('files', file.id)
  const cap = volumeCapacity(volume, labPoolShape(tx), tx.state.files)
  const growth = file.allocatedBytes - (before?.allocatedBytes ?? 0)
  if (growth > cap.freeBytes)
    fail(
      'NotEnoughSpace',
      `There is not enough space on volume '${volume.name}': '${file.path}' needs ${formatBytes(growth)} more, ` +
        `${formatBytes(cap.freeBytes)} is free.`,
      'LimitsExceeded',
      file.path,
    )
  tx.put('files', file.id, file)
  recordSample(tx, volume.id, {
    kind: before ? 'file-changed' : 'file-created',
    path: file.path,
    deltaBytes: growth,
    ...vhdxChange(file, before),
  })
}

export function removeFile(tx: Tx, fileId: string): void {
  const file = tx.get('files', fileId)
  if (!file) return
  tx.remove('files', fileId)
  recordSample(tx, file.volumeId, {
    kind: 'file-deleted',
    path: file.path,
    deltaBytes: -file.allocatedBytes,
    ...vhdxChange(file, file, true),
  })
}
