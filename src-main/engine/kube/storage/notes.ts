import type { KubeObject } from '@shared/contract'
import type { Tx } from '../../core/tx'
import { recordEvent, type EventSource } from '../events'
import { listObjects } from '../store'

// Events the storage controllers record once per object and reason: Kubernetes repeats them on every
// resync with a growing count; the lab, which reconciles on every pod event, would flood the list.
// The lookup reads the object's namespace's events; one helper, so it can be indexed later.

export function hasEvent(tx: Tx, clusterId: string, obj: KubeObject, reason: string): boolean {
  return listObjects<{ involvedObject: { uid: string }; reason: string }>(tx, clusterId, {
    kind: 'Event',
    namespace: obj.metadata.namespace ?? 'default',
  }).some((e) => e.involvedObject.uid === obj.metadata.uid && e.reason === reason)
}

export function reportOnce(
  tx: Tx,
  clusterId: string,
  obj: KubeObject,
  reason: string,
  message: string,
  source: EventSource,
  type: 'Normal' | 'Warning' = 'Normal',
): void {
  if (!hasEvent(tx, clusterId, obj, reason)) recordEvent(tx, clusterId, obj, reason, message, source, type)
}
