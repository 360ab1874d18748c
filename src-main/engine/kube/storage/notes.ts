import type { KubeObject } from '@shared/contract'
import type { Tx } from '../../core/tx'
import { hasEvent as hasEventFor, recordEvent, type EventSource } from '../events'

// Events the storage controllers record once per object and reason: Kubernetes repeats them on every
// resync with a growing count; the lab, which reconciles on every pod event, would flood the list.
// The lookup is the events index's (uid and reason).

export function hasEvent(tx: Tx, clusterId: string, obj: KubeObject, reason: string): boolean {
  return hasEventFor(tx, clusterId, obj.metadata.uid, reason)
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
