import type { ChangeBatch } from '@shared/changes'
import { commandSchema, newLabSchema, type Command, type NewLabInput } from '@shared/commands'
import { fail, LabFailure, type LabError, type Result } from '@shared/errors'
import { MAX_VIRTUAL_TIME } from '@shared/domain'
import { hardwareProblems } from '@shared/hardware'
import { canonicalJson, fnv1a64 } from './core/hash'
import type { LabState, ScheduledEvent } from './core/state'
import { Tx } from './core/tx'
import { errorText, reportFailedEvent, reportFailedSettle } from './failures'
import { commandHandlers, eventHandlers } from './handlers'
import { buildLab } from './hci/build'
import { samplePerformance, samplesDue } from './hci/performance'

export type ChangeListener = (batch: ChangeBatch) => void

/**
 * One simulated lab: its state, the commands that change it and the virtual clock that moves it.
 * Pure and deterministic: the same seed and the same commands at the same virtual times give the
 * same state, byte for byte.
 */
export class Lab {
  private version = 0
  private readonly listeners = new Set<ChangeListener>()

  private constructor(private readonly current: LabState) {}

  /** Builds a new lab; throws LabFailure (InvalidHardware) when the hardware breaks an S2D rule. */
  static create(input: NewLabInput): Lab {
    const parsed = newLabSchema.parse(input)
    const problems = hardwareProblems(parsed.hardware)
    if (problems.length > 0) fail('InvalidHardware', problems.join(' '), 'InvalidArgument')
    return new Lab(buildLab(parsed))
  }

  /** Adopts a state (from a snapshot); the caller must not keep using it. */
  static fromState(state: LabState): Lab {
    return new Lab(state)
  }

  get state(): Readonly<LabState> {
    return this.current
  }

  get changeVersion(): number {
    return this.version
  }

  get now(): number {
    return this.current.clock.now
  }

  /** Validates and applies a command. On any error nothing has changed. */
  dispatch(input: unknown): Result<unknown> {
    const parsed = parseCommand(input)
    if (!parsed.ok) return parsed
    const command = parsed.data
    if (command.type === 'clock.advance') {
      if (this.current.clock.now + command.ms > MAX_VIRTUAL_TIME) return { ok: false, error: clockLimit() }
      this.advanceTo(this.current.clock.now + command.ms)
      return { ok: true, data: { now: this.current.clock.now } }
    }
    return this.inTx((tx) => runCommand(tx, command), true)
  }

  /** Runs a command and undoes it: what would happen, with the same errors. */
  preview(input: unknown): Result<unknown> {
    const parsed = parseCommand(input)
    if (!parsed.ok) return parsed
    const command = parsed.data
    if (command.type === 'clock.advance')
      return { ok: true, data: { now: this.current.clock.now + command.ms } }
    return this.inTx((tx) => runCommand(tx, command), false)
  }

  /**
   * Moves the virtual clock to `t`, running every event due on the way, in order. Each event, and
   * each instant's settling work, is a unit of its own: one that throws is undone and reported as a
   * warning (failures.ts), and time goes on. Replay fails the same units the same way. `yieldNow`
   * bounds the work of one call: asked between instants, true stops the clock at the instant reached.
   */
  advanceTo(t: number, options: { yieldNow?: () => boolean } = {}): void {
    let to = Math.min(t, MAX_VIRTUAL_TIME)
    if (to <= this.current.clock.now) return
    const tx = new Tx(this.current, { undoable: false })
    const settleFailed = (key: string, error: unknown) => reportFailedSettle(tx, key, error)
    try {
      for (;;) {
        // The instant's last event has run: its settling work (the controllers) goes before time moves.
        const next = tx.nextDueAt()
        const instantOver = next === undefined || next > to || next > this.current.clock.now
        if (instantOver && tx.settle(settleFailed)) continue
        // Between instants, the host may ask to stop here (its time slice is spent): the lab is then
        // exactly as an advance to this instant would have left it, and the next one goes on from it.
        if (instantOver && next !== undefined && next <= to && options.yieldNow?.()) {
          to = this.current.clock.now
          break
        }
        const event = tx.takeDue(to)
        if (!event) break
        if (event.at > this.current.clock.now) {
          this.sampleUntil(tx, event.at)
          this.current.clock = { ...this.current.clock, now: event.at }
        }
        const outcome = tx.attempt(() => runEvent(tx, event))
        if (!outcome.ok) reportFailedEvent(tx, event, outcome.error)
      }
    } finally {
      tx.compactQueue()
    }
    this.sampleUntil(tx, to)
    tx.set('clock', { ...this.current.clock, now: to })
    this.emit(tx, settleFailed)
  }

  /** The performance samples of the minutes the clock is about to pass; a failure is reported, not fatal. */
  private sampleUntil(tx: Tx, until: number): void {
    // Checked before the unit is set up: the clock moves many times a minute in a busy lab.
    if (!samplesDue(tx.now, until)) return
    const outcome = tx.attempt(() => samplePerformance(tx, until))
    if (!outcome.ok) reportFailedSettle(tx, 'performance samples', outcome.error)
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A hash of the whole state: equal labs hash equal. */
  hash(): string {
    return fnv1a64(canonicalJson(this.current))
  }

  /** A deep copy of the state, for snapshots. */
  snapshot(): LabState {
    return structuredClone(this.current)
  }

  private inTx(run: (tx: Tx) => unknown, commit: boolean): Result<unknown> {
    const tx = new Tx(this.current)
    try {
      const data = run(tx)
      if (commit) this.emit(tx)
      else tx.rollback()
      return { ok: true, data }
    } catch (e) {
      tx.rollback()
      if (e instanceof LabFailure) return { ok: false, error: e.error }
      return { ok: false, error: internalError(e) }
    }
  }

  private emit(tx: Tx, settleFailed?: (key: string, error: unknown) => void): void {
    tx.finish(settleFailed)
    const changes = tx.changes
    if (changes.length === 0) return
    this.version++
    const batch: ChangeBatch = { from: this.version - 1, version: this.version, changes }
    for (const listener of this.listeners) listener(batch)
  }
}

function runEvent(tx: Tx, event: ScheduledEvent): void {
  const handler = eventHandlers[event.kind]
  if (!handler) throw new Error(`no handler for scheduled events of kind '${event.kind}'`)
  handler(tx, event.data)
}

function clockLimit(): LabError {
  return {
    code: 'ClockLimit',
    message: `The virtual clock cannot move past ${new Date(MAX_VIRTUAL_TIME).toISOString()}.`,
    category: 'LimitsExceeded',
  }
}

/** A command that threw (an engine bug, not a refusal): undone, and said so instead of crashing the host. */
function internalError(e: unknown): LabError {
  return {
    code: 'InternalError',
    message: `HCI Lab could not carry out this command, so nothing was changed: ${errorText(e)}`,
    category: 'NotSpecified',
  }
}

function runCommand(tx: Tx, command: Command): unknown {
  const handler = commandHandlers[command.type] as (tx: Tx, c: Command) => unknown
  return handler(tx, command)
}

function parseCommand(input: unknown): Result<Command> {
  const parsed = commandSchema.safeParse(input)
  if (parsed.success) return { ok: true, data: parsed.data }
  return { ok: false, error: invalidInput(parsed.error.issues) }
}

function invalidInput(issues: { path: PropertyKey[]; message: string }[]): LabError {
  const first = issues[0]
  const where = first && first.path.length ? ` at '${first.path.map(String).join('.')}'` : ''
  return {
    code: 'InvalidCommand',
    message: `The command is not valid${where}: ${first?.message ?? 'unknown problem'}.`,
    category: 'InvalidArgument',
  }
}
