import type { KubeObject } from '@shared/contract'
import type { Event, ObjectReference } from 'kubernetes-types/core/v1'
import type { RngState } from '../core/rng'
import { Rng } from '../core/rng'

// The entries of a cluster's event log (event-log.ts) and the Event objects they stand for: a new
// event is written with the name and uid its saved random-generator state draws again.

export type StoredEvent = Event & KubeObject

export interface EventSource {
  component: string // 'default-scheduler', 'kubelet', 'daemonset-controller', …
  host?: string
}

/** One occurrence as the recorder reports it; the same again on the same object counts up. */
export interface Occurrence {
  reason: string
  message: string
  source: EventSource
  type: 'Normal' | 'Warning'
  fieldPath?: string
}

/** An event kept in the log (every entry is made with all of these fields, in this order). */
export interface Entry extends Occurrence {
  uid: string // the involved object's
  stored?: StoredEvent // the table's event this entry is (undefined: new in this transaction)
  draws?: RngState // a new event's: the generator's state before its name's draws
  involved?: KubeObject // the involved object at the last write in this transaction
  namespace: string
  firstTime: string
  lastTime: string
  count: number
  resourceVersion?: string // set when written in this transaction
  slot: string // its key in the log's bySlot
  at: number // where its last write is in the log's order; -1 once pruned
}

/** Random draws a new event takes: 16 hex digits of its name, then a guid (32 hex and a variant). */
export const NAME_DRAWS = 16
export const UID_DRAWS = 33

export const slotOf = (uid: string, message: string) => `${uid}\n${message}`

export function sameOccurrence(e: Occurrence, o: Occurrence): boolean {
  return (
    e.reason === o.reason &&
    e.type === o.type &&
    e.fieldPath === o.fieldPath &&
    e.source.component === o.source.component &&
    e.source.host === o.source.host
  )
}

function reference(o: KubeObject, fieldPath: string | undefined): ObjectReference {
  const ref: ObjectReference = { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name }
  if (o.metadata.namespace) ref.namespace = o.metadata.namespace
  ref.uid = o.metadata.uid
  ref.resourceVersion = o.metadata.resourceVersion
  if (fieldPath) ref.fieldPath = fieldPath
  return ref
}

/** The Event object an entry written in this transaction stands for. */
export function eventOf(entry: Entry): StoredEvent {
  const involvedObject = reference(entry.involved!, entry.fieldPath)
  const resourceVersion = entry.resourceVersion!
  if (entry.stored)
    return {
      ...entry.stored,
      metadata: { ...entry.stored.metadata, resourceVersion },
      involvedObject,
      count: entry.count,
      lastTimestamp: entry.lastTime,
    }
  const rng = new Rng([...entry.draws!])
  const name = `${entry.involved!.metadata.name}.${rng.hex(NAME_DRAWS)}`
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: entry.namespace,
      uid: rng.guid(),
      creationTimestamp: entry.firstTime,
      resourceVersion,
    },
    involvedObject,
    reason: entry.reason,
    message: entry.message,
    source: entry.source,
    firstTimestamp: entry.firstTime,
    lastTimestamp: entry.lastTime,
    count: entry.count,
    type: entry.type,
    reportingComponent: '',
    reportingInstance: '',
  }
}
