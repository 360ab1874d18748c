import type { KubeObject } from '@shared/contract'
import type { ObjectReference } from 'kubernetes-types/core/v1'
import { kubeKey } from '@shared/kube'
import type { Tx } from '../core/tx'
import { EventLog, type StoredEvent } from './event-log'
import { kubeTime, nextResourceVersion } from './store'

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
  const time = kubeTime(tx.now)
  const meta = involved.metadata
  const namespace = meta.namespace ?? 'default'
  // Drawn even when the event merges, so the names drawn after it stay what they always were.
  const name = `${meta.name}.${tx.rng.hex(16)}`
  const involvedObject: ObjectReference = {
    apiVersion: involved.apiVersion,
    kind: involved.kind,
    name: meta.name,
  }
  if (meta.namespace) involvedObject.namespace = meta.namespace
  involvedObject.uid = meta.uid
  involvedObject.resourceVersion = meta.resourceVersion
  if (fieldPath) involvedObject.fieldPath = fieldPath
  const log = EventLog.of(tx, clusterId)
  const same = log.same(meta.uid, { reason, message, type, fieldPath, source })
  if (same) {
    const resourceVersion = nextResourceVersion(tx, clusterId)
    const merged = {
      ...same,
      metadata: { ...same.metadata, resourceVersion },
      involvedObject,
      count: (same.count ?? 1) + 1,
      lastTimestamp: time,
    }
    log.write(kubeKey(clusterId, 'Event', namespace, same.metadata.name), merged)
    return
  }
  const uid = tx.rng.guid()
  const event: StoredEvent = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace,
      uid,
      creationTimestamp: time,
      resourceVersion: nextResourceVersion(tx, clusterId),
    },
    involvedObject,
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
  log.write(kubeKey(clusterId, 'Event', namespace, name), event)
}

/** Whether an object has any event with this reason. */
export function hasEvent(tx: Tx, clusterId: string, uid: string, reason: string): boolean {
  return EventLog.of(tx, clusterId).has(uid, reason)
}
