import { KUBE_EVENTS_PER_CLUSTER } from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import type { Event } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { deleteObject, kubeTime, listObjects, putObject } from './store'

// core/v1 Events as the components record them (kubectl get events, kubectl describe). Bounded per
// cluster like the API server's TTL would: the oldest go first.

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
  const event: Event = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${involved.metadata.name}.${tx.rng.hex(16)}`,
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
  putObject(tx, clusterId, event)
  prune(tx, clusterId)
}

function prune(tx: Tx, clusterId: string): void {
  const events = listObjects(tx, clusterId, { kind: 'Event' })
  if (events.length <= KUBE_EVENTS_PER_CLUSTER) return
  const oldest = events
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .slice(0, events.length - KUBE_EVENTS_PER_CLUSTER)
  for (const e of oldest) deleteObject(tx, clusterId, 'Event', e.metadata.namespace ?? '', e.metadata.name)
}
