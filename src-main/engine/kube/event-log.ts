import { KUBE_EVENTS_PER_CLUSTER } from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import { kubeGroupKeys, kubeKey } from '@shared/kube'
import type { RngState } from '../core/rng'
import type { Tx, UnitParticipant } from '../core/tx'
import {
  eventOf,
  NAME_DRAWS,
  sameOccurrence,
  slotOf,
  UID_DRAWS,
  type Entry,
  type EventSource,
  type Occurrence,
  type StoredEvent,
} from './event-entries'
import { nextResourceVersion } from './store'

export type { EventSource, Occurrence, StoredEvent }

// A transaction's write-back cache of one cluster's events. A busy minute records events by the
// hundred thousand and keeps only the last KUBE_EVENTS_PER_CLUSTER, so writing each to the table and
// pruning it again would be most of the work. The cache keeps the cluster's events in last-written
// order (the table's order) as light entries, and writes the table once, at flush: what survived
// and changed goes in (made into Event objects only then), what was pruned goes out. The table ends
// exactly as writing each event would have left it, names and uids included: a new event keeps the
// random generator's state its draws started from, and its name and uid are drawn again from it.

/** The fields of a kept entry that recording changes in place. */
type EntryFields = Pick<Entry, 'at' | 'count' | 'lastTime' | 'involved' | 'resourceVersion'>

/** Where the log stood when a unit of work began (Tx.attempt), and the first values it changed since. */
interface Mark {
  order: Entry[]
  length: number
  head: number
  kept: number
  flushed: boolean
  /** Made when the log was: the unit that made the log failed, so the log goes with it. */
  born: boolean
  entries?: Map<Entry, EntryFields>
  slots?: Map<string, Entry[] | undefined>
}

export class EventLog implements UnitParticipant {
  /** Every write, in order; an entry's last write is the one at `entry.at` (earlier ones are stale). */
  private order: Entry[] = []
  private head = 0 // writes before it are pruned or stale
  private kept = 0
  private flushed = false // written to the table: a new log serves the transaction's later events
  /** The events the table held when the log was made, by key. */
  private readonly fromTable = new Map<string, Entry>()
  /** `<uid>\n<message>` → the kept entries about that object with that message (nearly always one). */
  private readonly bySlot = new Map<string, Entry[]>()
  /** One per unit of work under way, innermost last: a failed unit's events are taken back. */
  private readonly marks: Mark[] = []

  private constructor(
    private readonly tx: Tx,
    private readonly clusterId: string,
  ) {
    const table = tx.state.kube as Record<string, StoredEvent>
    for (const key of kubeGroupKeys(table, clusterId, 'Event') ?? []) {
      const e = table[key]!
      const entry: Entry = {
        uid: e.involvedObject.uid ?? '',
        reason: e.reason ?? '',
        message: e.message ?? '',
        source: (e.source ?? { component: '' }) as EventSource,
        type: e.type as Occurrence['type'],
        fieldPath: e.involvedObject.fieldPath,
        stored: e,
        draws: undefined,
        involved: undefined,
        namespace: e.metadata.namespace ?? 'default',
        firstTime: e.firstTimestamp ?? '',
        lastTime: e.lastTimestamp ?? '',
        count: e.count ?? 1,
        resourceVersion: undefined,
        slot: slotOf(e.involvedObject.uid ?? '', e.message ?? ''),
        at: -1,
      }
      this.fromTable.set(key, entry)
      this.keep(entry)
    }
    // Joined once built from the table, with a mark per unit under way: should one of them fail, the
    // log goes with it.
    for (let i = 0; i < tx.unitDepth; i++) this.pushMark(true)
    tx.join(this)
  }

  /** The cluster's log in this transaction, made (from the table) on first use. */
  static of(tx: Tx, clusterId: string): EventLog {
    // Asked for every event, nearly always for the transaction and cluster asked last.
    if (lastLog && !lastLog.flushed && lastLog.tx === tx && lastLog.clusterId === clusterId) return lastLog
    const logs = logsOf(tx)
    let log = logs.get(clusterId)
    if (!log) {
      log = new EventLog(tx, clusterId)
      log.open(logs)
    }
    lastLog = log
    return log
  }

  /** Serves the transaction's events until the held-back write runs. */
  private open(logs: Map<string, EventLog>): void {
    logs.set(this.clusterId, this)
    this.flushed = false
    this.tx.deferWrite(this.writeKey, this.write, { replace: true })
  }

  private get writeKey(): string {
    return `events/${this.clusterId}`
  }

  private readonly write = () => {
    logsOf(this.tx).delete(this.clusterId)
    this.flushed = true
    this.flush()
    if (this.marks.length === 0) this.tx.leave(this)
  }

  mark(): void {
    this.pushMark(false)
  }

  private pushMark(born: boolean): void {
    const { order, head, kept, flushed } = this
    this.marks.push({ order, length: order.length, head, kept, flushed, born })
  }

  release(): void {
    const inner = this.marks.pop()!
    const outer = this.marks.at(-1)
    if (!outer) {
      if (this.flushed) this.tx.leave(this)
      return
    }
    // What the inner unit changed first is, for the outer one, what it changed (unless it did before).
    for (const [entry, fields] of inner.entries ?? [])
      if (!outer.entries?.has(entry)) (outer.entries ??= new Map()).set(entry, fields)
    for (const [slot, entries] of inner.slots ?? [])
      if (!outer.slots?.has(slot)) (outer.slots ??= new Map()).set(slot, entries)
  }

  rollback(): void {
    const m = this.marks.pop()!
    if (m.born) return this.discard()
    for (const [entry, fields] of m.entries ?? []) Object.assign(entry, fields)
    for (const [slot, entries] of m.slots ?? [])
      if (entries) this.bySlot.set(slot, entries)
      else this.bySlot.delete(slot)
    this.order = m.order
    this.order.length = m.length
    this.head = m.head
    this.kept = m.kept
    // Flushed in the failed unit: its table writes were undone with it, so the log serves again.
    if (this.flushed && !m.flushed) this.open(logsOf(this.tx))
  }

  /** Made in a unit that failed: its events never happened, and the table it was made from is restored. */
  private discard(): void {
    const logs = logsOf(this.tx)
    if (logs.get(this.clusterId) === this) logs.delete(this.clusterId)
    this.tx.cancelWrite(this.writeKey, this.write)
    this.flushed = true // never served again
    this.marks.length = 0
    this.tx.leave(this)
  }

  /** Notes an entry's fields before the innermost unit first changes them. */
  private touch(entry: Entry): void {
    const m = this.marks.at(-1)
    if (!m || m.entries?.has(entry)) return
    const { at, count, lastTime, involved, resourceVersion } = entry
    ;(m.entries ??= new Map()).set(entry, { at, count, lastTime, involved, resourceVersion })
  }

  /** Notes a slot's entries before the innermost unit first changes them. */
  private touchSlot(slot: string): void {
    const m = this.marks.at(-1)
    if (!m || m.slots?.has(slot)) return
    ;(m.slots ??= new Map()).set(slot, this.bySlot.get(slot)?.slice())
  }

  /** Whether a kept event about the object with this uid has this reason (a scan: asked rarely). */
  has(uid: string, reason: string): boolean {
    for (let i = this.head; i < this.order.length; i++) {
      const e = this.order[i]!
      if (e.at === i && e.uid === uid && e.reason === reason) return true
    }
    return false
  }

  /**
   * Records an occurrence about `involved` at `time`: counts up the kept event reporting the same,
   * else keeps a new one; then prunes beyond the bound. Draws as writing the event would have.
   */
  record(involved: KubeObject, o: Occurrence, time: string): void {
    const { tx } = this
    const uid = involved.metadata.uid
    const slot = slotOf(uid, o.message)
    const same = this.same(slot, o)
    let entry: Entry
    if (same) {
      tx.rng.skip(NAME_DRAWS) // drawn even when the event merges: the names drawn after stay what they were
      entry = same
      this.touch(entry)
      this.forget(same)
      entry.count++
      entry.lastTime = time
    } else {
      const draws: RngState = [...tx.rng.state]
      tx.rng.skip(NAME_DRAWS + UID_DRAWS)
      const namespace = involved.metadata.namespace ?? 'default'
      entry = {
        uid,
        reason: o.reason,
        message: o.message,
        source: o.source,
        type: o.type,
        fieldPath: o.fieldPath,
        stored: undefined,
        draws,
        involved,
        namespace,
        firstTime: time,
        lastTime: time,
        count: 1,
        resourceVersion: undefined,
        slot,
        at: -1,
      }
    }
    entry.involved = involved
    entry.resourceVersion = nextResourceVersion(tx, this.clusterId)
    this.keep(entry)
    while (this.kept > KUBE_EVENTS_PER_CLUSTER) {
      const i = this.head++
      const oldest = this.order[i]!
      if (oldest.at === i) this.forget(oldest)
    }
    const pruned = this.head > 4096 && this.head * 2 > this.order.length
    const stale = this.order.length - this.head > 2 * this.kept + 4096 // counted-up events' older writes
    if (pruned || stale) this.compact()
  }

  /**
   * Drops the pruned and stale writes from the order: a busy transaction writes events by the
   * hundred thousand, and holding them (and the pod versions they name) to its end costs the
   * garbage collector more than the events do.
   */
  private compact(): void {
    const order: Entry[] = []
    for (let i = this.head; i < this.order.length; i++) {
      const entry = this.order[i]!
      if (entry.at !== i) continue
      this.touch(entry)
      entry.at = order.push(entry) - 1
    }
    this.order = order
    this.head = 0
  }

  private same(slot: string, o: Occurrence): Entry | undefined {
    const entries = this.bySlot.get(slot)
    if (entries)
      for (let i = 0; i < entries.length; i++) if (sameOccurrence(entries[i]!, o)) return entries[i]
    return undefined
  }

  private keep(entry: Entry): void {
    this.touchSlot(entry.slot)
    entry.at = this.order.push(entry) - 1
    this.kept++
    const entries = this.bySlot.get(entry.slot)
    if (entries) entries.push(entry)
    else this.bySlot.set(entry.slot, [entry])
  }

  private forget(entry: Entry): void {
    this.touch(entry)
    this.touchSlot(entry.slot)
    entry.at = -1
    this.kept--
    const entries = this.bySlot.get(entry.slot)!
    if (entries.length > 1) entries.splice(entries.indexOf(entry), 1)
    else this.bySlot.delete(entry.slot)
  }

  /** Writes the table: out what was pruned or rewritten, then in, in written order, what was written. */
  private flush(): void {
    const { tx, clusterId } = this
    const table = tx.state.kube as Record<string, StoredEvent>
    for (const key of [...(kubeGroupKeys(table, clusterId, 'Event') ?? [])]) {
      const entry = this.fromTable.get(key)
      if (!entry || entry.at < 0 || entry.resourceVersion) tx.remove('kube', key)
    }
    for (let i = this.head; i < this.order.length; i++) {
      const entry = this.order[i]!
      if (entry.at !== i || !entry.resourceVersion) continue
      const event = eventOf(entry)
      tx.put('kube', kubeKey(clusterId, 'Event', entry.namespace, event.metadata.name), event)
    }
  }
}

const open = new WeakMap<Tx, Map<string, EventLog>>()
let lastLog: EventLog | undefined

function logsOf(tx: Tx): Map<string, EventLog> {
  let logs = open.get(tx)
  if (!logs) open.set(tx, (logs = new Map()))
  return logs
}
