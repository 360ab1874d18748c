import type { Change } from '@shared/changes'
import { kubeIndexAdd, kubeIndexRemove, trackKube } from '@shared/kube'
import { Rng } from './rng'
import type {
  Collections,
  CollectionName,
  LabState,
  ScheduledEvent,
  SingletonName,
  Singletons,
} from './state'

/**
 * A transaction over the lab state. Every mutation goes through it, so it can report each change
 * and undo all of them when a command fails: a failed command changes nothing.
 */
export class Tx {
  readonly changes: Change[] = []
  readonly rng: Rng
  private readonly undo: (() => void)[] = []
  private readonly saved: { rng: LabState['rng']; nextSeq: number; queue: ScheduledEvent[] }

  constructor(readonly state: LabState) {
    this.saved = { rng: [...state.rng], nextSeq: state.nextSeq, queue: state.queue }
    this.rng = new Rng(state.rng)
    if (state.kube) trackKube(state.kube)
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

  put<C extends CollectionName>(c: C, id: string, value: Collections[C]): void {
    const table = this.state[c] as Record<string, Collections[C]>
    const had = Object.hasOwn(table, id)
    const old = table[id]
    this.undo.push(() => {
      if (had) table[id] = old!
      else {
        delete table[id]
        kubeIndexRemove(table, id)
      }
    })
    table[id] = value
    if (!had) kubeIndexAdd(table, id)
    this.changes.push({ c, id, v: value })
  }

  remove(c: CollectionName, id: string): void {
    const table = this.state[c] as Record<string, unknown>
    if (!Object.hasOwn(table, id)) return
    const old = table[id]
    this.undo.push(() => {
      table[id] = old
      kubeIndexAdd(table, id)
    })
    delete table[id]
    kubeIndexRemove(table, id)
    this.changes.push({ c, id, v: null })
  }

  set<S extends SingletonName>(s: S, value: Singletons[S]): void {
    const old = this.state[s]
    this.undo.push(() => {
      ;(this.state as unknown as Record<string, unknown>)[s] = old
    })
    ;(this.state as unknown as Record<string, unknown>)[s] = value
    this.changes.push({ c: s, id: '', v: value })
  }

  /** A new id, unique within the lab: prefix + sequence number. */
  nextId(prefix: string): string {
    return `${prefix}-${this.state.nextSeq++}`
  }

  schedule(at: number, kind: string, data: unknown): void {
    const event: ScheduledEvent = { at, seq: this.state.nextSeq++, kind, data }
    // Binary insertion: the same order as sorting by (at, seq); seq is the largest yet, so the event
    // goes after every event due at or before `at`.
    const queue = this.state.queue.slice()
    let lo = 0
    let hi = queue.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (queue[mid]!.at <= at) lo = mid + 1
      else hi = mid
    }
    queue.splice(lo, 0, event)
    this.state.queue = queue
  }

  /** Removes scheduled events matching the predicate (e.g. when work is cancelled). */
  unschedule(match: (e: ScheduledEvent) => boolean): void {
    this.state.queue = this.state.queue.filter((e) => !match(e))
  }

  rollback(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) this.undo[i]!()
    this.state.rng.splice(0, 4, ...this.saved.rng)
    this.state.nextSeq = this.saved.nextSeq
    this.state.queue = this.saved.queue
    this.changes.length = 0
  }
}
