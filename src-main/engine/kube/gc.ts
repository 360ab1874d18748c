import type { KubeObject } from '@shared/contract'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import type { Stored } from './objects'
import { deleteObject } from './store'
import { terminatePod } from './termination'

// The garbage collector: an object whose owner (ownerReferences) is gone goes too. kubectl delete's
// default background propagation, done at once: the owner and, transitively, its dependents. Pods
// go gracefully (Terminating, then gone once their containers stop).

const ownerUids = (obj: KubeObject) =>
  ((obj.metadata.ownerReferences as { uid: string }[] | undefined) ?? []).map((r) => r.uid)

function clusterObjects(tx: Tx, clusterId: string): KubeObject[] {
  const prefix = `${clusterId}/`
  return Object.keys(tx.state.kube)
    .filter((k) => k.startsWith(prefix) && !k.startsWith(`${prefix}Event/`))
    .sort()
    .map((k) => tx.state.kube[k]!)
}

function remove(tx: Tx, clusterId: string, obj: KubeObject, graceSeconds?: number): void {
  if (obj.kind === 'Pod') terminatePod(tx, clusterId, obj as Stored<Pod>, graceSeconds)
  else deleteObject(tx, clusterId, obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)
}

/** kubectl delete: the object (a pod with this grace period, when given) and its dependents. */
export function deleteWithDependents(
  tx: Tx,
  clusterId: string,
  obj: KubeObject,
  graceSeconds?: number,
): void {
  remove(tx, clusterId, obj, graceSeconds)
  collectGarbage(tx, clusterId)
}

/** Deletes every object all of whose owners are gone, until none is left (dependents of dependents). */
export function collectGarbage(tx: Tx, clusterId: string): void {
  for (;;) {
    const objects = clusterObjects(tx, clusterId)
    const uids = new Set(objects.map((x) => x.metadata.uid))
    const orphans = objects.filter((x) => {
      if (x.metadata.deletionTimestamp) return false // already going
      const owners = ownerUids(x)
      return owners.length > 0 && owners.every((u) => !uids.has(u))
    })
    if (!orphans.length) return
    for (const x of orphans) remove(tx, clusterId, x)
  }
}
