import fs from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { Command, NewLabInput } from '@shared/commands'
import { Lab } from '../engine/lab'
import { writeLabFile } from './build'
import { clockSum, commandSum, snapshotSum } from './checksum'
import { fileErrors } from './errors'
import { publish, removeOrphanSidecars, removeStaleTemps, removeWithSidecars, tempPathFor } from './files'
import { openFile, openWriter, type OpenedFile } from './open'

export { SCHEMA_VERSION } from './schema'

/** A snapshot is written with every N-th command, so reopening replays fewer than N commands. */
export const SNAPSHOT_EVERY = 100
/**
 * A snapshot is also written when the clock is saved this much virtual time after the latest one,
 * so that reopening does not replay a long stretch of time (events run every virtual minute).
 */
export const CLOCK_SNAPSHOT_GAP = 24 * 3_600_000
/** On close, a snapshot is written when the saved clock is this far past the latest one. */
export const CLOSE_SNAPSHOT_GAP = 60_000

/**
 * One open .hcilab file. The host applies a command to its Lab and, if the engine accepted it,
 * appends it here; `append` returns only once the command is durable, and only then may the host
 * acknowledge it. Append only accepted commands: replay requires every logged one to succeed. If
 * `append` throws, the lab in memory is ahead of its file: do not acknowledge, and reopen the file.
 *
 * The store keeps the lab it was opened with, to snapshot it when its clock is saved.
 */
export class LabStore {
  private db: Database.Database | undefined
  private nextSeq: number
  private lastAt: number
  private lastSnapshotAt: number
  private savedClock: number | undefined
  /** An append failed: the lab is ahead of the file, so it is never snapshotted again. */
  private aheadOfFile = false
  private readonly insertCommand: Database.Statement
  private readonly insertSnapshot: Database.Statement
  private readonly pruneSnapshots: Database.Statement
  private readonly upsertClock: Database.Statement

  private constructor(
    readonly file: string,
    private readonly lab: Lab,
    private readonly opened: OpenedFile,
  ) {
    this.db = opened.db
    this.nextSeq = opened.lastSeq + 1
    this.lastAt = opened.lastAt
    this.lastSnapshotAt = opened.lastSnapshotAt
    const db = opened.db
    this.insertCommand = db.prepare('INSERT INTO commands (seq, at, body, sum) VALUES (?, ?, ?, ?)')
    this.insertSnapshot = db.prepare('INSERT INTO snapshots (seq, state, sum) VALUES (?, ?, ?)')
    // The first snapshot stays (the whole history can be replayed from it); older ones go.
    this.pruneSnapshots = db.prepare(
      'DELETE FROM snapshots WHERE rowid <> (SELECT min(rowid) FROM snapshots) AND rowid < ?',
    )
    this.upsertClock = db.prepare(
      'INSERT INTO clock (id, now, sum) VALUES (1, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET now = excluded.now, sum = excluded.sum',
    )
  }

  /** Commands replayed on top of the latest snapshot when the file was opened. */
  get replayedOnOpen(): number {
    return this.opened.replayed
  }

  /** The file or its folder cannot be written: the lab can be looked at, not changed. */
  get readOnly(): boolean {
    return this.opened.readOnly
  }

  /** Set when the file was damaged and opened at its last good point: what happened, for a person. */
  get recovery(): string | undefined {
    return this.opened.recovery
  }

  /** The part of `recovery` that says what was damaged and lost, for a host that words the rest. */
  get damage(): string | undefined {
    return this.opened.damage
  }

  /** Creates a new lab file (never over an existing one) holding the initial snapshot. */
  static create(file: string, input: NewLabInput): { store: LabStore; lab: Lab } {
    if (fs.existsSync(file)) throw fileErrors.exists(file)
    const lab = Lab.create(input)
    const tmp = tempPathFor(file)
    try {
      removeStaleTemps(dirname(file))
      removeWithSidecars(tmp)
      const state = JSON.stringify(lab.state)
      writeLabFile(tmp, { base: { seq: 0, state }, commands: [], clock: lab.now })
      removeOrphanSidecars(file)
    } catch (e) {
      removeWithSidecars(tmp)
      throw fileErrors.io(file, 'create', e)
    }
    // Built aside and published whole: a crash never leaves a half-made lab under the real name.
    publish(tmp, file)
    const db = openWriter(file)
    const opened: OpenedFile = {
      db,
      lastSeq: 0,
      lastAt: lab.now,
      lastSnapshotAt: lab.now,
      replayed: 0,
      readOnly: false,
      close: () => db.close(),
    }
    return { store: new LabStore(file, lab, opened), lab }
  }

  /**
   * Opens a lab file: reads it (a damaged one at its last good point, kept aside and rebuilt), then
   * migrates it (after a backup). A file that cannot be written opens read-only.
   */
  static open(file: string): { store: LabStore; lab: Lab } {
    const { lab, opened } = openFile(file)
    const store = new LabStore(file, lab, opened)
    try {
      // A file saved without a snapshot near its clock (older versions) took long to replay: once.
      if (lab.now - opened.lastSnapshotAt > CLOCK_SNAPSHOT_GAP) store.saveClock(lab.now)
    } catch {
      // Only the next opening's shortcut is lost; the lab is open and whole.
    }
    return { store, lab }
  }

  /**
   * Appends a command the lab has just applied. `at` is the virtual time it was applied at
   * (lab.now before dispatch); `lab` is the lab after it, snapshotted every SNAPSHOT_EVERY commands.
   * Durable when it returns; throws (and nothing is stored) otherwise.
   */
  append(command: Command, at: number, lab: Lab): void {
    const db = this.writer()
    if (this.readOnly) throw fileErrors.readOnly(this.file)
    // A wrong time would replay the command at another moment: a host bug, caught here.
    if (!(at >= this.lastAt && at <= lab.now))
      throw new Error(
        `append: time ${at} is outside [${this.lastAt}, ${lab.now}] (pass lab.now before dispatch)`,
      )
    const seq = this.nextSeq
    const body = JSON.stringify(command)
    const snapshot = seq % SNAPSHOT_EVERY === 0 ? JSON.stringify(lab.state) : undefined
    try {
      db.transaction(() => {
        this.insertCommand.run(seq, at, body, commandSum(seq, at, body))
        if (snapshot !== undefined) this.writeSnapshot(seq, snapshot)
      })()
    } catch (e) {
      this.aheadOfFile = true
      throw fileErrors.io(this.file, 'save a command to', e)
    }
    this.nextSeq = seq + 1
    this.lastAt = at
    if (snapshot !== undefined) this.lastSnapshotAt = lab.now
  }

  /**
   * Records the virtual clock, which moves without commands (the host calls this about once a
   * second), with a snapshot when it is far from the latest one. Nothing to do in a read-only lab.
   */
  saveClock(now: number): void {
    if (this.readOnly) return
    this.writeClock(now, CLOCK_SNAPSHOT_GAP, 'save the clock to')
  }

  /** Closes the file (its log is checkpointed into it). Saves nothing beyond what was given. */
  close(): void {
    if (!this.db) return
    try {
      // Reopening then starts where the clock was saved, instead of replaying the time since.
      if (!this.readOnly && this.savedClock !== undefined)
        this.writeClock(this.savedClock, CLOSE_SNAPSHOT_GAP, 'close')
    } catch {
      // Only a shortcut for the next opening is lost: the clock itself was saved already.
    } finally {
      this.db = undefined
      this.opened.close()
    }
  }

  /** A consistent copy of the lab to a new file (save as, export); never overwrites. */
  copyTo(file: string): void {
    const db = this.writer()
    if (fs.existsSync(file)) throw fileErrors.exists(file)
    const tmp = tempPathFor(file)
    try {
      removeWithSidecars(tmp)
      db.prepare('VACUUM INTO ?').run(tmp)
      // The copy comes out in rollback-journal mode; every lab file is in WAL mode, copies too.
      const copy = new Database(tmp)
      copy.pragma('journal_mode = WAL')
      copy.close()
      removeOrphanSidecars(file)
    } catch (e) {
      removeWithSidecars(tmp)
      throw fileErrors.io(file, 'write', e)
    }
    publish(tmp, file)
  }

  private writeClock(now: number, gap: number, action: string): void {
    const db = this.writer()
    // Only the lab as it is at the saved time, and never one ahead of its file.
    const due = !this.aheadOfFile && now === this.lab.now && now - this.lastSnapshotAt > gap
    const snapshot = due ? JSON.stringify(this.lab.state) : undefined
    try {
      db.transaction(() => {
        this.upsertClock.run(now, clockSum(now))
        if (snapshot !== undefined) this.writeSnapshot(this.nextSeq - 1, snapshot)
      })()
    } catch (e) {
      throw fileErrors.io(this.file, action, e)
    }
    this.savedClock = now
    if (snapshot !== undefined) this.lastSnapshotAt = now
  }

  private writeSnapshot(seq: number, state: string): void {
    const { lastInsertRowid } = this.insertSnapshot.run(seq, state, snapshotSum(seq, state))
    this.pruneSnapshots.run(lastInsertRowid)
  }

  private writer(): Database.Database {
    if (!this.db) throw new Error(`The lab file ${this.file} is closed.`)
    return this.db
  }
}
