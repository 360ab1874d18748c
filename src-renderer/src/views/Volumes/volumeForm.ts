import type { PoolCapacity } from '@shared/capacity'
import type { CommandInput } from '@shared/commands'
import { RESILIENCIES, type MediaType, type ProvisioningType, type Resiliency } from '@shared/domain'
import {
  GiB,
  isTiered,
  redundancy,
  resiliencyUnavailableReason,
  roundUpToSlab,
  TiB,
  volumeFootprint,
  volumeMaxFootprint,
  type PoolShape,
} from '@shared/s2d'

// The Create volume form: what the user typed, the command it sends, the figures it previews
// (with the shared S2D maths, exactly as the engine will apply them) and its PowerShell equivalent.

export type SizeUnit = 'GB' | 'TB'
/** Sizes as Windows counts them: 1 GB = 1024³ bytes. */
export const UNIT_BYTES: Record<SizeUnit, number> = { GB: GiB, TB: TiB }
export const MIRROR_PERCENTAGES = [10, 20, 30] as const

export interface VolumeForm {
  name: string
  resiliency: Resiliency
  mirrorPercent: number
  size: number
  unit: SizeUnit
  provisioning: ProvisioningType
}

export interface ResiliencyOption {
  value: Resiliency
  reason: string | null
}

export function resiliencyOptions(shape: PoolShape): ResiliencyOption[] {
  return RESILIENCIES.map((value) => ({ value, reason: resiliencyUnavailableReason(value, shape) }))
}

/** WAC's default: three-way mirror where the cluster can, else the first option it supports. */
export function defaultResiliency(shape: PoolShape): Resiliency {
  const ok = resiliencyOptions(shape).filter((o) => !o.reason)
  return ok.find((o) => o.value === 'three-way-mirror')?.value ?? ok[0]?.value ?? 'two-way-mirror'
}

/** The first free "VolumeNN" name. */
export function nextVolumeName(existing: string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()))
  for (let i = 1; ; i++) {
    const name = `Volume${String(i).padStart(2, '0')}`
    if (!taken.has(name.toLowerCase())) return name
  }
}

export function sizeBytes(size: number, unit: SizeUnit): number {
  return Number.isFinite(size) && size > 0 ? Math.round(size * UNIT_BYTES[unit]) : 0
}

export function mirrorBytes(form: VolumeForm): number {
  return isTiered(form.resiliency)
    ? Math.round((sizeBytes(form.size, form.unit) * form.mirrorPercent) / 100)
    : 0
}

export function createCommand(form: VolumeForm): CommandInput {
  return {
    type: 'volume.create',
    name: form.name,
    resiliency: form.resiliency,
    sizeBytes: sizeBytes(form.size, form.unit),
    provisioning: form.provisioning,
    mirrorSizeBytes: mirrorBytes(form),
  }
}

export interface CreatePreview {
  footprintBytes: number // taken from the pool now
  maxFootprintBytes: number // when full (= footprint for fixed)
  efficiency: number
  freeBeforeBytes: number
  freeAfterBytes: number
  usesReserve: boolean
  committedAfterBytes: number
}

/** What the volume would take from the pool: the engine's rounding and footprint functions. */
export function previewCreate(form: VolumeForm, pool: PoolCapacity): CreatePreview {
  const candidate = {
    resiliency: form.resiliency,
    sizeBytes: roundUpToSlab(sizeBytes(form.size, form.unit)),
    mirrorSizeBytes: roundUpToSlab(mirrorBytes(form)),
    provisioning: form.provisioning,
  }
  const footprintBytes = volumeFootprint(candidate, pool.shape, 0)
  const maxFootprintBytes = volumeMaxFootprint(candidate, pool.shape)
  return {
    footprintBytes,
    maxFootprintBytes,
    efficiency: maxFootprintBytes > 0 ? candidate.sizeBytes / maxFootprintBytes : 0,
    freeBeforeBytes: pool.freeBytes,
    freeAfterBytes: pool.freeBytes - footprintBytes,
    usesReserve: footprintBytes > pool.freeOutsideReserveBytes,
    committedAfterBytes: pool.committedBytes + maxFootprintBytes,
  }
}

/** A PowerShell size literal (PowerShell's GB and TB are binary, like the form's). */
export function psSize(bytes: number): string {
  if (bytes > 0 && bytes % TiB === 0) return `${bytes / TiB}TB`
  const gb = bytes / GiB
  return `${Number.isInteger(gb) ? gb : Number(gb.toFixed(2))}GB`
}

const quote = (name: string) => `"${name.replace(/[`"$]/g, '`$&')}"`

/** Storage Spaces names tiers by media type, and NVMe drives report the SSD media type. */
const tierMedia = (media: MediaType) => (media === 'HDD' ? 'HDD' : 'SSD')

export function newVolumeScript(form: VolumeForm, capacityMedia: MediaType): string {
  const size = sizeBytes(form.size, form.unit)
  const parts = [`New-Volume -FriendlyName ${quote(form.name)}`]
  const m = tierMedia(capacityMedia)
  switch (form.resiliency) {
    case 'two-way-mirror':
    case 'three-way-mirror':
      parts.push(
        `-Size ${psSize(size)} -ResiliencySettingName Mirror -PhysicalDiskRedundancy ${redundancy(form.resiliency)}`,
      )
      break
    case 'dual-parity':
      parts.push(`-Size ${psSize(size)} -ResiliencySettingName Parity -PhysicalDiskRedundancy 2`)
      break
    case 'nested-two-way-mirror':
      parts.push(`-StorageTierFriendlyNames NestedMirrorOn${m} -StorageTierSizes ${psSize(size)}`)
      break
    case 'mirror-accelerated-parity':
    case 'nested-mirror-accelerated-parity': {
      const nested = form.resiliency === 'nested-mirror-accelerated-parity' ? 'Nested' : ''
      const mirror = mirrorBytes(form)
      parts.push(
        `-StorageTierFriendlyNames ${nested}MirrorOn${m}, ${nested}ParityOn${m}`,
        `-StorageTierSizes ${psSize(mirror)}, ${psSize(size - mirror)}`,
      )
    }
  }
  parts.push(`-ProvisioningType ${form.provisioning} -FileSystem CSVFS_ReFS -StoragePoolFriendlyName S2D*`)
  return parts.join(' ')
}

export function resizeScript(name: string, bytes: number): string {
  return `Resize-VirtualDisk -FriendlyName ${quote(name)} -Size ${psSize(bytes)}`
}
