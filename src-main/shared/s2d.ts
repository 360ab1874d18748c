import type { Drive, MediaType, Resiliency, Volume } from './domain'

// Storage Spaces Direct capacity maths (aks-hci-facts.md §5). Pure functions, used by the engine to
// enforce the rules and by the renderer to preview them, so both always agree.

export const GiB = 1024 ** 3
export const TiB = 1024 ** 4
/** Pool allocation unit: a volume's size is rounded up to whole slabs. (third-party figure) */
export const SLAB_BYTES = 256 * 1024 ** 2
/** ReFS metadata that a new CSV takes from its virtual disk (200 GB → 199.94 GB). Assumption. */
export const FS_OVERHEAD_BYTES = 64 * 1024 ** 2
/** How far thin volumes may over-provision the pool: their sizes' footprints ≤ 3 × the pool. Our rule. */
export const MAX_THIN_OVERPROVISIONING = 3
export const MAX_VOLUME_BYTES = 64 * TiB
export const MAX_VOLUMES = 64
/** New-Volume makes the friendly name the file system label, and ReFS labels hold 32 characters. */
export const MAX_VOLUME_NAME = 32

const SPEED_ORDER: MediaType[] = ['NVMe', 'SSD', 'HDD']

/** With mixed media the fastest type is cache; a single media type is all capacity. */
export function cacheMedia(medias: MediaType[]): MediaType | null {
  const present = SPEED_ORDER.filter((m) => medias.includes(m))
  return present.length > 1 ? present[0]! : null
}

export interface PoolShape {
  servers: number
  capacityMedia: MediaType // the slowest media: what capacity drives are made of
  capacityDrivesPerServer: number
  capacityDriveBytes: number // the smallest capacity drive (what every server can match)
  rawBytes: number // sum of healthy capacity drives
}

export function poolShape(serverIds: string[], drives: Drive[]): PoolShape {
  const capacity = drives.filter((d) => d.usage === 'Capacity' && d.health !== 'Unhealthy')
  const perServer = serverIds.map((id) => capacity.filter((d) => d.serverId === id).length)
  const media = SPEED_ORDER.filter((m) => capacity.some((d) => d.media === m))
  return {
    servers: serverIds.length,
    capacityMedia: media[media.length - 1] ?? 'SSD',
    capacityDrivesPerServer: perServer.length ? Math.min(...perServer) : 0,
    capacityDriveBytes: capacity.length ? Math.min(...capacity.map((d) => d.sizeBytes)) : 0,
    rawBytes: capacity.reduce((sum, d) => sum + d.sizeBytes, 0),
  }
}

/** Recommended reserve: one capacity drive per server, at most four drives. */
export function reserveBytes(shape: PoolShape): number {
  return Math.min(Math.max(shape.servers, 1), 4) * shape.capacityDriveBytes
}

/** Dual parity layout and efficiency by server count and media ([FT] table). */
export function dualParity(shape: PoolShape): { layout: string; efficiency: number } {
  const n = shape.servers
  const hybrid = shape.capacityMedia === 'HDD'
  if (n <= 6) return { layout: 'RS 2+2', efficiency: 2 / 4 }
  if (n <= 8) return { layout: 'RS 4+2', efficiency: 4 / 6 }
  if (n <= 11)
    return hybrid ? { layout: 'RS 4+2', efficiency: 4 / 6 } : { layout: 'RS 6+2', efficiency: 6 / 8 }
  if (n <= 15)
    return hybrid ? { layout: 'LRC (8,2,1)', efficiency: 8 / 11 } : { layout: 'RS 6+2', efficiency: 6 / 8 }
  return hybrid
    ? { layout: 'LRC (8,2,1)', efficiency: 8 / 11 }
    : { layout: 'LRC (12,2,1)', efficiency: 12 / 15 }
}

/** Nested parity: single parity across a server's drives (d−1 of d, at most 6 of 7), on both servers. */
export function nestedParityEfficiency(shape: PoolShape): number {
  const d = Math.min(Math.max(shape.capacityDrivesPerServer, 2), 7)
  return (d - 1) / d / 2
}

export const RESILIENCY_LABELS: Record<Resiliency, string> = {
  'two-way-mirror': 'Two-way mirror',
  'three-way-mirror': 'Three-way mirror',
  'dual-parity': 'Dual parity',
  'nested-two-way-mirror': 'Nested two-way mirror',
  'mirror-accelerated-parity': 'Mirror-accelerated parity',
  'nested-mirror-accelerated-parity': 'Nested mirror-accelerated parity',
}

export function isTiered(r: Resiliency): boolean {
  return r === 'mirror-accelerated-parity' || r === 'nested-mirror-accelerated-parity'
}

/** Efficiency of each part of a volume: the mirror part and (for tiered volumes) the parity part. */
export function tierEfficiencies(r: Resiliency, shape: PoolShape): { mirror: number; parity: number } {
  switch (r) {
    case 'two-way-mirror':
      return { mirror: 1 / 2, parity: 1 / 2 }
    case 'three-way-mirror':
      return { mirror: 1 / 3, parity: 1 / 3 }
    case 'nested-two-way-mirror':
      return { mirror: 1 / 4, parity: 1 / 4 }
    case 'dual-parity': {
      const e = dualParity(shape).efficiency
      return { mirror: e, parity: e }
    }
    case 'mirror-accelerated-parity':
      return { mirror: 1 / 3, parity: dualParity(shape).efficiency }
    case 'nested-mirror-accelerated-parity':
      return { mirror: 1 / 4, parity: nestedParityEfficiency(shape) }
  }
}

/** Why this cluster cannot host a resiliency, or null when it can. */
export function resiliencyUnavailableReason(r: Resiliency, shape: PoolShape): string | null {
  const n = shape.servers
  const servers = `${n} server${n === 1 ? '' : 's'}`
  switch (r) {
    case 'two-way-mirror':
      return n >= 2 || shape.capacityDrivesPerServer >= 2
        ? null
        : 'Two-way mirror needs at least 2 capacity drives.'
    case 'three-way-mirror':
      return n >= 3 ? null : `Three-way mirror needs at least 3 servers; this cluster has ${servers}.`
    case 'dual-parity':
      return n >= 4 ? null : `Dual parity needs at least 4 servers; this cluster has ${servers}.`
    case 'mirror-accelerated-parity':
      return n >= 4
        ? null
        : `Mirror-accelerated parity needs at least 4 servers; this cluster has ${servers}.`
    case 'nested-two-way-mirror':
    case 'nested-mirror-accelerated-parity':
      return n === 2 ? null : `${RESILIENCY_LABELS[r]} needs exactly 2 servers; this cluster has ${servers}.`
  }
}

/** Where a cluster shared volume is mounted on every server. */
export function csvPath(volumeName: string): string {
  return `C:\\ClusterStorage\\${volumeName}`
}

export function roundUpToSlab(bytes: number): number {
  return Math.ceil(bytes / SLAB_BYTES) * SLAB_BYTES
}

/** Footprint on the pool of `bytes` of a volume's data, mirror tier filled first. */
export function footprintOf(r: Resiliency, shape: PoolShape, bytes: number, mirrorSizeBytes: number): number {
  const e = tierEfficiencies(r, shape)
  if (!isTiered(r)) return Math.round(bytes / e.mirror)
  const inMirror = Math.min(bytes, mirrorSizeBytes)
  return Math.round(inMirror / e.mirror + (bytes - inMirror) / e.parity)
}

/** Bytes a volume takes from the pool: its whole size when fixed, its allocated slabs when thin. */
export function volumeFootprint(
  v: Pick<Volume, 'resiliency' | 'sizeBytes' | 'mirrorSizeBytes' | 'provisioning'>,
  shape: PoolShape,
  usedBytes: number,
): number {
  const allocated = v.provisioning === 'Fixed' ? v.sizeBytes : Math.min(v.sizeBytes, roundUpToSlab(usedBytes))
  return footprintOf(v.resiliency, shape, allocated, v.mirrorSizeBytes)
}

/** The footprint a thin volume would have when full: what over-provisioning is measured against. */
export function volumeMaxFootprint(
  v: Pick<Volume, 'resiliency' | 'sizeBytes' | 'mirrorSizeBytes'>,
  shape: PoolShape,
): number {
  return footprintOf(v.resiliency, shape, v.sizeBytes, v.mirrorSizeBytes)
}

/** The capacity the file system offers: the virtual disk less ReFS metadata. */
export function fileSystemSize(sizeBytes: number): number {
  return Math.max(0, sizeBytes - FS_OVERHEAD_BYTES)
}

/** Number of data copies as Get-VirtualDisk NumberOfDataCopies reports it. */
export function dataCopies(r: Resiliency): number {
  switch (r) {
    case 'two-way-mirror':
      return 2
    case 'three-way-mirror':
    case 'mirror-accelerated-parity':
      return 3
    case 'nested-two-way-mirror':
    case 'nested-mirror-accelerated-parity':
      return 4
    case 'dual-parity':
      return 1
  }
}

/** Failures tolerated, as PhysicalDiskRedundancy / FaultDomainRedundancy report it. */
export function redundancy(r: Resiliency): number {
  return r === 'two-way-mirror' ? 1 : 2
}
