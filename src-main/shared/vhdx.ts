import type { FileEntry, VhdFormat } from './domain'

// What the lab knows of a VHDX file: its layout (Get-VHD's VhdType, BlockSize, sector sizes) and its
// virtual size (the disk the VM sees) beside its size on disk (what the volume gives it).

/** Hyper-V's defaults for a new VHDX (New-VHD): 32 MiB blocks, 512-byte logical, 4 KiB physical sectors. */
export const DEFAULT_VHD_BLOCK_BYTES = 32 * 1024 ** 2
export const DEFAULT_LOGICAL_SECTOR_BYTES = 512
export const DEFAULT_PHYSICAL_SECTOR_BYTES = 4096

export const isVhdx = (file: Pick<FileEntry, 'path'>): boolean => /\.vhdx$/i.test(file.path)

/**
 * A VHDX's layout, or null for other files. Files made before the lab recorded it (OS disks, images,
 * older labs) read as Hyper-V's defaults: fixed when the file is as large as its disk.
 */
export function vhdFormatOf(file: FileEntry): VhdFormat | null {
  if (!isVhdx(file)) return null
  if (file.vhd) return file.vhd
  const fixed = file.allocatedBytes >= file.sizeBytes
  return {
    type: fixed ? 'Fixed' : 'Dynamic',
    blockSizeBytes: fixed ? 0 : DEFAULT_VHD_BLOCK_BYTES,
    logicalSectorBytes: DEFAULT_LOGICAL_SECTOR_BYTES,
    physicalSectorBytes: DEFAULT_PHYSICAL_SECTOR_BYTES,
  }
}

/** The layout the msvhd driver gives a claim's VHDX from its StorageClass parameters (facts §4). */
export function vhdFormatFromClass(parameters: Readonly<Record<string, string>> | undefined): VhdFormat {
  const fixed = parameters?.dynamic === 'false'
  const bytes = (value: string | undefined, fallback: number) => {
    const n = Number(value)
    return Number.isSafeInteger(n) && n > 0 ? n : fallback
  }
  return {
    type: fixed ? 'Fixed' : 'Dynamic',
    blockSizeBytes: fixed ? 0 : bytes(parameters?.blocksize, DEFAULT_VHD_BLOCK_BYTES),
    logicalSectorBytes: bytes(parameters?.logicalsectorsize, DEFAULT_LOGICAL_SECTOR_BYTES),
    physicalSectorBytes: bytes(parameters?.physicalsectorsize, DEFAULT_PHYSICAL_SECTOR_BYTES),
  }
}
