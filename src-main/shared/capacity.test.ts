import { describe, expect, it } from 'vitest'
import { vhdxProvisioning, type VolumeCapacity } from './capacity'
import type { FileEntry } from './domain'
import { GiB } from './s2d'
import { vhdFormatFromClass, vhdFormatOf } from './vhdx'

// How much of a volume is provisioned to VHDX files: the blog's 100 GiB claim on a dynamic VHDX is
// 100 GiB provisioned and 4 MiB on disk; the volume is overcommitted when the VHDX files can grow
// past its free space.

const MiB = 1024 ** 2
const volume = {
  id: 'v1',
  name: 'Volume01',
  resiliency: 'Mirror',
  sizeBytes: 200 * GiB,
  mirrorSizeBytes: 0,
  provisioning: 'Fixed',
} as unknown as VolumeCapacity['volume']
const cap = (freeBytes: number): VolumeCapacity =>
  ({ volume, fileSystemBytes: 200 * GiB, usedBytes: 200 * GiB - freeBytes, freeBytes }) as VolumeCapacity
let n = 0
const file = (path: string, sizeBytes: number, allocatedBytes: number, volumeId = 'v1'): FileEntry => ({
  id: `f${n++}`,
  volumeId,
  path: `C:\\ClusterStorage\\Volume01\\${path}`,
  sizeBytes,
  allocatedBytes,
  owner: { kind: 'test', id: path, label: path },
  createdAt: 0,
})
const byId = (...files: FileEntry[]) => Object.fromEntries(files.map((f) => [f.id, f]))

describe('VHDX provisioning of a volume', () => {
  it('adds up virtual sizes and bytes on disk of the VHDX files only', () => {
    const files = byId(
      file('images\\pvc.vhdx', 100 * GiB, 4 * MiB),
      file('images\\os.vhdx', 40 * GiB, 40 * GiB),
      file('images\\catalog.json', MiB, MiB),
      file('other.vhdx', 500 * GiB, 4 * MiB, 'v2'),
    )
    expect(vhdxProvisioning(cap(150 * GiB), files)).toEqual({
      fileCount: 2,
      provisionedBytes: 140 * GiB,
      onDiskBytes: 40 * GiB + 4 * MiB,
      growthBytes: 100 * GiB - 4 * MiB,
      freeBytes: 150 * GiB,
      overcommitted: false,
    })
  })

  it('is overcommitted when the dynamic VHDX files can grow past the free space', () => {
    const files = byId(file('a.vhdx', 100 * GiB, 4 * MiB), file('b.vhdx', 100 * GiB, 4 * MiB))
    expect(vhdxProvisioning(cap(199 * GiB), files).overcommitted).toBe(true)
    expect(vhdxProvisioning(cap(200 * GiB), files).overcommitted).toBe(false)
  })

  it('is nothing on a volume without VHDX files', () => {
    expect(vhdxProvisioning(cap(200 * GiB), {})).toMatchObject({ fileCount: 0, provisionedBytes: 0 })
  })
})

describe('a VHDX’s layout', () => {
  it('follows the StorageClass parameters the msvhd driver takes', () => {
    expect(
      vhdFormatFromClass({ dynamic: 'false', blocksize: '33554432', logicalsectorsize: '4096' }),
    ).toEqual({
      type: 'Fixed',
      blockSizeBytes: 0,
      logicalSectorBytes: 4096,
      physicalSectorBytes: 4096,
    })
    expect(vhdFormatFromClass({ dynamic: 'true', blocksize: '1048576', physicalsectorsize: '512' })).toEqual({
      type: 'Dynamic',
      blockSizeBytes: MiB,
      logicalSectorBytes: 512,
      physicalSectorBytes: 512,
    })
    expect(vhdFormatFromClass({ blocksize: 'lots' }).blockSizeBytes).toBe(32 * MiB)
  })

  it('reads a file without a recorded layout as Hyper-V’s defaults, and other files as none', () => {
    expect(vhdFormatOf(file('os.vhdx', GiB, GiB))).toMatchObject({ type: 'Fixed', blockSizeBytes: 0 })
    expect(vhdFormatOf(file('d.VHDX', GiB, 4 * MiB))).toMatchObject({
      type: 'Dynamic',
      logicalSectorBytes: 512,
    })
    expect(vhdFormatOf(file('catalog.json', MiB, MiB))).toBeNull()
  })
})
