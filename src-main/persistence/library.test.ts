import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fileNameFor, LabLibrary } from './library'
import { useTempDir } from './testkit'

const tmp = useTempDir()

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute))

function labFile(library: LabLibrary, name: string): string {
  const file = library.pathFor(name)
  fs.writeFileSync(file, 'lab')
  return file
}

describe('LabLibrary', () => {
  it('keeps labs in <dataDir>/labs, which it creates', () => {
    const library = new LabLibrary(join(tmp.dir, 'data'))
    expect(library.labsDir).toBe(join(tmp.dir, 'data', 'labs'))
    expect(fs.statSync(library.labsDir).isDirectory()).toBe(true)
    expect(library.recent()).toEqual([])
  })

  it('gives a free, sanitised path for a lab name', () => {
    const library = new LabLibrary(tmp.dir)
    expect(library.pathFor('My lab')).toBe(join(library.labsDir, 'My lab.hcilab'))
    labFile(library, 'My lab')
    expect(library.pathFor('My lab')).toBe(join(library.labsDir, 'My lab (2).hcilab'))
    labFile(library, 'My lab')
    expect(library.pathFor('My lab')).toBe(join(library.labsDir, 'My lab (3).hcilab'))
    expect(library.pathFor('a/b\\c:d*e?"f"<g>|h')).toBe(join(library.labsDir, 'a_b_c_d_e__f__g__h.hcilab'))
  })

  it('makes file names valid everywhere', () => {
    expect(fileNameFor('  Lab\t one  ')).toBe('Lab one')
    expect(fileNameFor('trailing dots...')).toBe('trailing dots')
    expect(fileNameFor('...')).toBe('Lab')
    expect(fileNameFor('')).toBe('Lab')
    expect(fileNameFor('CON')).toBe('CON_')
    expect(fileNameFor('nul.txt')).toBe('nul.txt_')
    expect(fileNameFor('x'.repeat(100))).toHaveLength(64)
  })

  it('lists recently opened labs newest first, once each', () => {
    const library = new LabLibrary(tmp.dir)
    const a = labFile(library, 'A')
    const b = labFile(library, 'B')
    library.touch(a, 'A', at(1))
    library.touch(b, 'B', at(2))
    library.touch(a, 'A renamed', at(3))
    expect(library.recent()).toEqual([
      { name: 'A renamed', file: a, lastOpened: at(3).toISOString() },
      { name: 'B', file: b, lastOpened: at(2).toISOString() },
    ])
    // Another library object on the same folder reads the same list.
    expect(new LabLibrary(tmp.dir).recent().map((e) => e.name)).toEqual(['A renamed', 'B'])
  })

  it('leaves out labs whose file is gone, and forgets on request', () => {
    const library = new LabLibrary(tmp.dir)
    const a = labFile(library, 'A')
    const b = labFile(library, 'B')
    library.touch(a, 'A', at(1))
    library.touch(b, 'B', at(2))
    fs.rmSync(b)
    expect(library.recent().map((e) => e.name)).toEqual(['A'])
    library.forget(a)
    expect(library.recent()).toEqual([])
  })

  it('keeps at most 20 entries', () => {
    const library = new LabLibrary(tmp.dir)
    for (let i = 0; i < 25; i++) library.touch(labFile(library, `Lab ${i}`), `Lab ${i}`, at(i))
    const names = library.recent().map((e) => e.name)
    expect(names).toHaveLength(20)
    expect(names[0]).toBe('Lab 24')
    expect(names.at(-1)).toBe('Lab 5')
  })

  it('writes the list atomically, leaving no temporary file', () => {
    const library = new LabLibrary(tmp.dir)
    library.touch(labFile(library, 'A'), 'A', at(1))
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['labs', 'recent.json'])
    expect(JSON.parse(fs.readFileSync(join(tmp.dir, 'recent.json'), 'utf8'))).toHaveLength(1)
  })

  it('treats an unreadable list as empty, and skips bad entries', () => {
    const library = new LabLibrary(tmp.dir)
    const a = labFile(library, 'A')
    fs.writeFileSync(join(tmp.dir, 'recent.json'), '{ not json')
    expect(library.recent()).toEqual([])
    const good = { name: 'A', file: a, lastOpened: at(1).toISOString() }
    fs.writeFileSync(join(tmp.dir, 'recent.json'), JSON.stringify([{ name: 5 }, good, 'x']))
    expect(library.recent()).toEqual([good])
    library.touch(a, 'A', at(2)) // rewriting repairs the list
    expect(library.recent()).toHaveLength(1)
  })
})
