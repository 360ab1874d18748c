import { removeEvents } from './queue'
import type { CollectionName, LabState, ScheduledEvent, SingletonName } from './state'

/** A derived index kept in step with a collection's writes: told of each write and each undo. */
export type Index = (table: object, id: string, old: unknown, next: unknown) => void

/** One write to take back (records, not closures: a command may write thousands). */
export type Undo =
  | {
      op: 'put'
      c: CollectionName
      table: Record<string, unknown>
      id: string
      had: boolean
      old: unknown
      value: unknown
      index?: Index
    }
  | {
      op: 'remove'
      c: CollectionName
      table: Record<string, unknown>
      id: string
      old: unknown
      index?: Index
    }
  | { op: 'set'; s: SingletonName; old: unknown }
  | { op: 'schedule'; event: ScheduledEvent }
  | { op: 'unschedule'; old: ScheduledEvent[] }

/** Who hears of each value an undo puts back (null: the entity is gone again). */
export interface Restored {
  entity(c: CollectionName, id: string, value: unknown): void
  singleton(s: SingletonName, value: unknown): void
}

/** A transaction's writes in order, to take back newest first. */
export class UndoLog {
  private readonly records: Undo[] = []

  get length(): number {
    return this.records.length
  }

  push(record: Undo): void {
    this.records.push(record)
  }

  /** Forgets the records from `at` on (they will never be taken back). */
  truncate(at: number): void {
    this.records.length = at
  }

  /** Takes back the writes from `at` on, newest first, and forgets them. */
  undoTo(at: number, state: LabState, restored?: Restored): void {
    const scheduled = new Set<ScheduledEvent>()
    const singletons = state as unknown as Record<string, unknown>
    for (let i = this.records.length - 1; i >= at; i--) {
      const u = this.records[i]!
      if (u.op === 'put') {
        if (u.had) u.table[u.id] = u.old
        else delete u.table[u.id]
        u.index?.(u.table, u.id, u.value, u.had ? u.old : undefined)
        restored?.entity(u.c, u.id, u.had ? u.old : null)
      } else if (u.op === 'remove') {
        u.table[u.id] = u.old
        u.index?.(u.table, u.id, undefined, u.old)
        restored?.entity(u.c, u.id, u.old)
      } else if (u.op === 'set') {
        singletons[u.s] = u.old
        restored?.singleton(u.s, u.old)
      } else if (u.op === 'unschedule') state.queue = u.old
      // Scheduled events leave together, once the queue is the one they went into (or one it held).
      else scheduled.add(u.event)
    }
    this.records.length = at
    if (scheduled.size) removeEvents(state.queue, scheduled)
  }
}
