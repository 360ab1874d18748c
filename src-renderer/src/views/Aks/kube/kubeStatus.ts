import type { KubeObject } from '@shared/contract'
import { list, num } from '@shared/kube-fields'
import type { StatusKind } from '@/components/StatusIcon.vue'

// The status icon of a Kubernetes object in the lists: from the STATUS text kubectl prints (pods,
// claims, volumes), an event's TYPE, or a workload's ready count against what it wants.

/** A STATUS / TYPE cell's icon, as kubectl's words read: running and bound are fine, errors red.
 * Terminating is work in progress (a graceful deletion, or protection waiting for its users), as a
 * VM's Stopping is, not a warning. */
export function textStatus(status: string): StatusKind {
  if (['Running', 'Bound', 'Succeeded', 'Completed', 'Available', 'Normal'].includes(status)) return 'success'
  if (/Err|BackOff|Failed|Lost|CannotRun/.test(status)) return 'error'
  if (status === 'Warning' || status === 'Pending') return 'warning'
  if (['ContainerCreating', 'PodInitializing', 'Terminating', 'Released'].includes(status)) return 'progress'
  if (status.startsWith('Init:')) return 'progress' // init containers running: Init:1/2
  return 'info'
}

const READY: Record<string, [ready: string, wanted: string]> = {
  Deployment: ['status.readyReplicas', 'spec.replicas'],
  ReplicaSet: ['status.readyReplicas', 'spec.replicas'],
  StatefulSet: ['status.readyReplicas', 'spec.replicas'],
  DaemonSet: ['status.numberReady', 'status.desiredNumberScheduled'],
}

/** A Job's icon: Complete, Failed (backoff limit, deadline), or still running. */
function jobStatus(o: KubeObject): StatusKind {
  if (o.metadata.deletionTimestamp) return 'progress'
  const done = list(o, 'status.conditions').find((c) => c.status === 'True')
  return done?.type === 'Complete' ? 'success' : done?.type === 'Failed' ? 'error' : 'progress'
}

/** A workload's icon: every wanted replica ready, or on its way (scaled to 0 is neutral). */
export function readyStatus(o: KubeObject): StatusKind | null {
  if (o.kind === 'Job') return jobStatus(o)
  const fields = READY[o.kind]
  if (!fields) return null
  if (o.metadata.deletionTimestamp) return 'progress'
  const [ready, wanted] = [num(o, fields[0]), num(o, fields[1])]
  if (wanted === 0) return 'neutral'
  return ready >= wanted ? 'success' : 'progress'
}
