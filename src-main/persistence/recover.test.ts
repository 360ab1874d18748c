import fs from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MAX_VIRTUAL_TIME } from '@shared/domain'
import { Lab } from '../engine/lab'
import { clockSum, commandSum } from './checksum'
import { LabStore } from './store'
import {
  appendWorkload,
  digest,
  knownHashes,
  labInput,
  peek,
  replayInMemory,
  useTempDir,
  type LoggedCommand,
} from './testkit'

// A lab file that fails a check opens at its last good point, says what was lost, and keeps the
// original beside it, byte for byte; the lab file then holds the recovered lab.

const tmp = useTempDir()
const DAMAGED = /\.damaged-\d{4}-\d{2}-\d{2}\.hcilab$/

afterEach(() => {
  vi.restoreAllMocks()
})

/** A closed lab file with `count` workload commands; returns its log. */
function labFile(name: string, count: number, seed = 2): { file: string; log: LoggedCommand[] } {
  const file = join(tmp.dir, name)
  const { store, lab } = LabStore.create(file, labInput(seed))
  const log = appendWorkload(store, lab, seed, count)
  store.close()
  return { file, log }
}

function edit(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file)
  change(db)
  db.close()
}

/** Opens a damaged file; checks the original was kept byte for byte; returns the lab and notice. */
function openDamaged(file: string): { lab: Lab; recovery: string; kept: string } {
  const original = digest(file)
  const { store, lab } = LabStore.open(file)
  const recovery = store.recovery ?? ''
  store.close()
  const kept = fs.readdirSync(tmp.dir).find((name) => DAMAGED.test(name))
  expect(kept, 'the original is kept beside the lab').toBeDefined()
  expect(digest(join(tmp.dir, kept!))).toBe(original)
  expect(recovery).toContain(`The original file was kept as ${kept}.`)
  return { lab, recovery, kept: kept! }
}

/** The rebuilt file reopens as it opened, without any notice, and takes new commands. */
function expectRebuilt(file: string, hash: string): void {
  const { store, lab } = LabStore.open(file)
  expect(store.recovery).toBeUndefined()
  expect(lab.hash()).toBe(hash)
  appendWorkload(store, lab, 99, 3)
  const after = lab.hash()
  store.close()
  const again = LabStore.open(file)
  expect(again.lab.hash()).toBe(after)
  again.store.close()
}

describe('opening a damaged lab at its last good point', () => {
  it('a last command the engine refuses: the lab opens before it', () => {
    const { file, log } = labFile('demo.hcilab', 3)
    edit(file, (db) => {
      const last = db.prepare('SELECT max(at) FROM commands').pluck().get() as number
      const body = '{"type":"volume.delete","name":"Nope"}'
      db.prepare('INSERT INTO commands (seq, at, body, sum) VALUES (4, ?, ?, ?)').run(
        last + 60_000,
        body,
        commandSum(4, last + 60_000, body),
      )
    })
    const { lab, recovery, kept } = openDamaged(file)
    expect(recovery).toBe(
      'The lab file "demo.hcilab" was damaged, so it opened at its last good point. Command 4 of 4 ' +
        "(volume.delete Nope) could not be replayed: No volume named 'Nope' exists on this cluster; command 4 was lost. " +
        `The original file was kept as ${kept}.`,
    )
    expect(lab.hash()).toBe(replayInMemory(2, log).hash())
    expectRebuilt(file, lab.hash())
  })

  it('a command that throws in the engine: the lab opens before it, without its half-done work', () => {
    const { file, log } = labFile('throws.hcilab', 30)
    const dispatch = Lab.prototype.dispatch
    vi.spyOn(Lab.prototype, 'dispatch').mockImplementation(function (this: Lab, input: unknown) {
      const result = dispatch.call(this, input)
      if ((input as { name?: string }).name === log[19]!.command['name' as never]) throw new Error('boom')
      return result
    })
    const { lab, recovery } = openDamaged(file)
    vi.restoreAllMocks()
    const failed = log.findIndex((c) => c.command['name' as never] === log[19]!.command['name' as never])
    expect(recovery).toContain(`Command ${failed + 1} of 30 (`)
    expect(recovery).toContain(`could not be replayed: boom; commands ${failed + 1}–30 were lost.`)
    expect(lab.hash()).toBe(replayInMemory(2, log.slice(0, failed)).hash())
    expectRebuilt(file, lab.hash())
  })

  it('a missing command: the lab opens before the gap', () => {
    const { file, log } = labFile('gap.hcilab', 5)
    edit(file, (db) => db.prepare('DELETE FROM commands WHERE seq = 3').run())
    const { lab, recovery } = openDamaged(file)
    expect(recovery).toContain('Command 3 of 5 is missing; commands 3–5 were lost.')
    expect(lab.hash()).toBe(replayInMemory(2, log.slice(0, 2)).hash())
  })

  it('a command whose text changed: it fails its check', () => {
    const { file, log } = labFile('edited.hcilab', 6)
    edit(file, (db) => db.prepare("UPDATE commands SET body = replace(body, 'V', 'W') WHERE seq = 5").run())
    const { lab, recovery } = openDamaged(file)
    expect(recovery).toMatch(/Command 5 of 6 failed its check; commands 5–6 were lost\./)
    expect(lab.hash()).toBe(replayInMemory(2, log.slice(0, 4)).hash())
  })

  it('a command moved back in time, its checksum recomputed: an impossible time', () => {
    const { file, log } = labFile('time.hcilab', 3)
    edit(file, (db) => {
      const body = '{"type":"clock.advance","ms":1}'
      db.prepare('INSERT INTO commands (seq, at, body, sum) VALUES (4, 0, ?, ?)').run(
        body,
        commandSum(4, 0, body),
      )
    })
    const { lab, recovery } = openDamaged(file)
    expect(recovery).toContain('Command 4 of 4 has an impossible time; command 4 was lost.')
    expect(lab.hash()).toBe(replayInMemory(2, log).hash())
  })

  it('a damaged latest snapshot: rebuilt from the first one, nothing lost', () => {
    const { file, log } = labFile('snap.hcilab', 250)
    edit(file, (db) =>
      db.prepare("UPDATE snapshots SET state = replace(state, 'Volume', 'Vol') WHERE seq = 200").run(),
    )
    const { lab, recovery } = openDamaged(file)
    expect(recovery).toContain('The snapshot at command 200 failed its check.')
    expect(recovery).not.toContain('lost')
    expect(lab.hash()).toBe(replayInMemory(2, log).hash())
    expectRebuilt(file, lab.hash())
  })

  it('an impossible saved clock is ignored, and said so', () => {
    const { file, log } = labFile('clock.hcilab', 4)
    edit(file, (db) => db.prepare('UPDATE clock SET now = ?, sum = ?').run(9e15, clockSum(9e15)))
    expect(9e15).toBeGreaterThan(MAX_VIRTUAL_TIME)
    const { lab, recovery } = openDamaged(file)
    expect(recovery).toContain(
      'The saved clock (9000000000000000) is beyond the latest time a lab can reach; the lab opened at the time of its last command.',
    )
    expect(lab.hash()).toBe(replayInMemory(2, log).hash())
  })

  it('a file cut short: it opens with what it still holds', () => {
    const { file, log } = labFile('cut.hcilab', 250)
    const page = fs.readFileSync(file).readUInt16BE(16)
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / page / 2) * page)
    const { lab, recovery } = openDamaged(file)
    expect(recovery).toContain('The file was cut short.')
    expect(knownHashes(2, log).has(lab.hash())).toBe(true)
  })

  it('numbers the kept originals of one day', () => {
    const { file } = labFile('twice.hcilab', 4)
    const damage = () => edit(file, (db) => db.prepare("UPDATE clock SET sum = 'x'").run())
    damage()
    LabStore.open(file).store.close()
    damage()
    LabStore.open(file).store.close()
    const kept = fs
      .readdirSync(tmp.dir)
      .filter((n) => n.includes('.damaged-'))
      .sort()
    expect(kept).toHaveLength(2)
    expect(kept[0]).toMatch(/^twice\.damaged-\d{4}-\d{2}-\d{2}-2\.hcilab$/)
    expect(kept[1]).toMatch(DAMAGED)
  })
})

describe('snapshots taken with the clock', () => {
  it('a file whose clock is far past its latest snapshot (as older versions saved it) gets one on opening', () => {
    const file = join(tmp.dir, 'old-far.hcilab')
    const { store, lab } = LabStore.create(file, labInput(3))
    const log = appendWorkload(store, lab, 3, 5)
    store.close()
    const far = lab.now + 3 * 24 * 3_600_000
    const db = new Database(file)
    db.prepare('UPDATE clock SET now = ?, sum = ?').run(far, clockSum(far))
    db.close()
    const first = LabStore.open(file)
    expect(first.lab.now).toBe(far)
    first.store.close()
    const again = LabStore.open(file)
    expect(again.store.replayedOnOpen).toBe(0)
    expect(again.lab.hash()).toBe(replayInMemory(3, log, far).hash())
    again.store.close()
  })

  it('a clock saved far past the latest snapshot is saved with one, so reopening replays no time', () => {
    const file = join(tmp.dir, 'far.hcilab')
    const { store, lab } = LabStore.create(file, labInput(3))
    const log = appendWorkload(store, lab, 3, 5)
    lab.advanceTo(lab.now + 3 * 24 * 3_600_000)
    store.saveClock(lab.now)
    store.close()
    const latest = peek(file, (db) =>
      db.prepare('SELECT seq, state FROM snapshots ORDER BY rowid DESC LIMIT 1').get(),
    ) as { seq: number; state: string }
    expect(latest.seq).toBe(5)
    expect((JSON.parse(latest.state) as { clock: { now: number } }).clock.now).toBe(lab.now)
    const reopened = LabStore.open(file)
    expect(reopened.store.replayedOnOpen).toBe(0)
    expect(reopened.lab.hash()).toBe(replayInMemory(3, log, lab.now).hash())
    reopened.store.close()
    // The first snapshot stays: the whole history can still be replayed from it.
    expect(peek(file, (db) => db.prepare('SELECT min(seq) FROM snapshots').pluck().get())).toBe(0)
  })
})
