import type { HardwareSpec } from './commands'
import { formatBytes } from './format'
import { cacheMedia } from './s2d'

// Rules a new lab's hardware must follow (Storage Spaces Direct hardware requirements, facts §5.2).
// One function, used by the engine, the CLI and the New lab dialog, so all refuse the same things.

export const MIN_CAPACITY_DRIVES = 4
export const MIN_CACHE_DRIVES = 2
export const MIN_SERVER_MEMORY = 8 * 1024 ** 3
export const MIN_DRIVE_BYTES = 100e9
export const MAX_DRIVE_BYTES = 100e12

/** Every problem with the spec, each as a sentence; empty when the hardware is valid. */
export function hardwareProblems(spec: HardwareSpec): string[] {
  const problems: string[] = []
  if (!Number.isInteger(spec.servers) || spec.servers < 1 || spec.servers > 16)
    problems.push('A cluster has 1 to 16 servers.')
  if (!Number.isInteger(spec.cores) || spec.cores < 1 || spec.cores > 256)
    problems.push('Cores per server must be 1 to 256.')
  if (spec.memoryBytes < MIN_SERVER_MEMORY)
    problems.push(`Each server needs at least ${formatBytes(MIN_SERVER_MEMORY)} of memory.`)
  if (spec.memoryBytes > 24 * 1024 ** 4) problems.push('Memory per server can be at most 24 TiB.')
  const medias = spec.drives.map((d) => d.media)
  const repeated = medias.find((m, i) => medias.indexOf(m) !== i)
  if (repeated) problems.push(`List each media type once: ${repeated} appears twice.`)
  for (const g of spec.drives) {
    if (g.sizeBytes < MIN_DRIVE_BYTES || g.sizeBytes > MAX_DRIVE_BYTES)
      problems.push(`${g.media} drives must be 100 GB to 100 TB each.`)
  }
  const cache = cacheMedia(medias)
  const capacity = spec.drives.filter((g) => g.media !== cache)
  const capacityCount = capacity.reduce((n, g) => n + g.count, 0)
  if (capacityCount < MIN_CAPACITY_DRIVES)
    problems.push(
      `Each server needs at least ${MIN_CAPACITY_DRIVES} capacity drives; this one has ${capacityCount}.`,
    )
  const cacheCount = spec.drives.filter((g) => g.media === cache).reduce((n, g) => n + g.count, 0)
  if (cache && cacheCount < MIN_CACHE_DRIVES)
    problems.push(`With ${cache} cache drives, each server needs at least ${MIN_CACHE_DRIVES} of them.`)
  if (medias.length === 1 && medias[0] === 'HDD')
    problems.push('All-HDD servers are not supported: add at least 2 SSD or NVMe cache drives per server.')
  return problems
}
