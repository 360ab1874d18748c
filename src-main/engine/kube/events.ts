import type { KubeObject } from '@shared/contract'
import type { Event } from 'kubernetes-types/core/v1'
import { kubeKey } from '@shared/kube'
import type { Tx } from '../core/tx'
import { EventLog } from './event-log'
import { kubeTime, stampObject } from './store'

// core/v1 Events as the components record them (kubectl get events, kubectl describe). The same
// occurrence again (same object, reason, message, source) counts up on the existing event, as the
// event recorder's correlator does. Bounded per cluster like the API server's TTL would: the least
// recently written go first. Recent writes are held in the transaction's EventLog (event-log.ts).

export interface EventSource {
  component: string // 'default-scheduler', 'kubelet', 'daemonset-controller', …
  host?: string
}

export function recordEvent(
  tx: Tx,
  clusterId: string,
  involved: KubeObject,
  reason: string,
  message: string,
  source: EventSource,
  type: 'Normal' | 'Warning' = 'Normal',
  fieldPath?: string,
): void {
  if (process.env.NOEV) return
  const time = kubeTime(tx.now)
  // Drawn even when the event merges, so the names drawn after it stay what they always were.
  const name = `${involved.metadata.name}.${tx.rng.hex(16)}`
  const event: Event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace: involved.metadata.namespace ?? 'default',
    },
    involvedObject: {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name: involved.metadata.name,
      ...(involved.metadata.namespace ? { namespace: involved.metadata.namespace } : {}),
      uid: involved.metadata.uid,
      resourceVersion: involved.metadata.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    },
    reason,
    message,
    source,
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
    type,
    reportingComponent: '',
    reportingInstance: '',
  }
  const log = EventLog.of(tx, clusterId)
  const same = log.same(event)
  const next = same
    ? { ...same, involvedObject: event.involvedObject, count: (same.count ?? 1) + 1, lastTimestamp: time }
    : event
  const namespace = next.metadata!.namespace!
  log.write(
    kubeKey(clusterId, 'Event', namespace, next.metadata!.name!),
    stampObject(tx, clusterId, next, undefined),
  )
}

/** Whether an object has any event with this reason. */
export function hasEvent(tx: Tx, clusterId: string, uid: string, reason: string): boolean {
  return EventLog.of(tx, clusterId)
    .about(uid)
    .some((e) => e.reason === reason)
}
