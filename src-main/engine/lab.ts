import type { ChangeBatch } from '@shared/changes'
import { commandSchema, newLabSchema, type Command, type NewLabInput } from '@shared/commands'
import { fail, LabFailure, type LabError, type Result } from '@shared/errors'
import { hardwareProblems } from '@shared/hardware'
import { canonicalJson, fnv1a64 } from './core/hash'
import type { LabState } from './core/state'
import { Tx } from './core/tx'
import { commandHandlers, eventHandlers } from './handlers'
import { buildLab } from './hci/build'

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

  /** Moves the virtual clock to `t`, running every event due on the way, in order. */
  advanceTo(t: number): void {
    if (t <= this.current.clock.now) return
    const tx = new Tx(this.current, { undoable: false })
    try {
      for (;;) {
        // The instant's last event has run: its settling work (the controllers) goes before time moves.
        const next = tx.nextDueAt()
        if ((next === undefined || next > t || next > this.current.clock.now) && tx.settle()) continue
        const event = tx.takeDue(t)
        if (!event) break
        if (event.at > this.current.clock.now) this.current.clock = { ...this.current.clock, now: event.at }
        const handler = eventHandlers[event.kind]
        if (!handler) throw new Error(`No handler for scheduled event '${event.kind}'`)
        handler(tx, event.data)
      }
    } finally {
      tx.compactQueue()
    }
    tx.set('clock', { ...this.current.clock, now: t })
    this.emit(tx)
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
      throw e
    }
  }

  private emit(tx: Tx): void {
    tx.finish()
    const changes = tx.changes
    if (changes.length === 0) return
    this.version++
    const batch: ChangeBatch = { from: this.version - 1, version: this.version, changes }
    for (const listener of this.listeners) listener(batch)
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
