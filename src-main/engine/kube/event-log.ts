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

/** What makes two events about one object the same occurrence (the event recorder's aggregation). */
export interface Occurrence {
  reason?: string
  message?: string
  type?: string
  fieldPath?: string
  source?: { component?: string; host?: string }
}

function sameOccurrence(e: Event, o: Occurrence): boolean {
  return (
    e.reason === o.reason &&
    e.message === o.message &&
    e.type === o.type &&
    e.involvedObject.fieldPath === o.fieldPath &&
    e.source?.component === o.source?.component &&
    e.source?.host === o.source?.host
  )
}

export class EventLog {
  /** key → event, least recently written first: the table's order once flushed. */
  private readonly live = new Map<string, StoredEvent>()
  /** Keys written in this transaction and still kept. */
  private readonly written = new Set<string>()
  /** Involved object's uid → message → keys of its kept events (a ReplicaSet has one per pod). */
  private readonly byUid = new Map<string, Map<string, string[]>>()

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

  /** Whether a kept event about the object with this uid has this reason. */
  has(uid: string, reason: string): boolean {
    for (const keys of this.byUid.get(uid)?.values() ?? [])
      if (keys.some((key) => this.live.get(key)!.reason === reason)) return true
    return false
  }

  /** The kept event about the object with this uid reporting the same occurrence, if any. */
  same(uid: string, occurrence: Occurrence): StoredEvent | undefined {
    const byMessage = this.byUid.get(uid)
    for (const key of byMessage?.get(occurrence.message ?? '') ?? []) {
      const kept = this.live.get(key)!
      if (sameOccurrence(kept, occurrence)) return kept
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
      const oldest = this.live.keys().next().value!
      this.forget(oldest, this.live.get(oldest)!)
    }
  }

  private keep(key: string, event: StoredEvent): void {
    this.live.set(key, event)
    const uid = event.involvedObject.uid ?? ''
    let byMessage = this.byUid.get(uid)
    if (!byMessage) this.byUid.set(uid, (byMessage = new Map()))
    const keys = byMessage.get(event.message ?? '')
    if (keys) keys.push(key)
    else byMessage.set(event.message ?? '', [key])
  }

  private forget(key: string, event: StoredEvent): void {
    this.live.delete(key)
    this.written.delete(key)
    const uid = event.involvedObject.uid ?? ''
    const byMessage = this.byUid.get(uid)!
    const keys = byMessage.get(event.message ?? '')!
    if (keys.length > 1) keys.splice(keys.indexOf(key), 1)
    else if (byMessage.size > 1) byMessage.delete(event.message ?? '')
    else this.byUid.delete(uid)
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
