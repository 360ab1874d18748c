import fs from 'node:fs'
import os from 'node:os'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import type { LabState } from '../engine/core/state'
import { snapshotSum } from './checksum'
import { errorCode, fileErrors, LabFileError, reasonOf } from './errors'
import { checkHeader, existingSidecars, removeNewSidecars } from './files'
import { historyProblem } from './history'
import { LabFileReader, UnreadableError, type SnapshotRow } from './read'
import { replayFrom, type LoadedLab } from './replay'
import { APPLICATION_ID, FILE_FORMAT, SCHEMA_VERSION } from './schema'
import { parseState } from './stored-state'
import { checkWal, type WalDamage } from './wal'

// Opening a lab file is read-only: nothing is ever written to a file while it is read, not a
// migration, not even a checkpoint. A file that fails a check opens at its last good point (the
// latest state every row up to which passed its checks and replayed), and says what was lost.

export function loadLab(file: string): LoadedLab {
  const header = checkHeader(file)
  const wal = checkWal(file)
  const loaded = header.truncated ? readCutFile(file, header.fullSize) : readFile(file, file, [])
  // Said first: the log's damage is why the commands after the last one read are missing.
  if (wal) loaded.problems.unshift(walDamage(wal, loaded.lastSeq))
  return loaded
}

function walDamage(wal: WalDamage, lastSeq: number): string {
  const saves = wal.lostCommits === 1 ? '1 later save' : `${wal.lostCommits} later saves`
  const where = wal.badFrame > 0 ? ` at frame ${wal.badFrame}` : ''
  return (
    `Its write-ahead log is damaged${where}: ${saves} in it (commands after command ${lastSeq}, or ` +
    'positions of the clock) could not be read.'
  )
}

/**
 * SQLite refuses a file shorter than its header says: the missing pages are read as empty ones
 * from a private copy, so that what the file still holds can be used.
 */
function readCutFile(file: string, fullSize: number): LoadedLab {
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'hci-lab-cut-'))
  try {
    const copy = join(dir, basename(file))
    fs.copyFileSync(file, copy)
    fs.truncateSync(copy, fullSize)
    return readFile(copy, file, ['The file was cut short.'])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** Reads the lab at `path`; errors name `file`, the file as the person knows it. */
function readFile(path: string, file: string, problems: string[]): LoadedLab {
  const before = existingSidecars(path)
  let db: Database.Database | undefined
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 200 })
    return readLab(db, file, problems)
  } catch (e) {
    throw asFileError(file, e)
  } finally {
    db?.close()
    removeNewSidecars(path, before)
  }
}

function readLab(db: Database.Database, file: string, problems: string[]): LoadedLab {
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID)
    throw fileErrors.notALab(file, 'it is an SQLite database of another program')
  const version = Number(db.pragma('user_version', { simple: true }))
  if (version > SCHEMA_VERSION) throw fileErrors.newer(file, version, SCHEMA_VERSION)
  if (version < 1) throw fileErrors.damaged(file, 'it has no schema version')
  const structure = structureProblems(db)
  if (structure) problems.push(`SQLite reports damage in the file (${structure}).`)
  const format = tryRead(() => db.prepare("SELECT value FROM meta WHERE key = 'format'").pluck().get())
  if (format !== FILE_FORMAT && !structure) throw fileErrors.damaged(file, 'its format marker is missing')
  return recover(new LabFileReader(db, version), file, problems)
}

function structureProblems(db: Database.Database): string | undefined {
  try {
    const rows = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[]
    if (rows[0]?.quick_check === 'ok') return undefined
    const text = rows.map((r) => r.quick_check).join('\n')
    return text.replace(/\*\*\* in database \w+ \*\*\*\n?/g, '').replace(/\n+/g, '; ')
  } catch (e) {
    return reasonOf(e)
  }
}

/** The latest snapshot that passes its checks, then every later command that does, in order. */
function recover(reader: LabFileReader, file: string, problems: string[]): LoadedLab {
  let snapshots: SnapshotRow[] = []
  try {
    snapshots = reader.snapshots()
  } catch (e) {
    if (!(e instanceof UnreadableError)) throw e
  }
  const unusable: string[] = []
  for (const row of snapshots) {
    const base = readSnapshot(reader, row)
    if (typeof base === 'string') {
      unusable.push(`the snapshot at command ${row.seq} ${base}`)
      problems.push(`The snapshot at command ${row.seq} ${base}.`)
      continue
    }
    const history = historyProblem(reader, snapshots, row)
    if (history) problems.push(history)
    const at = base.state.clock.now
    return replayFrom(reader, { seq: row.seq, state: base.text, at }, base.state, problems)
  }
  throw fileErrors.damaged(file, unusable.length > 0 ? unusable.join('; ') : 'it has no snapshot')
}

/** The snapshot if it is whole, else why not. */
function readSnapshot(reader: LabFileReader, row: SnapshotRow): { text: string; state: LabState } | string {
  let stored: { state: unknown; sum: string | null } | undefined
  try {
    stored = reader.snapshot(row.id)
  } catch (e) {
    if (e instanceof UnreadableError) return 'could not be read'
    throw e
  }
  if (typeof stored?.state !== 'string') return 'could not be read'
  if (stored.sum !== null && stored.sum !== snapshotSum(row.seq, stored.state)) return 'failed its check'
  const state = parseState(stored.state)
  return state ? { text: stored.state, state } : 'is not a lab state'
}

function tryRead<T>(read: () => T): T | undefined {
  try {
    return read()
  } catch {
    return undefined
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
  // Anything else (a missing table, an engine error) means the content is wrong.
  return fileErrors.damaged(file, reasonOf(e), e)
}
