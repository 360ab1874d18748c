import fs from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { LabFileError, type LabFileErrorCode } from './errors'
import { LabStore, SCHEMA_VERSION } from './store'
import { appendWorkload, digest, labInput, listing, useTempDir } from './testkit'

// Every kind of bad file is refused with its own code and message, and left exactly as it was:
// same bytes, and no side file created or removed next to it.

const tmp = useTempDir()

/** A closed, valid lab file with enough commands to span many pages. */
function goodLab(name: string, commands = 300): string {
  const file = join(tmp.dir, name)
  const { store, lab } = LabStore.create(file, labInput(2))
  appendWorkload(store, lab, 2, commands)
  store.close()
  return file
}

function expectRefused(file: string, code: LabFileErrorCode, message: RegExp): void {
  const exists = fs.existsSync(file) && fs.statSync(file).isFile()
  const before = exists ? digest(file) : ''
  const dir = listing(tmp.dir)
  let error: unknown
  try {
    LabStore.open(file).store.close()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(LabFileError)
  expect(error).toMatchObject({ code, file })
  expect((error as Error).message).toMatch(message)
  if (exists) expect(digest(file)).toBe(before)
  expect(listing(tmp.dir)).toEqual(dir)
}

function pageSize(file: string): number {
  return fs.readFileSync(file).readUInt16BE(16)
}

describe('refusing bad files', () => {
  it('a missing file: NotFound', () => {
    expectRefused(join(tmp.dir, 'nothing.hcilab'), 'NotFound', /"nothing\.hcilab" does not exist/)
  })

  it('an empty file: NotALab', () => {
    const file = join(tmp.dir, 'empty.hcilab')
    fs.writeFileSync(file, '')
    expectRefused(file, 'NotALab', /"empty\.hcilab" is not an HCI Lab file: the file is empty/)
  })

  it('a file that is not SQLite: NotALab', () => {
    const file = join(tmp.dir, 'notes.hcilab')
    fs.writeFileSync(file, 'These are my notes, not a lab.\n'.repeat(200))
    expectRefused(file, 'NotALab', /not an HCI Lab file: it is not an SQLite database/)
  })

  it('a folder: NotALab', () => {
    const folder = join(tmp.dir, 'folder.hcilab')
    fs.mkdirSync(folder)
    expectRefused(folder, 'NotALab', /it is a folder/)
  })

  it('an SQLite database of another program: NotALab', () => {
    const file = join(tmp.dir, 'other.hcilab')
    const db = new Database(file)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES (1)')
    db.close()
    expectRefused(file, 'NotALab', /SQLite database of another program/)
  })

  it('a lab from a newer version: NewerVersion', () => {
    const file = goodLab('future.hcilab', 5)
    const db = new Database(file)
    db.pragma('user_version = 99')
    db.close()
    expectRefused(
      file,
      'NewerVersion',
      new RegExp(`newer version of HCI Lab \\(file version 99; .* up to version ${SCHEMA_VERSION}\\)`),
    )
  })

  it('a lab cut inside its header: Damaged', () => {
    const file = goodLab('stub.hcilab', 1)
    fs.truncateSync(file, 50)
    expectRefused(file, 'Damaged', /the file is truncated/)
  })

  it('a lab with overwritten pages: Damaged', () => {
    const file = goodLab('scribbled.hcilab')
    const bytes = fs.readFileSync(file)
    const page = pageSize(file)
    for (let i = page; i < bytes.length; i += 7) bytes[i] = (i * 31) & 0xff
    fs.writeFileSync(file, bytes)
    expectRefused(file, 'Damaged', /"scribbled\.hcilab" is damaged/)
  })

  it('a lab whose snapshot is not a lab state: Damaged', () => {
    const file = goodLab('snapshot.hcilab', 0)
    const db = new Database(file)
    db.prepare('UPDATE snapshots SET state = \'{"format":7}\'').run()
    db.close()
    expectRefused(file, 'Damaged', /the snapshot at command 0 failed its check/)
  })

  it('a crash image (main file plus an unfinished log) is not damage: it opens with every command', () => {
    const file = join(tmp.dir, 'live.hcilab')
    const image = join(tmp.dir, 'image.hcilab')
    const { store, lab } = LabStore.create(file, labInput(4))
    appendWorkload(store, lab, 4, 20)
    // What a crash leaves on disk right now: the main file and its write-ahead log.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0)
    fs.copyFileSync(file, image)
    fs.copyFileSync(`${file}-wal`, `${image}-wal`)
    store.close()
    const reopened = LabStore.open(image)
    expect(reopened.store.replayedOnOpen).toBe(20)
    expect(reopened.lab.hash()).toBe(lab.hash())
    reopened.store.close()
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['image.hcilab', 'live.hcilab'])
  })
})
