import Database from 'better-sqlite3'
import type { LabState } from '../engine/core/state'
import { Lab } from '../engine/lab'
import { errorCode, fileErrors, LabFileError, reasonOf } from './errors'
import { checkHeader, existingSidecars, removeNewSidecars } from './files'
import { addAksShape, addClusterShape, APPLICATION_ID, FILE_FORMAT, SCHEMA_VERSION } from './schema'

// Opening a lab file is read-only until it has proved to be a whole, readable lab of a version we
// know, so nothing is ever written to a file we refuse: not a migration, not even a checkpoint.

export interface LoadedLab {
  lab: Lab
  version: number
  /** The last command in the log (or the snapshot's seq when the log after it is empty). */
  lastSeq: number
  lastAt: number
  /** How many logged commands were replayed on top of the snapshot. */
  replayed: number
}

interface CommandRow {
  seq: number
  at: number
  body: string
}

export function loadLab(file: string): LoadedLab {
  checkHeader(file)
  const before = existingSidecars(file)
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 200 })
    return readLab(db, file)
  } catch (e) {
    throw asFileError(file, e)
  } finally {
    db?.close()
    removeNewSidecars(file, before)
  }
}

function readLab(db: Database.Database, file: string): LoadedLab {
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
    throw fileErrors.notALab(file, 'it is an SQLite database of another program')
  const version = Number(db.pragma('user_version', { simple: true }))
  if (version > SCHEMA_VERSION) throw fileErrors.newer(file, version, SCHEMA_VERSION)
  if (version < 1) throw fileErrors.damaged(file, 'it has no schema version')
  const problems = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
  if (problems[0]?.quick_check !== 'ok')
    throw fileErrors.damaged(file, `SQLite reports: ${problems.map((p) => p.quick_check).join('; ')}`)
  const format = db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get()
  if (format !== FILE_FORMAT) throw fileErrors.damaged(file, 'its format marker is missing')
  return replay(db, file, version)
}

/** The latest snapshot, then every later command at its time, then the saved clock. */
function replay(db: Database.Database, file: string, version: number): LoadedLab {
  const snapshot = db.prepare('SELECT seq, state FROM snapshots ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; state: string } | undefined
  if (!snapshot) throw fileErrors.damaged(file, 'it has no snapshot')
  const lab = Lab.fromState(parseState(file, snapshot.seq, snapshot.state))
  const rows = db
    .prepare('SELECT seq, at, body FROM commands WHERE seq > ? ORDER BY seq')
    .iterate(snapshot.seq) as IterableIterator<CommandRow>
  let lastSeq = snapshot.seq
  let lastAt = lab.now
  for (const row of rows) {
    if (row.seq !== lastSeq + 1) throw fileErrors.damaged(file, `command ${lastSeq + 1} is missing`)
    if (typeof row.at !== 'number' || row.at < lab.now)
      throw fileErrors.damaged(file, `command ${row.seq} has an impossible time`)
    lab.advanceTo(row.at)
    const result = lab.dispatch(parseJson(file, `command ${row.seq}`, row.body))
    if (!result.ok)
      throw fileErrors.damaged(file, `command ${row.seq} could not be replayed: ${result.error.message}`)
    lastSeq = row.seq
    lastAt = row.at
  }
  if (version >= 2) {
    const clock = db.prepare('SELECT now FROM clock WHERE id = 1').pluck().get()
    if (typeof clock === 'number') lab.advanceTo(clock)
  }
  return { lab, version, lastSeq, lastAt, replayed: lastSeq - snapshot.seq }
}

function parseState(file: string, seq: number, text: string): LabState {
  const state = parseJson(file, `snapshot ${seq}`, text) as Partial<LabState> | null
  // A light shape check: the engine trusts its state, so reject what is clearly not one.
  const ok =
    state !== null &&
    typeof state === 'object' &&
    state.format === 1 &&
    typeof state.clock?.now === 'number' &&
    Array.isArray(state.queue)
  if (!ok) throw fileErrors.damaged(file, `snapshot ${seq} is not a lab state`)
  // Files older than version 4 are read before they are migrated: give their state what it lacks.
  return addClusterShape(addAksShape(state as Record<string, unknown>)) as unknown as LabState
}

function parseJson(file: string, what: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw fileErrors.damaged(file, `${what} is not readable`, e)
  }
}

/** Maps what SQLite or the engine threw while reading to the error a person can act on. */
function asFileError(file: string, e: unknown): LabFileError {
  if (e instanceof LabFileError) return e
  const code = errorCode(e)
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return fileErrors.inUse(file, e)
  if (code === 'SQLITE_NOTADB') return fileErrors.damaged(file, 'the database header is not valid', e)
  if (code.startsWith('SQLITE_CORRUPT')) return fileErrors.damaged(file, 'the database is corrupt', e)
  if (code === 'SQLITE_IOERR_SHORT_READ') return fileErrors.damaged(file, 'the file is truncated', e)
  if (['SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_IOERR', 'SQLITE_READONLY'].some((c) => code.startsWith(c)))
    return fileErrors.io(file, 'read', e)
  // Anything else (a missing table, an engine error during replay) means the content is wrong.
  return fileErrors.damaged(file, reasonOf(e), e)
}
