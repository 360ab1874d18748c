import { volumeCapacity } from '@shared/capacity'
import type { FileEntry } from '@shared/domain'
import { fail } from '@shared/errors'
import { formatBytes } from '@shared/format'
import { poolShape } from '@shared/s2d'
import type { Tx } from '../core/tx'

// The file ledger: every byte on a volume belongs to a file here. Later capabilities (AKS images,
// VM disks, persistent volumes' VHDX files) add and grow files only through these functions, so
// every capacity figure follows from the ledger and the capacity history stays complete.

/** Appends a point to the volume's capacity-over-time series (one point per change). */
export function recordSample(tx: Tx, volumeId: string): void {
  const volume = tx.get('volumes', volumeId)
  if (!volume) return
  const shape = poolShape(
    tx.all('servers').map((s) => s.id),
    tx.all('drives'),
  )
  const cap = volumeCapacity(volume, shape, tx.state.files)
  const series = tx.get('samples', volumeId) ?? { volumeId, points: [] }
  const point = {
    t: tx.now,
    usedBytes: cap.usedBytes,
    sizeBytes: cap.fileSystemBytes,
    footprintBytes: cap.footprintBytes,
  }
  const last = series.points[series.points.length - 1]
  const points =
    last && last.t === tx.now ? [...series.points.slice(0, -1), point] : [...series.points, point]
  tx.put('samples', volumeId, { volumeId, points })
}

/** Adds (or replaces) a file on a volume; refuses when the volume has no room for its allocated bytes. */
export function putFile(tx: Tx, file: FileEntry): void {
  const volume = tx.get('volumes', file.volumeId)
  if (!volume) fail('VolumeNotFound', `No volume holds '${file.path}'.`, 'ObjectNotFound', file.path)
  const shape = poolShape(
    tx.all('servers').map((s) => s.id),
    tx.all('drives'),
  )
  const before = tx.get('files', file.id)
  const cap = volumeCapacity(volume, shape, tx.state.files)
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
  recordSample(tx, volume.id)
}

export function removeFile(tx: Tx, fileId: string): void {
  const file = tx.get('files', fileId)
  if (!file) return
  tx.remove('files', fileId)
  recordSample(tx, file.volumeId)
}
