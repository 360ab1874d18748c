import { MAX_VIRTUAL_TIME } from '@shared/domain'
import type { LabState } from '../engine/core/state'
import { Lab } from '../engine/lab'
import type { LoggedRow } from './build'
import { clockSum, commandSum } from './checksum'
import { reasonOf } from './errors'
import { UnreadableError, type CommandRow, type LabFileReader } from './read'
import { parseState } from './stored-state'

// Replaying a lab's log on top of a snapshot, stopping at the first command that fails a check or
// fails to replay: the lab is then as it was after the command before, and the stop is said.

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

interface Stop {
  seq: number
  reason: string
  command?: unknown
}

export function replayFrom(
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
  const what = stop.command === undefined ? '' : ` (${describeCommand(stop.command)})`
  // The log may be unreadable past this point: then how many commands followed is unknown.
  if (lastInFile === undefined || lastInFile < stop.seq)
    return `Command ${stop.seq}${what} ${stop.reason}; it was lost, with any command after it.`
  const lost =
    lastInFile === stop.seq ? `command ${stop.seq} was lost` : `commands ${stop.seq}–${lastInFile} were lost`
  return `Command ${stop.seq} of ${lastInFile}${what} ${stop.reason}; ${lost}.`
}

/** A command in a few words: its type and the first name it carries. */
export function describeCommand(command: unknown): string {
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
