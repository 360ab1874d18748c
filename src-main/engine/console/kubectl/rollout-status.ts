import type { KubeObject } from '@shared/contract'
import { at, list, num, str } from '@shared/kube-fields'
import { NativeError } from '../errors'

// kubectl rollout status's status viewers (k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go),
// in their order of checks and with their texts: the line kubectl prints for where the rollout
// stands. The lab reports once (it does not watch), so a rollout in progress prints one line.
// Objects the API server stored have their defaults (RollingUpdate, partition 0): missing ones are
// read as those defaults.

const ONLY_ROLLING = 'error: rollout status is only available for RollingUpdate strategy type'

const replicasOf = (o: KubeObject) =>
  typeof at(o, 'spec.replicas') === 'number' ? num(o, 'spec.replicas') : 1

function deploymentStatus(o: KubeObject): string {
  const n = o.metadata.name
  if (num(o, 'metadata.generation') > num(o, 'status.observedGeneration'))
    return 'Waiting for deployment spec update to be observed...'
  const progressing = list(o, 'status.conditions').find((c) => str(c, 'type') === 'Progressing')
  if (progressing && str(progressing, 'reason') === 'ProgressDeadlineExceeded')
    throw new NativeError([`error: deployment "${n}" exceeded its progress deadline`])
  const want = replicasOf(o)
  const updated = num(o, 'status.updatedReplicas')
  const total = num(o, 'status.replicas')
  const available = num(o, 'status.availableReplicas')
  const waiting = `Waiting for deployment "${n}" rollout to finish: `
  if (updated < want) return `${waiting}${updated} out of ${want} new replicas have been updated...`
  if (total > updated) return `${waiting}${total - updated} old replicas are pending termination...`
  if (available < updated) return `${waiting}${available} of ${updated} updated replicas are available...`
  return `deployment "${n}" successfully rolled out`
}

function daemonSetStatus(o: KubeObject): string {
  const n = o.metadata.name
  if ((str(o, 'spec.updateStrategy.type') || 'RollingUpdate') !== 'RollingUpdate')
    throw new NativeError([ONLY_ROLLING])
  if (num(o, 'metadata.generation') > num(o, 'status.observedGeneration'))
    return 'Waiting for daemon set spec update to be observed...'
  const desired = num(o, 'status.desiredNumberScheduled')
  const updated = num(o, 'status.updatedNumberScheduled')
  const available = num(o, 'status.numberAvailable')
  const waiting = `Waiting for daemon set "${n}" rollout to finish: `
  if (updated < desired) return `${waiting}${updated} out of ${desired} new pods have been updated...`
  if (available < desired) return `${waiting}${available} of ${desired} updated pods are available...`
  return `daemon set "${n}" successfully rolled out`
}

function statefulSetStatus(o: KubeObject): string {
  if ((str(o, 'spec.updateStrategy.type') || 'RollingUpdate') !== 'RollingUpdate')
    throw new NativeError([ONLY_ROLLING])
  const observed = num(o, 'status.observedGeneration')
  if (observed === 0 || num(o, 'metadata.generation') > observed)
    return 'Waiting for statefulset spec update to be observed...'
  const want = replicasOf(o)
  const ready = num(o, 'status.readyReplicas')
  if (ready < want) return `Waiting for ${want - ready} pods to be ready...`
  const updated = num(o, 'status.updatedReplicas')
  const partition = num(o, 'spec.updateStrategy.rollingUpdate.partition')
  if (updated < want - partition)
    return `Waiting for partitioned roll out to finish: ${updated} out of ${want - partition} new pods have been updated...`
  return `partitioned roll out complete: ${updated} new pods have been updated...`
}

/** The line `kubectl rollout status` prints for a Deployment, DaemonSet or StatefulSet. */
export function rolloutStatus(o: KubeObject): string {
  if (o.kind === 'DaemonSet') return daemonSetStatus(o)
  if (o.kind === 'StatefulSet') return statefulSetStatus(o)
  return deploymentStatus(o)
}
