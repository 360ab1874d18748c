import fs from 'node:fs'
import os from 'node:os'
import { basename, join } from 'node:path'
import Database from 'better-sqlite3'
import { MAX_VIRTUAL_TIME } from '@shared/domain'
import type { LabState } from '../engine/core/state'
import { Lab } from '../engine/lab'
import { clockSum, commandSum, snapshotSum } from './checksum'
import { errorCode, fileErrors, LabFileError, reasonOf } from './errors'
import type { LoggedRow } from './build'
import { checkHeader, existingSidecars, removeNewSidecars } from './files'
import { historyProblem } from './history'
import { LabFileReader, UnreadableError, type CommandRow, type SnapshotRow } from './read'
import { addAksShape, addClusterShape, APPLICATION_ID, FILE_FORMAT, SCHEMA_VERSION } from './schema'
import { checkWal } from './wal'

// Opening a lab file is read-only: nothing is ever written to a file while it is read, not a
// migration, not even a checkpoint. A file that fails a check opens at its last good point (the
// latest state every row up to which passed its checks and replayed), and says what was lost.

export interface LoadedLab {
  lab: Lab
  version: number
  /** The last command replayed (or the snapshot's seq when none was). */
  lastSeq: number
  lastAt: number
  /** How many logged commands were replayed on top of the snapshot. */
  replayed: number
  /** The snapshot replay started from: its command number, its text as stored, its virtual time. */
  base: { seq: number; state: string; at: number }
  /** The commands replayed on top of it. */
  commands: LoggedRow[]
  /** What was found damaged and what was lost, one sentence each; empty for a whole file. */
  problems: string[]
}

export function loadLab(file: string): LoadedLab {
  const problems: string[] = []
  const header = checkHeader(file)
  const wal = checkWal(file)
  if (wal)
    problems.push(
      `Its write-ahead log is damaged${wal.badFrame > 0 ? ` at frame ${wal.badFrame}` : ''}: ` +
        `${wal.lostCommits} later save${wal.lostCommits === 1 ? '' : 's'} in it could not be read.`,
    )
  if (!header.truncated) return readFile(file, file, problems)
  problems.push('The file was cut short.')
  // SQLite refuses a file shorter than its header says: the missing pages are read as empty ones
  // from a private copy, so that what the file still holds can be used.
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'hci-lab-cut-'))
  try {
    const copy = join(dir, basename(file))
    fs.copyFileSync(file, copy)
    fs.truncateSync(copy, header.fullSize)
    return readFile(copy, file, problems)
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

interface Stop {
  seq: number
  reason: string
  command?: unknown
}

function replayFrom(
  reader: LabFileReader,
  base: LoadedLab['base'],
  state: LabState,
  problems: string[],
): LoadedLab {
  let lab = Lab.fromState(state)
  let last = { seq: base.seq, at: lab.now }
  let stop: Stop | undefined
  let poisoned = false
  const commands: LoggedRow[] = []
  try {
    for (const row of reader.commandsAfter(base.seq)) {
      const checked = checkRow(row, last.seq + 1, lab.now)
      if (typeof checked === 'string') {
        stop = { seq: last.seq + 1, reason: checked }
        break
      }
      const failure = apply(lab, row.at as number, checked)
      if (failure !== undefined) {
        stop = { seq: row.seq, reason: `could not be replayed: ${failure}`, command: checked }
        poisoned = true
        break
      }
      last = { seq: row.seq, at: row.at as number }
      commands.push({ seq: row.seq, at: last.at, body: row.body as string })
    }
  } catch (e) {
    if (!(e instanceof UnreadableError)) throw e
    stop = { seq: last.seq + 1, reason: 'could not be read' }
  }
  if (stop) problems.push(lostCommands(stop, reader.lastCommandSeq()))
  else {
    const clock = applyClock(reader, lab)
    if (clock.problem) problems.push(clock.problem)
    poisoned = clock.poisoned
  }
  // A failed step may have left half its work in the lab: the same replay, stopped before it.
  if (poisoned) lab = replayAgain(base, commands)
  const replayed = last.seq - base.seq
  return {
    lab,
    version: reader.version,
    lastSeq: last.seq,
    lastAt: last.at,
    replayed,
    base,
    commands,
    problems,
  }
}

/** The command in a row, or why the row cannot be used. */
function checkRow(row: CommandRow, expected: number, now: number): unknown {
  if (row.seq !== expected) return 'is missing'
  if (typeof row.body !== 'string' || typeof row.at !== 'number') return 'could not be read'
  if (row.sum !== null && row.sum !== commandSum(row.seq, row.at, row.body)) return 'failed its check'
  if (!Number.isFinite(row.at) || row.at < now) return 'has an impossible time'
  try {
    return JSON.parse(row.body) as unknown
  } catch {
    return 'could not be read'
  }
}

/** Applies a logged command at its time; returns why it failed, if it did. */
function apply(lab: Lab, at: number, command: unknown): string | undefined {
  try {
    lab.advanceTo(at)
    const result = lab.dispatch(command)
    return result.ok ? undefined : reasonOf(result.error.message)
  } catch (e) {
    return reasonOf(e)
  }
}

function replayAgain(base: LoadedLab['base'], commands: readonly LoggedRow[]): Lab {
  const lab = Lab.fromState(parseState(base.state)!)
  for (const row of commands) {
    const failure = apply(lab, row.at, JSON.parse(row.body))
    if (failure !== undefined) throw new Error(`Replay is not deterministic: ${failure}`)
  }
  return lab
}

function lostCommands(stop: Stop, lastInFile: number | undefined): string {
  const what = stop.command === undefined ? '' : ` (${describe(stop.command)})`
  // The log may be unreadable past this point: then how many commands followed is unknown.
  if (lastInFile === undefined || lastInFile < stop.seq)
    return `Command ${stop.seq}${what} ${stop.reason}; it was lost, with any command after it.`
  const lost =
    lastInFile === stop.seq ? `command ${stop.seq} was lost` : `commands ${stop.seq}–${lastInFile} were lost`
  return `Command ${stop.seq} of ${lastInFile}${what} ${stop.reason}; ${lost}.`
}

/** A command in a few words: its type and the first name it carries. */
export function describe(command: unknown): string {
  const c = (command ?? {}) as Record<string, unknown>
  const name = ['name', 'clusterName', 'cluster'].map((k) => c[k]).find((v) => typeof v === 'string')
  const text = [c.type, name].filter((v) => typeof v === 'string').join(' ')
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || 'unknown command'
}

/** Moves the lab to its saved clock when that is a time it can be at. */
function applyClock(reader: LabFileReader, lab: Lab): { problem?: string; poisoned: boolean } {
  let row
  try {
    row = reader.clock()
  } catch (e) {
    if (!(e instanceof UnreadableError)) throw e
    return {
      problem: 'The saved clock could not be read; the lab opened at the time of its last command.',
      poisoned: false,
    }
  }
  if (!row) return { poisoned: false }
  const why = clockProblem(row.now, row.sum, lab.now)
  if (why)
    return {
      problem: `The saved clock ${why}; the lab opened at the time of its last command.`,
      poisoned: false,
    }
  try {
    lab.advanceTo(row.now as number)
    return { poisoned: false }
  } catch (e) {
    const problem = `The lab could not be moved to its saved clock (${reasonOf(e)}); it opened at the time of its last command.`
    return { problem, poisoned: true }
  }
}

function clockProblem(now: unknown, sum: string | null, last: number): string | undefined {
  if (typeof now !== 'number' || !Number.isFinite(now)) return `(${String(now)}) is not a time`
  if (sum !== null && sum !== clockSum(now)) return 'failed its check'
  // A clock saved before the last command is only stale (commands came after the last save).
  if (now <= last) return undefined
  if (now > MAX_VIRTUAL_TIME) return `(${now}) is beyond the latest time a lab can reach`
  return undefined
}

/** A stored state as the engine needs it, or null when it clearly is not one. */
function parseState(text: string): LabState | null {
  let state: Partial<LabState> | null
  try {
    state = JSON.parse(text) as Partial<LabState> | null
  } catch {
    return null
  }
  // A light shape check: the engine trusts its state, so reject what is clearly not one.
  const ok =
    state !== null &&
    typeof state === 'object' &&
    state.format === 1 &&
    typeof state.clock?.now === 'number' &&
    Array.isArray(state.queue)
  if (!ok) return null
  // Files older than version 4 are read before they are migrated: give their state what it lacks.
  return addClusterShape(addAksShape(state as Record<string, unknown>)) as unknown as LabState
}

/** A stored state in the current shape, as text (for rebuilding a file from it). */
export function currentStateText(text: string, version: number): string {
  // States gained their last entries in version 4; from then on, they are stored as they are.
  return version >= 4 ? text : JSON.stringify(parseState(text))
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
