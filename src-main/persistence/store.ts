import fs from 'node:fs'
import Database from 'better-sqlite3'
import type { Command, NewLabInput } from '@shared/commands'
import { Lab } from '../engine/lab'
import { errorCode, fileErrors, LabFileError } from './errors'
import { publish, removeOrphanSidecars, removeWithSidecars, tempPathFor, writeBackup } from './files'
import { loadLab } from './load'
import { APP_VERSION, configureWriter, FILE_FORMAT, migrate, SCHEMA_VERSION } from './schema'

export { SCHEMA_VERSION } from './schema'

/** A snapshot is written with every N-th command, so reopening replays fewer than N commands. */
export const SNAPSHOT_EVERY = 100

/**
 * One open .hcilab file. The host applies a command to its Lab and, if the engine accepted it,
 * appends it here; `append` returns only once the command is durable, and only then may the host
 * acknowledge it. Append only accepted commands: replay requires every logged one to succeed. If
 * `append` throws, the lab in memory is ahead of its file: do not acknowledge, and reopen the file.
 */
export class LabStore {
  private db: Database.Database | undefined
  private nextSeq: number
  private lastAt: number
  private readonly insertCommand: Database.Statement
  private readonly insertSnapshot: Database.Statement
  private readonly pruneSnapshots: Database.Statement
  private readonly upsertClock: Database.Statement

  private constructor(
    readonly file: string,
    db: Database.Database,
    last: { seq: number; at: number },
    /** Commands replayed on top of the latest snapshot when the file was opened. */
    readonly replayedOnOpen: number,
  ) {
    this.db = db
    this.nextSeq = last.seq + 1
    this.lastAt = last.at
    this.insertCommand = db.prepare('INSERT INTO commands (seq, at, body) VALUES (?, ?, ?)')
    this.insertSnapshot = db.prepare('INSERT INTO snapshots (seq, state) VALUES (?, ?)')
    // The initial snapshot stays (the whole history can be replayed from it); older ones go.
    this.pruneSnapshots = db.prepare('DELETE FROM snapshots WHERE seq <> 0 AND seq < ?')
    this.upsertClock = db.prepare(
      'INSERT INTO clock (id, now) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET now = excluded.now',
    )
  }

  /** Creates a new lab file (never over an existing one) holding the initial snapshot. */
  static create(file: string, input: NewLabInput): { store: LabStore; lab: Lab } {
    if (fs.existsSync(file)) throw fileErrors.exists(file)
    const lab = Lab.create(input)
    const tmp = tempPathFor(file)
    try {
      removeWithSidecars(tmp)
      buildFile(tmp, lab)
      removeOrphanSidecars(file)
    } catch (e) {
      removeWithSidecars(tmp)
      throw fileErrors.io(file, 'create', e)
    }
    // Built aside and published whole: a crash never leaves a half-made lab under the real name.
    publish(tmp, file)
    const db = openWriter(file)
    return { store: new LabStore(file, db, { seq: 0, at: lab.now }, 0), lab }
  }

  /** Opens a lab file: validates it read-only, replays it, then migrates it (after a backup). */
  static open(file: string): { store: LabStore; lab: Lab } {
    const loaded = loadLab(file)
    const db = openWriter(file)
    try {
      const version = Number(db.pragma('user_version', { simple: true }))
      if (version < SCHEMA_VERSION) {
        // Everything into the main file first, so that the backup is the whole lab.
        db.pragma('wal_checkpoint(TRUNCATE)')
        writeBackup(file, `${file}.v${version}.bak`)
        migrate(db, version)
      }
    } catch (e) {
      db.close()
      throw e instanceof LabFileError ? e : fileErrors.io(file, 'upgrade', e)
    }
    const last = { seq: loaded.lastSeq, at: loaded.lastAt }
    return { store: new LabStore(file, db, last, loaded.replayed), lab: loaded.lab }
  }

  /**
   * Appends a command the lab has just applied. `at` is the virtual time it was applied at
   * (lab.now before dispatch); `lab` is the lab after it, snapshotted every SNAPSHOT_EVERY commands.
   * Durable when it returns; throws (and nothing is stored) otherwise.
   */
  append(command: Command, at: number, lab: Lab): void {
    const db = this.writer()
    // A wrong time would replay the command at another moment: a host bug, caught here.
    if (!(at >= this.lastAt && at <= lab.now))
      throw new Error(
        `append: time ${at} is outside [${this.lastAt}, ${lab.now}] (pass lab.now before dispatch)`,
      )
    const seq = this.nextSeq
    const snapshot = seq % SNAPSHOT_EVERY === 0 ? JSON.stringify(lab.state) : undefined
    try {
      db.transaction(() => {
        this.insertCommand.run(seq, at, JSON.stringify(command))
        if (snapshot === undefined) return
        this.insertSnapshot.run(seq, snapshot)
        this.pruneSnapshots.run(seq)
      })()
    } catch (e) {
      throw fileErrors.io(this.file, 'save a command to', e)
    }
    this.nextSeq = seq + 1
    this.lastAt = at
  }

  /** Records the virtual clock, which moves without commands (the host calls this about once a second). */
  saveClock(now: number): void {
    const db = this.writer()
    try {
      db.transaction(() => this.upsertClock.run(now))()
    } catch (e) {
      throw fileErrors.io(this.file, 'save the clock to', e)
    }
  }

  /** Closes the file (its log is checkpointed into it). Saves nothing beyond what was given. */
  close(): void {
    const db = this.db
    this.db = undefined
    db?.close()
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

  private writer(): Database.Database {
    if (!this.db) throw new Error(`The lab file ${this.file} is closed.`)
    return this.db
  }
}

function buildFile(file: string, lab: Lab): void {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    migrate(db, 0)
    db.transaction(() => {
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
      meta.run('format', FILE_FORMAT)
      meta.run('appVersion', APP_VERSION)
      meta.run('created', new Date().toISOString())
      db.prepare('INSERT INTO snapshots (seq, state) VALUES (0, ?)').run(JSON.stringify(lab.state))
      db.prepare('INSERT INTO clock (id, now) VALUES (1, ?)').run(lab.now)
    })()
  } finally {
    db.close()
  }
}

function openWriter(file: string): Database.Database {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: true, timeout: 200 })
    configureWriter(db)
    return db
  } catch (e) {
    db?.close()
    const code = errorCode(e)
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw fileErrors.inUse(file, e)
    throw fileErrors.io(file, 'open', e)
  }
}
