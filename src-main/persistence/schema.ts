import type Database from 'better-sqlite3'
import { version } from '../../package.json'

// The layout of a .hcilab file. The engine is deterministic, so a lab is its snapshots plus the log
// of commands applied after them; replaying the log rebuilds the exact state.

/** `PRAGMA application_id`: 'HCIL' in ASCII. Tells our files from any other SQLite database. */
export const APPLICATION_ID = 0x4843494c
export const FILE_FORMAT = 'hcilab'
export const APP_VERSION: string = version

type Migration = (db: Database.Database) => void

/**
 * MIGRATIONS[v] turns a version-v file into version v + 1. New files run them all from 0, so a
 * created file and a migrated one are built by the same statements. Never edit a step once released:
 * files in the wild were written by it. Tables are not STRICT: virtual times may be fractional.
 *
 * Add a step (an empty one if need be) whenever a file could hold something older builds cannot
 * replay (a new command type, a new state shape): they then refuse it as a newer version instead of
 * reporting damage.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: meta, the command log and snapshots.
  (db) => {
    db.pragma(`application_id = ${APPLICATION_ID}`)
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE commands (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL);
      CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, state TEXT NOT NULL);
    `)
  },
  // 1 → 2: the virtual clock, which moves without commands, saved in a one-row table. A version-1
  // file has no saved clock: it reopens at the time of its last command.
  (db) => {
    db.exec('CREATE TABLE clock (id INTEGER PRIMARY KEY CHECK (id = 1), now INTEGER NOT NULL)')
  },
]

export const SCHEMA_VERSION = MIGRATIONS.length

/** Runs the steps from `from` to `to`, each in its own transaction with its new user_version. */
export function migrate(db: Database.Database, from: number, to = SCHEMA_VERSION): void {
  for (let v = from; v < to; v++) {
    const step = MIGRATIONS[v]!
    db.transaction(() => {
      step(db)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}

/** The connection settings of a writer: durable commits, and one writer per file. */
export function configureWriter(db: Database.Database): void {
  // Exclusive locking: a second window or program cannot open the lab while it is open here, and
  // WAL needs no shared-memory file. The lock is taken by the first read, done right away.
  db.pragma('locking_mode = EXCLUSIVE')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('user_version')
}
