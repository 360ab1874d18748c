import { KUBE_EVENTS_PER_CLUSTER } from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import type { Event } from 'kubernetes-types/core/v1'
import { kubeGroupKeys } from '@shared/kube'
import type { Tx } from '../core/tx'
import { eventAggregateKey } from './derived'
import { clusterIndexOf, deleteObject, kubeTime, putObject } from './store'

// core/v1 Events as the components record them (kubectl get events, kubectl describe). The same
// occurrence again (same object, reason, message, source) counts up on the existing event, as the
// event recorder's correlator does. Bounded per cluster like the API server's TTL would: the least
// recently written go first.

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
  const sameKey = clusterIndexOf(tx, clusterId).eventsByAggregate.get(eventAggregateKey(event))
  const same = sameKey ? (tx.get('kube', sameKey) as (Event & KubeObject) | undefined) : undefined
  if (same) {
    // Written again at the end of the table, so it is the last to be pruned.
    tx.remove('kube', sameKey!)
    putObject(tx, clusterId, {
      ...same,
      involvedObject: event.involvedObject,
      count: (same.count ?? 1) + 1,
      lastTimestamp: time,
    })
  } else putObject(tx, clusterId, event)
  prune(tx, clusterId)
}

/** Whether an object has any event with this reason. */
export function hasEvent(tx: Tx, clusterId: string, uid: string, reason: string): boolean {
  return (clusterIndexOf(tx, clusterId).eventReasons.get(`${uid}|${reason}`) ?? 0) > 0
}

function prune(tx: Tx, clusterId: string): void {
  const keys = kubeGroupKeys(tx.state.kube, clusterId, 'Event')
  if (!keys) return
  while (keys.size > KUBE_EVENTS_PER_CLUSTER) {
    const oldest = tx.get('kube', keys.values().next().value!)!
    deleteObject(tx, clusterId, 'Event', oldest.metadata.namespace ?? '', oldest.metadata.name)
  }
}
