import type { KubeObject } from '@shared/contract'
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import type { Tx } from '../core/tx'
import { withDefaults } from './defaults'
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
