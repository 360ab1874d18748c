import type { Pod } from 'kubernetes-types/core/v1'
import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import type { Tx } from '../core/tx'
import { schedulePodStage } from './lifecycle'
import type { Stored } from './objects'
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
