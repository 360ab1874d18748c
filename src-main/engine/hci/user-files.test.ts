import { describe, expect, it } from 'vitest'
import type { CommandInput } from '@shared/commands'
import type { FileEntry } from '@shared/domain'
import { GiB } from '@shared/s2d'
import { Tx } from '../core/tx'
import type { LabState } from '../core/state'
import { Lab } from '../lab'
import { DEFAULT_HARDWARE } from './build'

// file.create and file.copy (what New-Item and Copy-Item ask of the engine), and file.delete of what
// they made (files.test.ts has the rest of file.delete). Every refusal names its reason and leaves
// the lab as it was.

const V = 'C:\\ClusterStorage\\Volume01'
const newLab = () => Lab.create({ name: 'T', seed: 3, hardware: DEFAULT_HARDWARE })

function ok(lab: Lab, command: CommandInput) {
  const result = lab.dispatch(command)
  if (!result.ok) throw new Error(result.error.message)
}

/** Puts a file straight into the ledger, as an AKS component would have. */
function place(lab: Lab, entry: Partial<FileEntry> & Pick<FileEntry, 'id' | 'path' | 'owner'>) {
  const volumeId = Object.values(lab.state.volumes)[0]!.id
  new Tx(lab.state as LabState).put('files', entry.id, {
    volumeId,
    sizeBytes: GiB,
    allocatedBytes: GiB,
    createdAt: lab.now,
    ...entry,
  })
}

const used = (lab: Lab) => Object.values(lab.state.files).reduce((sum, f) => sum + f.allocatedBytes, 0)

describe('file commands', () => {
  it('creates files and folders that take their bytes on the volume, and deletes them', () => {
    const lab = newLab()
    ok(lab, { type: 'file.create', path: `${V}\\work`, directory: true })
    ok(lab, { type: 'file.create', path: `${V}/work/notes.txt`, sizeBytes: 5 })
    ok(lab, { type: 'file.copy', source: `${V}\\work\\notes.txt`, destination: V })
    expect(Object.values(lab.state.files).map((f) => [f.path, f.allocatedBytes])).toEqual([
      [`${V}\\work`, 0],
      [`${V}\\work\\notes.txt`, 5],
      [`${V}\\notes.txt`, 5],
    ])
    const changes = lab.state.samples[Object.values(lab.state.volumes)[0]!.id]!.points.at(-1)!.changes
    expect(changes).toContainEqual({ kind: 'file-created', path: `${V}\\notes.txt`, deltaBytes: 5 })
    ok(lab, { type: 'file.delete', path: `${V}\\work\\notes.txt` })
    ok(lab, { type: 'file.delete', path: `${V}\\work` })
    expect(Object.keys(lab.state.files)).toHaveLength(1)
  })

  it.each<[string, CommandInput, string]>([
    [
      'off the volumes',
      { type: 'file.create', path: 'C:\\Temp\\a.txt' },
      "'C:\\Temp\\a.txt' is not in a volume's folder.",
    ],
    [
      'a volume root',
      { type: 'file.create', path: V, directory: true },
      `'${V}' is not in a volume's folder.`,
    ],
    ['a bad name', { type: 'file.create', path: `${V}\\a|b` }, "The file name 'a|b' is not valid."],
    [
      'no parent',
      { type: 'file.create', path: `${V}\\x\\a.txt` },
      `Could not find a part of the path '${V}\\x\\a.txt'.`,
    ],
    [
      'taken',
      { type: 'file.create', path: `${V}\\images\\os.vhdx` },
      `The file '${V}\\images\\os.vhdx' already exists.`,
    ],
    [
      'too big',
      { type: 'file.create', path: `${V}\\big.bin`, sizeBytes: 4096 * GiB },
      "There is not enough space on volume 'Volume01'",
    ],
    [
      'no source',
      { type: 'file.copy', source: `${V}\\none`, destination: V },
      `Cannot find path '${V}\\none' because it does not exist.`,
    ],
    [
      'onto itself',
      { type: 'file.copy', source: `${V}\\images\\os.vhdx`, destination: `${V}\\images` },
      'with itself',
    ],
  ])('refuses %s and changes nothing', (_, command, message) => {
    const lab = newLab()
    place(lab, {
      id: 'os',
      path: `${V}\\images\\os.vhdx`,
      owner: { kind: 'aks-host', id: 'aks-host', label: 'AKS host' },
    })
    const before = JSON.stringify(lab.state)
    const result = lab.dispatch(command)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain(message)
    expect(JSON.stringify(lab.state)).toBe(before)
  })

  it('refuses to delete a folder made with New-Item while files are in it', () => {
    const lab = newLab()
    ok(lab, { type: 'file.create', path: `${V}\\work`, directory: true })
    ok(lab, { type: 'file.create', path: `${V}\\work\\a.txt` })
    const result = lab.dispatch({ type: 'file.delete', path: `${V}\\work` })
    expect(result.ok ? '' : result.error.message).toBe(`The directory '${V}\\work' is not empty.`)
  })

  it("deletes a claim's VHDX once its cluster is gone, and frees its bytes", () => {
    const lab = newLab()
    const owner = { kind: 'pv', id: 'pvc-1', label: 'PV pvc-1 (default/claim) in cluster demo' }
    place(lab, { id: 'vhdx-gone-cluster-pvc-1', path: `${V}\\images\\disk.vhdx`, owner })
    const before = used(lab)
    ok(lab, { type: 'file.delete', path: `${V}\\images\\disk.vhdx` })
    expect(used(lab)).toBe(before - GiB)
  })

  it('copies a VHDX as a file of the same size on disk, owned by nobody', () => {
    const lab = newLab()
    const owner = { kind: 'aks-host', id: 'aks-host', label: 'AKS host' }
    place(lab, { id: 'os', path: `${V}\\images\\os.vhdx`, owner, sizeBytes: 10 * GiB, allocatedBytes: GiB })
    ok(lab, { type: 'file.copy', source: `${V}\\images\\os.vhdx`, destination: `${V}\\backup.vhdx` })
    const copy = Object.values(lab.state.files).find((f) => f.path === `${V}\\backup.vhdx`)!
    expect(copy).toMatchObject({ sizeBytes: 10 * GiB, allocatedBytes: GiB, owner: { kind: 'user' } })
    ok(lab, { type: 'file.delete', path: `${V}\\backup.vhdx` })
  })
})
