import type { HardwareSpec } from '@shared/commands'
import type { MediaType } from '@shared/domain'

// The New lab dialog's custom hardware, in the units people type: GiB of memory, TB per drive
// (decimal, as drives are sold). Converted to the contract's bytes in one place.

export interface DriveGroupForm {
  media: MediaType
  count: number
  sizeTB: number
}

export interface HardwareForm {
  servers: number
  cores: number
  memoryGiB: number
  drives: DriveGroupForm[]
}

export function defaultHardwareForm(): HardwareForm {
  return { servers: 2, cores: 4, memoryGiB: 64, drives: [{ media: 'SSD', count: 4, sizeTB: 1.92 }] }
}

export function toHardwareSpec(form: HardwareForm): HardwareSpec {
  return {
    servers: form.servers,
    cores: form.cores,
    memoryBytes: Math.round(form.memoryGiB * 1024 ** 3),
    drives: form.drives.map((g) => ({
      media: g.media,
      count: g.count,
      sizeBytes: Math.round(g.sizeTB * 1e12),
    })),
  }
}
