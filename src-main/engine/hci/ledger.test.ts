import { describe, expect, it } from 'vitest'
import type { FileEntry } from '@shared/domain'
import { GiB } from '@shared/s2d'
import { Tx } from '../core/tx'
import type { LabState } from '../core/state'
import { Lab } from '../lab'
import { DEFAULT_HARDWARE } from './build'
import { MAX_CHANGES_PER_POINT, putFile, removeFile } from './ledger'

// The capacity series reads as a list of changes: each point names what moved the figures at its
// instant, and the point before it holds the figures before.

const seedLab = () => Lab.create({ name: 'T', seed: 3, hardware: DEFAULT_HARDWARE })
const MiB = 1024 ** 2
const VOLUME = 'volume-1'
const file = (name: string, allocatedBytes: number): FileEntry => ({
  id: `f-${name}`,
  volumeId: VOLUME,
  path: `C:\\ClusterStorage\\Volume01\\${name}`,
  sizeBytes: allocatedBytes,
  allocatedBytes,
  owner: { kind: 'user', id: name, label: name },
  createdAt: 0,
})
/** Runs `fn` in a transaction at `at` ms after the lab's start (tests move the clock directly). */
function at(lab: Lab, ms: number, fn: (tx: Tx) => void): void {
  const state = lab.state as LabState
  const start = lab.state.samples[VOLUME]!.points[0]!.t
  state.clock.now = start + ms
  fn(new Tx(state))
}
const points = (lab: Lab) => lab.state.samples[VOLUME]!.points

describe('the capacity series of a volume', () => {
  it('starts with the volume created', () => {
    const [first] = points(seedLab())
    expect(first?.changes).toEqual([
      { kind: 'volume-created', path: 'Volume01', deltaBytes: first!.sizeBytes },
    ])
  })

  it('records each file created, grown and deleted with its change in bytes, one point per instant', () => {
    const lab = seedLab()
    at(lab, 1000, (tx) => putFile(tx, file('a.vhdx', 64 * MiB)))
    at(lab, 2000, (tx) => putFile(tx, file('a.vhdx', 96 * MiB)))
    at(lab, 3000, (tx) => removeFile(tx, 'f-a.vhdx'))
    const [start, created, grown, deleted] = points(lab)
    const path = 'C:\\ClusterStorage\\Volume01\\a.vhdx'
    const fixed = (virtualBytes: number, virtualDeltaBytes: number) => ({
      type: 'Fixed',
      virtualBytes,
      virtualDeltaBytes,
    })
    expect(created?.changes).toEqual([
      { kind: 'file-created', path, deltaBytes: 64 * MiB, vhdx: fixed(64 * MiB, 64 * MiB) },
    ])
    expect(created!.usedBytes - start!.usedBytes).toBe(64 * MiB)
    expect(grown?.changes).toEqual([
      { kind: 'file-changed', path, deltaBytes: 32 * MiB, vhdx: fixed(96 * MiB, 32 * MiB) },
    ])
    expect(deleted?.changes).toEqual([
      { kind: 'file-deleted', path, deltaBytes: -96 * MiB, vhdx: fixed(96 * MiB, -96 * MiB) },
    ])
    expect(deleted!.usedBytes).toBe(start!.usedBytes)
  })

  it('merges changes at the same instant: one point, the same path added up', () => {
    const lab = seedLab()
    at(lab, 1000, (tx) => {
      putFile(tx, file('a.vhdx', 64 * MiB))
      putFile(tx, file('a.vhdx', 128 * MiB))
      putFile(tx, file('b.vhdx', 1 * GiB))
    })
    expect(points(lab)).toHaveLength(2)
    expect(points(lab)[1]?.changes?.map((c) => [c.kind, c.deltaBytes])).toEqual([
      ['file-created', 128 * MiB],
      ['file-created', 1 * GiB],
    ])
  })

  it('drops a file created and deleted at the same instant from the list', () => {
    const lab = seedLab()
    at(lab, 1000, (tx) => {
      putFile(tx, file('a.vhdx', 64 * MiB))
      removeFile(tx, 'f-a.vhdx')
    })
    expect(points(lab)[1]?.changes).toBeUndefined()
  })

  it('names a resize of the volume with its change in size', () => {
    const lab = seedLab()
    const before = points(lab)[0]!.sizeBytes
    lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    const r = lab.dispatch({ type: 'volume.resize', name: 'Volume01', sizeBytes: 3 * 1024 * GiB })
    expect(r.ok).toBe(true)
    const last = points(lab).at(-1)!
    expect(last.changes).toEqual([
      { kind: 'volume-resized', path: 'Volume01', deltaBytes: last.sizeBytes - before },
    ])
  })

  it('keeps at most MAX_CHANGES_PER_POINT changes an instant and counts the rest', () => {
    const lab = seedLab()
    at(lab, 1000, (tx) => {
      for (let i = 0; i < 30; i++) putFile(tx, file(`f${i}.vhdx`, MiB))
    })
    const point = points(lab)[1]!
    expect(point.changes).toHaveLength(MAX_CHANGES_PER_POINT - 1)
    expect(point.moreChanges).toBe(30 - (MAX_CHANGES_PER_POINT - 1))
    expect(point.usedBytes - points(lab)[0]!.usedBytes).toBe(30 * MiB)
  })

  it('names a VHDX’s virtual size beside its bytes on disk: 100 GiB dynamic, 4 MiB on disk', () => {
    const lab = seedLab()
    const path = 'C:\\ClusterStorage\\Volume01\\images\\pvc.vhdx'
    const vhdx: FileEntry = {
      ...file('pvc.vhdx', 4 * MiB),
      path,
      sizeBytes: 100 * GiB,
      vhd: { type: 'Dynamic', blockSizeBytes: 32 * MiB, logicalSectorBytes: 4096, physicalSectorBytes: 4096 },
    }
    at(lab, 1000, (tx) => putFile(tx, vhdx))
    at(lab, 2000, (tx) => putFile(tx, { ...vhdx, sizeBytes: 200 * GiB }))
    at(lab, 2000, (tx) => putFile(tx, { ...vhdx, sizeBytes: 200 * GiB, allocatedBytes: 36 * MiB }))
    const [start, created, expanded] = points(lab)
    expect(created?.changes).toEqual([
      {
        kind: 'file-created',
        path,
        deltaBytes: 4 * MiB,
        vhdx: { type: 'Dynamic', virtualBytes: 100 * GiB, virtualDeltaBytes: 100 * GiB },
      },
    ])
    expect(created!.usedBytes - start!.usedBytes).toBe(4 * MiB)
    // Expanded and written at one instant: one change, both sizes added up.
    expect(expanded?.changes).toEqual([
      {
        kind: 'file-changed',
        path,
        deltaBytes: 32 * MiB,
        vhdx: { type: 'Dynamic', virtualBytes: 200 * GiB, virtualDeltaBytes: 100 * GiB },
      },
    ])
  })

  it('leaves files that are not VHDX without a virtual size', () => {
    const lab = seedLab()
    at(lab, 1000, (tx) => putFile(tx, file('kubeconfig', 8 * 1024)))
    expect(points(lab)[1]?.changes?.[0]?.vhdx).toBeUndefined()
  })
})
