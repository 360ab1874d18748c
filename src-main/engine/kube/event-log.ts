import { KUBE_EVENTS_PER_CLUSTER } from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import { kubeGroupKeys } from '@shared/kube'
import type { Event } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'

// A transaction's write-back cache of one cluster's events. A busy minute records events by the
// hundred thousand and keeps only the last KUBE_EVENTS_PER_CLUSTER, so writing each to the table and
// pruning it again would be most of the work. The cache keeps the cluster's events in last-written
// order (the table's order) and writes the table once, at flush: what survived and changed goes in,
// what was pruned goes out. The table ends exactly as writing each event would have left it.

export type StoredEvent = Event & KubeObject

/** Whether two events report the same occurrence (the event recorder's aggregation key). */
export function sameOccurrence(a: Event, b: Event): boolean {
  return (
    a.reason === b.reason &&
    a.message === b.message &&
    a.type === b.type &&
    a.involvedObject.fieldPath === b.involvedObject.fieldPath &&
    a.source?.component === b.source?.component &&
    a.source?.host === b.source?.host
  )
}

export class EventLog {
  /** key → event, least recently written first: the table's order once flushed. */
  private readonly live = new Map<string, StoredEvent>()
  /** Keys written in this transaction and still kept. */
  private readonly written = new Set<string>()
  /** Involved object's uid → keys of its kept events (an object has a handful). */
  private readonly byUid = new Map<string, string[]>()

  private constructor(
    private readonly tx: Tx,
    private readonly clusterId: string,
  ) {
    const table = tx.state.kube as Record<string, StoredEvent>
    for (const key of kubeGroupKeys(table, clusterId, 'Event') ?? []) this.keep(key, table[key]!)
  }

  /** The cluster's log in this transaction, made (from the table) on first use. */
  static of(tx: Tx, clusterId: string): EventLog {
    let logs = open.get(tx)
    if (!logs) open.set(tx, (logs = new Map()))
    let log = logs.get(clusterId)
    if (!log) {
      const made = new EventLog(tx, clusterId)
      logs.set(clusterId, (log = made))
      tx.deferWrite(`events/${clusterId}`, () => {
        logs.delete(clusterId)
        made.flush()
      })
    }
    return log
  }

  /** The kept events about the object with this uid, least recently written first. */
  about(uid: string | undefined): StoredEvent[] {
    return (this.byUid.get(uid ?? '') ?? []).map((key) => this.live.get(key)!)
  }

  /** The kept event reporting the same occurrence as `event`, if any. */
  same(event: Event): StoredEvent | undefined {
    for (const key of this.byUid.get(event.involvedObject.uid ?? '') ?? []) {
      const kept = this.live.get(key)!
      if (sameOccurrence(kept, event)) return kept
    }
    return undefined
  }

  /** Records a write of `event` under `key` (new, or counted up) and prunes beyond the bound. */
  write(key: string, event: StoredEvent): void {
    const old = this.live.get(key)
    if (old) this.forget(key, old)
    this.keep(key, event)
    this.written.add(key)
    while (this.live.size > KUBE_EVENTS_PER_CLUSTER) {
      const [oldest, gone] = this.live.entries().next().value!
      this.forget(oldest, gone)
    }
  }

  private keep(key: string, event: StoredEvent): void {
    this.live.set(key, event)
    const uid = event.involvedObject.uid ?? ''
    const keys = this.byUid.get(uid)
    if (keys) keys.push(key)
    else this.byUid.set(uid, [key])
  }

  private forget(key: string, event: StoredEvent): void {
    this.live.delete(key)
    this.written.delete(key)
    const uid = event.involvedObject.uid ?? ''
    const keys = this.byUid.get(uid)!
    if (keys.length === 1) this.byUid.delete(uid)
    else keys.splice(keys.indexOf(key), 1)
  }

  /** Writes the table: out what was pruned or rewritten, then in, in written order, what was written. */
  private flush(): void {
    const { tx, clusterId } = this
    const table = tx.state.kube as Record<string, StoredEvent>
    for (const key of [...(kubeGroupKeys(table, clusterId, 'Event') ?? [])])
      if (this.live.get(key) !== table[key]) tx.remove('kube', key)
    for (const [key, event] of this.live) if (this.written.has(key)) tx.put('kube', key, event)
  }
}

const open = new WeakMap<Tx, Map<string, EventLog>>()
