import type { Change } from '@shared/changes'
import { fileWritten, trackFiles } from '@shared/capacity'
import type { FileEntry } from '@shared/domain'
import { noteKubeWrite, trackKubeTable } from '../kube/derived'
import { compactQueue, insertEvent, nextDueAt, queuedCount, takeDue } from './queue'
import { ChangeReport } from './change-report'
import { Rng } from './rng'
import { UndoLog, type Restored } from './undo-log'
import type {
  Collections,
  CollectionName,
  LabState,
  ScheduledEvent,
  SingletonName,
  Singletons,
} from './state'

const noteFileWrite = (table: object, _id: string, old: unknown, next: unknown) =>
  fileWritten(table, old as FileEntry | undefined, next as FileEntry | undefined)

/** The derived indexes kept in step with a collection's writes (kube objects, files), if any. */
const indexOf = (c: CollectionName) =>
  c === 'kube' ? noteKubeWrite : c === 'files' ? noteFileWrite : undefined

/**
 * Something besides the state that a unit of work changes and must put back when the unit fails (a
 * write-back cache): marked when a unit begins, released when it succeeds, rolled back when it fails.
 * Units nest, so marks form a stack.
 */
export interface UnitParticipant {
  mark(): void
  release(): void
  rollback(): void
}

/** How a unit of work (Tx.attempt) ended: its error when it threw, its writes undone. */
export type UnitOutcome = { ok: true } | { ok: false; error: unknown }

/**
 * A transaction over the lab state. Every mutation goes through it, so it can report each change
 * and undo all of them when a command fails: a failed command changes nothing.
 */
export class Tx {
  /** What this transaction changed, for listeners. */
  private readonly report = new ChangeReport()
  readonly rng: Rng
  /**
   * The undo log: the whole transaction's when it is undoable, else only that of the units of work
   * under way (attempt), emptied when the outermost one ends.
   */
  private readonly undo = new UndoLog()
  private readonly undoable: boolean
  /** Units of work under way (attempt nests). */
  private depth = 0
  private readonly participants = new Set<UnitParticipant>()
  private readonly saved: { rng: LabState['rng']; nextSeq: number }
  /** How many writes each collection has had in this transaction (memos of derived figures check it). */
  private readonly writeCounts = new Map<CollectionName, number>()
  /** Copies this transaction made and stored (see own): nobody else has seen them. */
  private readonly owned = new WeakSet<object>()
  /** Writes a component holds back until the transaction's changes are read (see deferWrite). */
  private readonly deferred = new Map<string, () => void>()
  /** Work that waits for the events of the current instant to have run (see atInstantEnd). */
  private readonly settling = new Map<string, () => void>()

  /** `undoable: false` for work that is never rolled back (the clock's advance): no undo log kept. */
  constructor(
    readonly state: LabState,
    { undoable = true }: { undoable?: boolean } = {},
  ) {
    this.undoable = undoable
    this.saved = { rng: [...state.rng], nextSeq: state.nextSeq }
    this.rng = new Rng(state.rng)
    if (state.kube) trackKubeTable(state.kube)
    trackFiles(state.files)
  }

  private get logging(): boolean {
    return this.undoable || this.depth > 0
  }

  /** What changed, one entry per entity (collection and id, or singleton), with its last value. */
  get changes(): Change[] {
    return this.report.changes
  }

  private note(c: string, id: string, v: unknown, existed = true): void {
    this.report.note(c, id, v, existed)
  }

  get now(): number {
    return this.state.clock.now
  }

  get<C extends CollectionName>(c: C, id: string): Collections[C] | undefined {
    return (this.state[c] as Record<string, Collections[C]>)[id]
  }

  all<C extends CollectionName>(c: C): Collections[C][] {
    return Object.values(this.state[c] as Record<string, Collections[C]>)
  }

  /** How many puts and removes the collection has had in this transaction. */
  writesTo(c: CollectionName): number {
    return this.writeCounts.get(c) ?? 0
  }

  put<C extends CollectionName>(c: C, id: string, value: Collections[C]): void {
    this.writeCounts.set(c, this.writesTo(c) + 1)
    const table = this.state[c] as Record<string, Collections[C]>
    const had = Object.hasOwn(table, id)
    const old = table[id]
    const index = indexOf(c)
    if (this.logging) this.undo.push({ op: 'put', c, table, id, had, old, value, index })
    table[id] = value
    index?.(table, id, had ? old : undefined, value)
    this.note(c, id, value, had)
  }

  remove(c: CollectionName, id: string): void {
    const table = this.state[c] as Record<string, unknown>
    if (!Object.hasOwn(table, id)) return
    this.writeCounts.set(c, this.writesTo(c) + 1)
    const old = table[id]
    const index = indexOf(c)
    if (this.logging) this.undo.push({ op: 'remove', c, table, id, old, index })
    delete table[id]
    index?.(table, id, old, undefined)
    this.note(c, id, null)
  }

  set<S extends SingletonName>(s: S, value: Singletons[S]): void {
    const old = this.state[s]
    if (this.logging) this.undo.push({ op: 'set', s, old })
    ;(this.state as unknown as Record<string, unknown>)[s] = value
    this.note(s, '', value)
  }

  /**
   * The entity as a copy this transaction stored and may change in place, for a hot counter bumped
   * on every write (a cluster's resourceVersion): one copy per transaction instead of one per bump.
   * The undo restores the original; listeners see the copy as the entity's last value.
   */
  own<C extends CollectionName>(c: C, id: string): Collections[C] | undefined {
    const value = this.get(c, id)
    if (value === undefined || this.owned.has(value as object)) return value
    const copy = { ...value }
    this.owned.add(copy)
    this.put(c, id, copy)
    return copy
  }

  /**
   * Holds a write back (a component's cache of many short-lived entities) until flush: `write` runs
   * once, before the changes are read. Registering again under the same key before then is a no-op.
   */
  deferWrite(key: string, write: () => void, { replace = false } = {}): void {
    if (replace || !this.deferred.has(key)) this.deferred.set(key, write)
  }

  /** Drops a held-back write, if it is still the one registered under the key. */
  cancelWrite(key: string, write: () => void): void {
    if (this.deferred.get(key) === write) this.deferred.delete(key)
  }

  /**
   * Work to do once every event due at this virtual instant has run, once however often asked (a
   * cluster's controllers: they catch up with all of the instant's changes in one pass, as real
   * controllers' work queues coalesce). Registering again under the same key before then is a no-op.
   */
  atInstantEnd(key: string, work: () => void): void {
    if (!this.settling.has(key)) this.settling.set(key, work)
  }

  /** Whether work under this key already waits for the instant's end. */
  waitsForInstantEnd(key: string): boolean {
    return this.settling.has(key)
  }

  /**
   * Runs the work waiting for the instant's end (it may ask for more, or queue events); whether any
   * ran. Each piece is a unit of its own: one that throws is undone and handed to `failed`, and is
   * not run again at this instant (it would fail the same way).
   */
  settle(failed?: (key: string, error: unknown) => void): boolean {
    if (this.settling.size === 0) return false
    for (const [key, work] of this.settling) {
      this.settling.delete(key)
      if (this.failedAt.now === this.now && this.failedAt.keys.has(key)) continue
      if (!failed) {
        work()
        continue
      }
      const outcome = this.attempt(work)
      if (outcome.ok) continue
      if (this.failedAt.now !== this.now) this.failedAt = { now: this.now, keys: new Set() }
      this.failedAt.keys.add(key)
      failed(key, outcome.error)
    }
    return true
  }

  /** Instant-end work that failed at this instant: it waits for the next one. */
  private failedAt: { now: number; keys: Set<string> } = { now: NaN, keys: new Set() }

  /**
   * Runs `work` as a unit of its own: if it throws, every write it made is undone (state, derived
   * indexes, scheduled events, ids and random draws, the change report, the participants' caches)
   * and its error is returned, and the transaction goes on. Units nest.
   */
  attempt(work: () => void): UnitOutcome {
    const undoAt = this.undo.length
    const rng = [...this.state.rng]
    const nextSeq = this.state.nextSeq
    this.depth++
    for (const p of this.participants) p.mark()
    let outcome: UnitOutcome = { ok: true }
    try {
      work()
      for (const p of this.participants) p.release()
    } catch (error) {
      this.undoTo(undoAt, true)
      this.state.rng.splice(0, 4, ...rng)
      this.state.nextSeq = nextSeq
      for (const p of this.participants) p.rollback()
      outcome = { ok: false, error }
    }
    this.depth--
    if (!this.undoable && this.depth === 0) this.undo.truncate(0)
    return outcome
  }

  /**
   * A cache that follows the units of work from now on; it must already hold a mark for each unit
   * under way (unitDepth), made as it sees fit (one made inside a unit usually goes if the unit fails).
   */
  join(participant: UnitParticipant): void {
    this.participants.add(participant)
  }

  /** The participant has nothing left to put back. */
  leave(participant: UnitParticipant): void {
    this.participants.delete(participant)
  }

  /** Units of work under way: participants keep marks while it is above zero. */
  get unitDepth(): number {
    return this.depth
  }

  /** Runs the held-back writes: before the changes are read, and before anyone reads what they hold. */
  flush(): void {
    for (const [key, write] of this.deferred) {
      this.deferred.delete(key)
      write()
    }
    compactQueue(this.state.queue)
  }

  /** Ends the transaction's work: what waits for the instant's end, then the held-back writes. */
  finish(failed?: (key: string, error: unknown) => void): void {
    while (this.settle(failed));
    this.flush()
  }

  /** A new id, unique within the lab: prefix + sequence number. */
  nextId(prefix: string): string {
    return `${prefix}-${this.state.nextSeq++}`
  }

  schedule(at: number, kind: string, data: unknown): void {
    const event: ScheduledEvent = { at, seq: this.state.nextSeq++, kind, data }
    insertEvent(this.state.queue, event)
    if (this.logging) this.undo.push({ op: 'schedule', event })
  }

  /** Removes scheduled events matching the predicate (e.g. when work is cancelled). */
  unschedule(match: (e: ScheduledEvent) => boolean): void {
    compactQueue(this.state.queue)
    const old = this.state.queue
    const kept = old.filter((e) => !match(e))
    if (kept.length === old.length) return
    this.state.queue = kept
    if (this.logging) this.undo.push({ op: 'unschedule', old })
  }

  /** Takes the next event due at or before `t` off the queue (the clock's advance; not undone). */
  takeDue(t: number): ScheduledEvent | undefined {
    return takeDue(this.state.queue, t)
  }

  /** When the next queued event is due (undefined: none). */
  nextDueAt(): number | undefined {
    return nextDueAt(this.state.queue)
  }

  /** Ends a run of takeDue: the queue array holds exactly the pending events again. */
  compactQueue(): void {
    compactQueue(this.state.queue, { dropZeroCounts: true })
  }

  /** How many events of `kind` are queued for a subject: the data's uid, or its clusterId. */
  queued(kind: string, subject: string): number {
    return queuedCount(this.state.queue, kind, subject)
  }

  rollback(): void {
    if (!this.undoable) throw new Error('This transaction keeps no undo log')
    this.deferred.clear()
    this.settling.clear()
    this.undoTo(0, false)
    this.state.rng.splice(0, 4, ...this.saved.rng)
    this.state.nextSeq = this.saved.nextSeq
    this.report.clear()
  }

  /**
   * Takes back the writes logged from `at` on. `report`: a unit's writes (the transaction goes on),
   * so the change report and the memos' write counts follow the restored values.
   */
  private undoTo(at: number, report: boolean): void {
    this.undo.undoTo(at, this.state, report ? this.restored : undefined)
  }

  private readonly restored: Restored = {
    entity: (c, id, value) => this.noteRestored(c, id, value),
    singleton: (s, value) => this.note(s, '', value),
  }

  private noteRestored(c: CollectionName, id: string, value: unknown): void {
    // Memos keyed by a collection's write count must not mistake the restored values for theirs.
    this.writeCounts.set(c, this.writesTo(c) + 1)
    this.note(c, id, value, value !== null)
  }
}
