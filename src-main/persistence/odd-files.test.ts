import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Command } from '@shared/commands'
import { fileErrors, LabFileError } from './errors'
import { LabStore } from './store'
import { appendWorkload, digest, labInput, listing, replayInMemory, useTempDir } from './testkit'

// Files that are not what they seem: pipes, read-only files and folders, full disks, the leftovers
// of a process killed while creating a lab.

const tmp = useTempDir()

afterEach(() => {
  vi.restoreAllMocks()
})

function labFile(name: string, count: number): string {
  const file = join(tmp.dir, name)
  const { store, lab } = LabStore.create(file, labInput(4))
  appendWorkload(store, lab, 4, count)
  store.close()
  return file
}

function openError(file: string): LabFileError {
  try {
    LabStore.open(file).store.close()
  } catch (e) {
    if (e instanceof LabFileError) return e
    throw e
  }
  throw new Error('expected the file to be refused')
}

/** As if `paths` were read-only (the tests run as a user who may write anywhere). */
function readOnly(...paths: string[]): void {
  const access = fs.accessSync
  vi.spyOn(fs, 'accessSync').mockImplementation((path, mode) => {
    if (paths.includes(String(path)) && mode === fs.constants.W_OK)
      throw Object.assign(new Error(`EACCES: permission denied, access '${String(path)}'`), {
        code: 'EACCES',
      })
    access(path, mode)
  })
}

describe('odd files', () => {
  it('a pipe named like a lab is refused at once, not read (which would block forever)', () => {
    const file = join(tmp.dir, 'x.hcilab')
    execFileSync('mkfifo', [file])
    expect(openError(file)).toMatchObject({
      code: 'NotALab',
      message: expect.stringContaining('not a regular file'),
    })
  })

  it('a lab whose log is a pipe is refused', () => {
    const file = labFile('piped.hcilab', 2)
    execFileSync('mkfifo', [`${file}-wal`])
    expect(openError(file).message).toMatch(/its side file piped\.hcilab-wal is not a regular file/)
  })

  it('a read-only lab opens read-only: commands are refused and the file is left as it was', () => {
    const file = labFile('shared.hcilab', 5)
    readOnly(file)
    const before = { bytes: digest(file), dir: listing(tmp.dir) }
    const { store, lab } = LabStore.open(file)
    expect(store.readOnly).toBe(true)
    expect(store.recovery).toBeUndefined()
    const command: Command = { type: 'clock.advance', ms: 60_000 }
    expect(() => store.append(command, lab.now, lab)).toThrow(
      expect.objectContaining({
        code: 'ReadOnly',
        message: expect.stringMatching(/"shared\.hcilab" is read-only/),
      }),
    )
    store.saveClock(lab.now + 1) // nothing to save to
    store.copyTo(join(tmp.dir, 'copy.hcilab')) // save as works
    store.close()
    expect(digest(file)).toBe(before.bytes)
    expect(listing(tmp.dir).filter((e) => !e.startsWith('copy.hcilab'))).toEqual(before.dir)
    expect(LabStore.open(join(tmp.dir, 'copy.hcilab')).lab.hash()).toBe(lab.hash())
  })

  it('a lab in a read-only folder, with a log not yet checkpointed, opens read-only with every command', () => {
    const file = join(tmp.dir, 'live.hcilab')
    const { store, lab } = LabStore.create(file, labInput(6))
    const log = appendWorkload(store, lab, 6, 30)
    const image = join(tmp.dir, 'image.hcilab')
    fs.copyFileSync(file, image)
    fs.copyFileSync(`${file}-wal`, `${image}-wal`)
    store.close()
    readOnly(tmp.dir)
    const before = listing(tmp.dir)
    const opened = LabStore.open(image)
    expect(opened.store.readOnly).toBe(true)
    expect(opened.lab.hash()).toBe(replayInMemory(6, log).hash())
    opened.store.close()
    expect(listing(tmp.dir)).toEqual(before)
  })

  it('a damaged read-only lab opens at its last good point in memory, and says the file was left as it was', () => {
    const file = labFile('ro-damaged.hcilab', 5)
    const db = new Database(file)
    db.prepare('DELETE FROM commands WHERE seq = 4').run()
    db.close()
    readOnly(file)
    const before = listing(tmp.dir)
    const { store } = LabStore.open(file)
    expect(store.readOnly).toBe(true)
    expect(store.recovery).toMatch(
      /Command 4 of 5 is missing; commands 4–5 were lost\. The file is read-only, so it was left/,
    )
    store.close()
    expect(listing(tmp.dir)).toEqual(before)
  })

  it('a damaged lab that cannot be repaired (the disk is full) is refused, and left as it was', () => {
    const live = join(tmp.dir, 'live.hcilab')
    const { store, lab } = LabStore.create(live, labInput(6))
    appendWorkload(store, lab, 6, 30)
    const file = join(tmp.dir, 'full.hcilab')
    fs.copyFileSync(live, file)
    fs.copyFileSync(`${live}-wal`, `${file}-wal`)
    store.close()
    fs.rmSync(live)
    // A damaged log: one flipped byte in its first frame.
    const log = fs.readFileSync(`${file}-wal`)
    log.writeUInt8(log.readUInt8(32 + 24 + 100) ^ 0x20, 32 + 24 + 100)
    fs.writeFileSync(`${file}-wal`, log)
    const before = listing(tmp.dir)
    const digests = [digest(file), digest(`${file}-wal`)]
    const rename = fs.renameSync
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to) === file)
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
      rename(from, to)
    })
    expect(openError(file)).toMatchObject({
      code: 'DiskFull',
      message:
        'The disk is full: HCI Lab could not repair the lab file "full.hcilab". Free some space and try again.',
    })
    expect(listing(tmp.dir)).toEqual(before)
    expect([digest(file), digest(`${file}-wal`)]).toEqual(digests)
  })

  it('removes what a process killed while creating a lab left behind, not what a live one is building', () => {
    const dead = join(tmp.dir, 'Lab.hcilab.999999999.creating')
    const live = join(tmp.dir, `Other.hcilab.${process.ppid}.creating`)
    for (const f of [dead, `${dead}-wal`, live]) fs.writeFileSync(f, 'half')
    LabStore.create(join(tmp.dir, 'Lab.hcilab'), labInput()).store.close()
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['Lab.hcilab', `Other.hcilab.${process.ppid}.creating`])
  })
})

describe('file errors a person can act on', () => {
  const file = '/labs/demo.hcilab'
  const error = (code: string) => Object.assign(new Error('disk I/O error'), { code })

  it('a full disk', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC'])
      expect(fileErrors.io(file, 'save a command to', error(code))).toMatchObject({
        code: 'DiskFull',
        message:
          'The disk is full: HCI Lab could not save a command to the lab file "demo.hcilab". Free some space and try again.',
      })
  })

  it('an input/output error on a disk with no room left is a full disk too', () => {
    vi.spyOn(fs, 'statfsSync').mockReturnValue({ bavail: 3, bsize: 4096 } as fs.StatsFs)
    expect(fileErrors.io(file, 'save the clock to', error('SQLITE_IOERR_WRITE')).code).toBe('DiskFull')
  })

  it('a read-only file, folder or disk', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'EACCES', 'EROFS'])
      expect(fileErrors.io(file, 'save a command to', error(code))).toMatchObject({
        code: 'ReadOnly',
        message: expect.stringMatching(/^The lab file "demo\.hcilab" is read-only/),
      })
  })
})
