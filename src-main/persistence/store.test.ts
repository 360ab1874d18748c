import fs from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Command } from '@shared/commands'
import { LabFileError } from './errors'
import { LabStore, SCHEMA_VERSION, SNAPSHOT_EVERY } from './store'
import { appendWorkload, labInput, listing, peek, replayInMemory, useTempDir } from './testkit'

const tmp = useTempDir()

describe('LabStore', () => {
  it('reopens a lab to the same state as an in-memory lab given the same commands at the same times', () => {
    const file = join(tmp.dir, 'a.hcilab')
    const { store, lab } = LabStore.create(file, labInput(3))
    const log = appendWorkload(store, lab, 3, 40)
    store.close()
    const reopened = LabStore.open(file)
    expect(reopened.lab.hash()).toBe(replayInMemory(3, log).hash())
    expect(reopened.lab.hash()).toBe(lab.hash())
    // Appending goes on after the last command, and survives a second reopen.
    const more = appendWorkload(reopened.store, reopened.lab, 4, 10)
    reopened.store.close()
    const again = LabStore.open(file)
    expect(again.lab.hash()).toBe(replayInMemory(3, [...log, ...more]).hash())
    again.store.close()
  })

  it('bounds replay with snapshots: after 250 commands fewer than 100 are replayed', () => {
    const file = join(tmp.dir, 'snap.hcilab')
    const { store, lab } = LabStore.create(file, labInput(5))
    const log = appendWorkload(store, lab, 5, 250)
    store.close()
    const { store: reopened, lab: back } = LabStore.open(file)
    expect(reopened.replayedOnOpen).toBe(250 % SNAPSHOT_EVERY)
    expect(back.hash()).toBe(replayInMemory(5, log).hash())
    reopened.close()
    // Old snapshots are pruned: the initial one (full history) and the latest remain.
    const seqs = peek(file, (db) => db.prepare('SELECT seq FROM snapshots ORDER BY seq').pluck().all())
    expect(seqs).toEqual([0, 200])
  })

  it('persists the virtual clock, which moves without commands, fractions of a millisecond included', () => {
    const file = join(tmp.dir, 'clock.hcilab')
    const { store, lab } = LabStore.create(file, labInput())
    const log = appendWorkload(store, lab, 1, 5)
    lab.advanceTo(lab.now + 0.25)
    const command: Command = { type: 'clock.speed', speed: '60' }
    log.push({ at: lab.now, command })
    lab.dispatch(command)
    store.append(command, log.at(-1)!.at, lab)
    lab.advanceTo(lab.now + 90_000.5)
    store.saveClock(lab.now)
    store.close()
    const { store: reopened, lab: back } = LabStore.open(file)
    expect(back.now).toBe(lab.now)
    expect(back.hash()).toBe(replayInMemory(1, log, lab.now).hash())
    reopened.close()
  })

  it('refuses to create over an existing file and leaves it untouched', () => {
    const file = join(tmp.dir, 'taken.hcilab')
    fs.writeFileSync(file, 'precious')
    expect(() => LabStore.create(file, labInput())).toThrow(
      expect.objectContaining({ code: 'Exists', file, message: expect.stringContaining('already exists') }),
    )
    expect(fs.readFileSync(file, 'utf8')).toBe('precious')
    expect(fs.readdirSync(tmp.dir)).toEqual(['taken.hcilab'])
  })

  it('creates a clean lab where a deleted lab left its write-ahead log behind', () => {
    const file = join(tmp.dir, 'reused.hcilab')
    const { store, lab } = LabStore.create(file, labInput(8))
    appendWorkload(store, lab, 8, 20)
    const orphan = fs.readFileSync(`${file}-wal`) // as a crash would leave it
    store.close()
    fs.rmSync(file)
    fs.writeFileSync(`${file}-wal`, orphan)
    LabStore.create(file, labInput(8)).store.close()
    const { store: fresh, lab: freshLab } = LabStore.open(file)
    expect(fresh.replayedOnOpen).toBe(0)
    expect(freshLab.hash()).toBe(replayInMemory(8, []).hash())
    fresh.close()
  })

  it('writes a marked, current-version file', () => {
    const file = join(tmp.dir, 'new.hcilab')
    LabStore.create(file, labInput()).store.close()
    peek(file, (db) => {
      expect(db.pragma('application_id', { simple: true })).toBe(0x4843494c)
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      const meta = Object.fromEntries(db.prepare('SELECT key, value FROM meta').raw().all() as string[][])
      expect(meta).toMatchObject({ format: 'hcilab', appVersion: expect.any(String) })
      expect(Number.isNaN(Date.parse(meta.created ?? ''))).toBe(false)
    })
    expect(fs.readdirSync(tmp.dir)).toEqual(['new.hcilab'])
  })

  it('copies a consistent lab for save as / export, never over an existing file', () => {
    const file = join(tmp.dir, 'src.hcilab')
    const copy = join(tmp.dir, 'copy.hcilab')
    const { store, lab } = LabStore.create(file, labInput(9))
    appendWorkload(store, lab, 9, 30)
    store.copyTo(copy)
    expect(() => store.copyTo(copy)).toThrow(expect.objectContaining({ code: 'Exists' }))
    appendWorkload(store, lab, 10, 5) // later commands are not in the copy
    store.close()
    const { store: copied, lab: copiedLab } = LabStore.open(copy)
    expect(copiedLab.hash()).not.toBe(lab.hash())
    expect(copied.replayedOnOpen).toBe(30)
    copied.close()
    expect(peek(copy, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal')
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['copy.hcilab', 'src.hcilab'])
  })

  it('refuses a second opening of a lab that is open, without touching it', () => {
    const file = join(tmp.dir, 'busy.hcilab')
    LabStore.create(file, labInput()).store.close()
    const { store, lab } = LabStore.open(file) // locked from the start, before any write
    const before = listing(tmp.dir)
    const error = catchError(() => LabStore.open(file))
    expect(error).toMatchObject({ code: 'Io', message: expect.stringContaining('in use') })
    expect(listing(tmp.dir)).toEqual(before)
    appendWorkload(store, lab, 1, 3) // the first opener is unaffected
    store.close()
    expect(LabStore.open(file).store.replayedOnOpen).toBe(3)
  })

  it('rejects an append with a time the lab was not at, and nothing is stored', () => {
    const file = join(tmp.dir, 'time.hcilab')
    const { store, lab } = LabStore.create(file, labInput())
    const command: Command = { type: 'volume.delete', name: 'Volume01' }
    lab.dispatch(command)
    expect(() => store.append(command, lab.now + 1, lab)).toThrow(/outside/)
    store.close()
    expect(LabStore.open(file).store.replayedOnOpen).toBe(0)
  })

  it('throws on use after close', () => {
    const { store, lab } = LabStore.create(join(tmp.dir, 'c.hcilab'), labInput())
    store.close()
    store.close() // closing twice is harmless
    expect(() => store.append({ type: 'clock.advance', ms: 1 }, lab.now, lab)).toThrow(/closed/)
  })
})

function catchError(run: () => unknown): LabFileError {
  try {
    run()
  } catch (e) {
    if (e instanceof LabFileError) return e
    throw e
  }
  throw new Error('expected a LabFileError')
}
