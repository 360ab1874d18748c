import type { KubeObject } from '@shared/contract'
import type { Tx } from '../core/tx'
import { EventLog, type EventSource } from './event-log'
import { kubeTime } from './store'

// core/v1 Events as the components record them (kubectl get events, kubectl describe). The same
// occurrence again (same object, reason, message, source) counts up on the existing event, as the
// event recorder's correlator does. Bounded per cluster like the API server's TTL would: the least
// recently written go first. Recent writes are held in the transaction's EventLog (event-log.ts).

export type { EventSource }

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
  EventLog.of(tx, clusterId).record(involved, { reason, message, source, type, fieldPath }, kubeTime(tx.now))
}

/** Whether an object has any event with this reason. */
export function hasEvent(tx: Tx, clusterId: string, uid: string, reason: string): boolean {
  return EventLog.of(tx, clusterId).has(uid, reason)
}
