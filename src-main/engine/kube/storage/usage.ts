import type { KubeObject } from '@shared/contract'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../../core/tx'
import { byNamespaceAndName } from '@shared/kube'
import { clusterIndexOf, objectsAt } from '../store'

// Which pods use a claim: the one question the binder (WaitForFirstConsumer), pvc-protection and
// attach/detach ask of the pods, answered from the claim → pods index (derived.ts).

/** The claims a pod mounts, in its volumes' order. */
export const claimsOf = (pod: Pod) =>
  (pod.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  )

/** A pod that can still use its volumes (a finished pod holds none). */
export const activePod = (p: Pod) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed'

/** The pods of the claim's namespace that mount it, finished ones included; in listing order. */
export function podsUsingClaim(
  tx: Tx,
  clusterId: string,
  namespace: string,
  claimName: string,
): (Pod & KubeObject)[] {
  const keys = clusterIndexOf(tx, clusterId).claimUsers.get(`${namespace}/${claimName}`)
  return objectsAt<Pod & KubeObject>(tx, keys).sort(byNamespaceAndName)
}
