import type { Drive, FileEntry, Server, Volume } from './domain'
import {
  fileSystemSize,
  poolShape,
  reserveBytes,
  volumeFootprint,
  volumeMaxFootprint,
  type PoolShape,
} from './s2d'
import { isVhdx } from './vhdx'

// Capacity figures derived from the one ledger (volumes and their files). The engine uses them to
// enforce limits; the renderer and the console show them. Nothing here is stored.

export interface StorageView {
  servers: Record<string, Server>
  drives: Record<string, Drive>
  volumes: Record<string, Volume>
  files: Record<string, FileEntry>
}

export interface VolumeCapacity {
  volume: Volume
  fileSystemBytes: number // Get-Volume Size
  usedBytes: number // sum of the ledger's allocated bytes
  freeBytes: number // Get-Volume SizeRemaining
  footprintBytes: number // FootprintOnPool now
  maxFootprintBytes: number // footprint when full (= footprint for fixed volumes)
  efficiency: number // size ÷ footprint when full
}

export interface PoolCapacity {
  shape: PoolShape
  rawBytes: number // pool Size
  reserveBytes: number
  allocatedBytes: number // sum of footprints (pool AllocatedSize)
  freeBytes: number // raw − allocated
  freeOutsideReserveBytes: number // max(0, raw − reserve − allocated)
  /** Footprint the thin volumes would take if full, plus the fixed ones: over-provisioning. */
  committedBytes: number
  volumes: VolumeCapacity[]
}

/**
 * Allocated bytes per volume of a tracked files table (the engine's live state.files, kept in step by
 * its Tx): the ledger asks on every file it writes, which would otherwise scan every file. Untracked
 * tables (the renderer's view, snapshots) are scanned. A lookup aid only: the sums are the same.
 */
const usedByVolume = new WeakMap<object, Map<string, number>>()

export function trackFiles(files: Record<string, FileEntry>): void {
  if (usedByVolume.has(files)) return
  const used = new Map<string, number>()
  for (const f of Object.values(files)) used.set(f.volumeId, (used.get(f.volumeId) ?? 0) + f.allocatedBytes)
  usedByVolume.set(files, used)
}

/** Records that a tracked table's file went from `old` to `next` (undefined: absent). */
export function fileWritten(files: object, old?: FileEntry, next?: FileEntry): void {
  const used = usedByVolume.get(files)
  if (!used) return
  if (old) used.set(old.volumeId, (used.get(old.volumeId) ?? 0) - old.allocatedBytes)
  if (next) used.set(next.volumeId, (used.get(next.volumeId) ?? 0) + next.allocatedBytes)
}

export function usedBytesOf(volumeId: string, files: Record<string, FileEntry>): number {
  const tracked = usedByVolume.get(files)
  if (tracked) return tracked.get(volumeId) ?? 0
  let used = 0
  for (const f of Object.values(files)) if (f.volumeId === volumeId) used += f.allocatedBytes
  return used
}

export function volumeCapacity(
  volume: Volume,
  shape: PoolShape,
  files: Record<string, FileEntry>,
): VolumeCapacity {
  const fileSystemBytes = fileSystemSize(volume.sizeBytes)
  const usedBytes = usedBytesOf(volume.id, files)
  const maxFootprintBytes = volumeMaxFootprint(volume, shape)
  return {
    volume,
    fileSystemBytes,
    usedBytes,
    freeBytes: Math.max(0, fileSystemBytes - usedBytes),
    footprintBytes: volumeFootprint(volume, shape, usedBytes),
    maxFootprintBytes,
    efficiency: maxFootprintBytes > 0 ? volume.sizeBytes / maxFootprintBytes : 0,
  }
}

export function poolCapacity(view: StorageView): PoolCapacity {
  const shape = poolShape(
    Object.values(view.servers).map((s) => s.id),
    Object.values(view.drives),
  )
  const volumes = Object.values(view.volumes)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((v) => volumeCapacity(v, shape, view.files))
  const allocatedBytes = volumes.reduce((sum, v) => sum + v.footprintBytes, 0)
  const reserve = reserveBytes(shape)
  return {
    shape,
    rawBytes: shape.rawBytes,
    reserveBytes: reserve,
    allocatedBytes,
    freeBytes: Math.max(0, shape.rawBytes - allocatedBytes),
    freeOutsideReserveBytes: Math.max(0, shape.rawBytes - reserve - allocatedBytes),
    committedBytes: volumes.reduce((sum, v) => sum + v.maxFootprintBytes, 0),
    volumes,
  }
}

/**
 * The VHDX files on a volume against its space (thin overcommit): their virtual sizes add up to
 * `provisionedBytes`, of which `onDiskBytes` is allocated; the dynamic ones can still take
 * `growthBytes`. Overcommitted when that is more than the volume has free: if the disks inside them
 * fill, writes fail once the volume is full, as with thin volumes on a pool.
 */
export interface VhdxProvisioning {
  fileCount: number
  provisionedBytes: number
  onDiskBytes: number
  growthBytes: number
  freeBytes: number
  overcommitted: boolean
}

export function vhdxProvisioning(cap: VolumeCapacity, files: Record<string, FileEntry>): VhdxProvisioning {
  let fileCount = 0
  let provisionedBytes = 0
  let onDiskBytes = 0
  let growthBytes = 0
  for (const f of Object.values(files)) {
    if (f.volumeId !== cap.volume.id || !isVhdx(f)) continue
    fileCount++
    provisionedBytes += f.sizeBytes
    onDiskBytes += f.allocatedBytes
    growthBytes += Math.max(0, f.sizeBytes - f.allocatedBytes)
  }
  return {
    fileCount,
    provisionedBytes,
    onDiskBytes,
    growthBytes,
    freeBytes: cap.freeBytes,
    overcommitted: growthBytes > cap.freeBytes,
  }
}
