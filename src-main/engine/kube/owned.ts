import type { KubeObject } from '@shared/contract'
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { MAX_PODS_PER_CLUSTER, POD_CREATE_BURST, POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import type { Tx } from '../core/tx'
import { markOwner } from './derived-marks'
import { withDefaults } from './defaults'
import { recordEvent } from './events'
import { schedulePodStage } from './lifecycle'
import { newPod, ownerRef, type Stored } from './objects'
import { clusterIndexOf, objectsAt, putObject } from './store'

// What the workload controllers share: a workload's pods from the owner index, their counts, and
// creating a pod (stored, then its first scheduler visit on the clock).

/** A workload's pods, from the owner index (any order). */
export function podsOwnedBy(tx: Tx, clusterId: string, uid: string): Stored<Pod>[] {
  return objectsAt<Stored<Pod>>(tx, clusterIndexOf(tx, clusterId).podsByOwner.get(uid))
}

/** A workload's pods: all of them, those not Terminating (active), Running and Ready ones. */
export function ownedCounts(tx: Tx, clusterId: string, uid: string) {
  const index = clusterIndexOf(tx, clusterId)
  const c = index.ownerCounts.get(uid)
  const pods = index.podsByOwner.get(uid)?.size ?? 0
  return { pods, active: pods - (c?.terminating ?? 0), running: c?.running ?? 0, ready: c?.ready ?? 0 }
}

/**
 * Whether a workload may create one more pod now (`name`: the pod's name, or its generated name's
 * prefix). Within the cluster's pod limit (MAX_PODS_PER_CLUSTER: at it, the workload gets a
 * FailedCreate event, as a quota gives it) and the pass's burst (POD_CREATE_BURST: a workload cut short
 * is visited on a later pass, which its new pods' first events bring), so that no command or instant
 * creates more than a bounded number of pods however many replicas are asked for.
 */
export function mayCreatePod(
  tx: Tx,
  clusterId: string,
  owner: KubeObject,
  name: string,
  component: string,
): boolean {
  const index = clusterIndexOf(tx, clusterId)
  const pods = index.podKeys.size
  if (pods >= MAX_PODS_PER_CLUSTER) {
    const limit = MAX_PODS_PER_CLUSTER.toLocaleString('en-US')
    const message = `Error creating: pods "${name}" is forbidden: the cluster has ${pods.toLocaleString('en-US')} pods, the most HCI Lab simulates (Kubernetes' scalability limit of ${limit} pods per cluster)`
    recordEvent(tx, clusterId, owner, 'FailedCreate', message, { component }, 'Warning')
    return false
  }
  if (index.createdInPass >= POD_CREATE_BURST) {
    markOwner(index, owner.metadata.uid)
    // The next pass comes a moment later, as the ReplicaSet controller syncs again once it has seen
    // its creations (whatever becomes of the pods created so far).
    if (!tx.queued(RESYNC_EVENT, clusterId))
      tx.schedule(tx.now + POD_SCHEDULE_MS, RESYNC_EVENT, { clusterId })
    return false
  }
  index.createdInPass++
  return true
}

/** A cluster's controllers run again (a workload was cut short by the burst). */
export const RESYNC_EVENT = 'kube.controllers.resync'

export function createPod(tx: Tx, clusterId: string, pod: Stored<Pod>): void {
  const stored = putObject(tx, clusterId, pod)
  schedulePodStage(tx, clusterId, stored, POD_SCHEDULE_MS)
}

const defaulted = new WeakMap<PodTemplateSpec, Map<string, Pick<Pod, 'spec' | 'status'>>>()

/**
 * The defaulted spec and first status of a template's pods (with what the controller sets over it):
 * the same for every pod of the template, so worked out once and shared (stored objects never change).
 */
function defaultedSpec(
  template: PodTemplateSpec,
  spec: Record<string, unknown>,
): Pick<Pod, 'spec' | 'status'> {
  let byOverride = defaulted.get(template)
  if (!byOverride) defaulted.set(template, (byOverride = new Map()))
  const key = JSON.stringify(spec)
  let out = byOverride.get(key)
  if (!out) {
    const pod = withDefaults({
      kind: 'Pod',
      spec: { ...template.spec!, ...spec },
      status: undefined,
    } as never) as Pod
    byOverride.set(key, (out = { spec: pod.spec, status: pod.status }))
  }
  return out
}

/**
 * A pod from a workload's template, named `<owner>-<5 random>` (ReplicaSets, Jobs), defaulted as the
 * API server would, created; returns its name. `spec`: what the controller sets over the template.
 */
export function createTemplatePod(
  tx: Tx,
  clusterId: string,
  owner: KubeObject,
  template: PodTemplateSpec,
  spec: Record<string, unknown> = {},
): string {
  const name = `${owner.metadata.name}-${tx.rng.kubeSuffix(5)}`
  const base = newPod({
    name,
    namespace: owner.metadata.namespace!,
    labels: (template.metadata?.labels ?? {}) as Record<string, string>,
    owner: ownerRef(owner),
    node: null,
    hostNetwork: false,
    containers: [],
    os: 'linux',
    tolerations: [],
  })
  const { spec: podSpec, status } = defaultedSpec(template, spec)
  createPod(tx, clusterId, { ...base, spec: podSpec, status } as Stored<Pod>)
  return name
}
