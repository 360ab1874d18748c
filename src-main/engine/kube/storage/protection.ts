import type { KubeObject } from '@shared/contract'
import { volumeDataKey } from '@shared/kube-storage'
import type { Tx } from '../../core/tx'
import { removeFile } from '../../hci/ledger'
import { deleteObject, kubeTime, putObject } from '../store'
import { vhdxFileId, type StoredPv, type StoredPvc } from './provision'
import { activePod, podsUsingClaim } from './usage'

// Storage object in-use protection: a claim a pod still uses, or a volume still bound to a claim,
// is not removed by kubectl delete. It gets a deletionTimestamp (kubectl shows Terminating) and
// keeps its finalizer — kubernetes.io/pvc-protection or kubernetes.io/pv-protection — until the
// pvc-protection / pv-protection controller sees it free, removes the finalizer, and it goes.

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection'
export const PV_PROTECTION = 'kubernetes.io/pv-protection'

/**
 * Whether a pod uses the claim, as the pvc-protection controller counts: a scheduled pod that has
 * not finished (the kubelet refuses to start a pod whose claim is being deleted).
 */
export function claimInUse(tx: Tx, clusterId: string, pvc: StoredPvc): boolean {
  return podsUsingClaim(tx, clusterId, pvc.metadata.namespace!, pvc.metadata.name).some(
    (p) => !!p.spec?.nodeName && activePod(p),
  )
}

function markTerminating<T extends KubeObject>(tx: Tx, clusterId: string, obj: T, finalizer: string): void {
  const finalizers = (obj.metadata.finalizers as string[] | undefined) ?? []
  putObject(tx, clusterId, {
    ...obj,
    metadata: {
      ...obj.metadata,
      deletionTimestamp: kubeTime(tx.now),
      deletionGracePeriodSeconds: 0,
      finalizers: finalizers.includes(finalizer) ? finalizers : [...finalizers, finalizer],
    },
  })
}

/** What a volume leaves behind when its object goes: with Delete, the VHDX and the data in it. */
export function releaseVolume(tx: Tx, clusterId: string, pv: StoredPv): void {
  if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return // Retain: the VHDX stays on the CSV
  removeFile(tx, vhdxFileId(clusterId, pv.metadata.name))
  tx.remove('kube', volumeDataKey(clusterId, pv.metadata.name))
}

/**
 * kubectl delete of any object (the verbs' hook). For a PVC in use or a Bound PV: marks it
 * Terminating and returns true (it stays). Otherwise returns false and the caller deletes it now; an
 * unbound PV's reclaim policy is honoured first (Delete removes its VHDX, as with the
 * HonorPVReclaimPolicy feature), so no file outlives a Delete volume.
 */
export function deleteProtected(tx: Tx, clusterId: string, obj: KubeObject): boolean {
  if (obj.kind !== 'PersistentVolumeClaim' && obj.kind !== 'PersistentVolume') return false
  if (obj.metadata.deletionTimestamp) return true // already Terminating: a second delete changes nothing
  if (obj.kind === 'PersistentVolumeClaim') {
    if (!claimInUse(tx, clusterId, obj as StoredPvc)) return false
    markTerminating(tx, clusterId, obj, PVC_PROTECTION)
    return true
  }
  const pv = obj as StoredPv
  if (pv.status?.phase === 'Bound') {
    markTerminating(tx, clusterId, pv, PV_PROTECTION)
    return true
  }
  releaseVolume(tx, clusterId, pv)
  return false
}

/** pvc-protection: Terminating claims no pod uses go; returns whether any went. */
export function finishClaimDeletions(tx: Tx, clusterId: string, claims: StoredPvc[]): boolean {
  let gone = false
  for (const pvc of claims)
    if (pvc.metadata.deletionTimestamp && !claimInUse(tx, clusterId, pvc)) {
      deleteObject(tx, clusterId, 'PersistentVolumeClaim', pvc.metadata.namespace!, pvc.metadata.name)
      gone = true
    }
  return gone
}

/** pv-protection: a Terminating PV no claim holds any more (Released or Available) goes. */
export function finishVolumeDeletion(tx: Tx, clusterId: string, pv: StoredPv): void {
  if (!pv.metadata.deletionTimestamp || pv.status?.phase === 'Bound') return
  releaseVolume(tx, clusterId, pv)
  deleteObject(tx, clusterId, 'PersistentVolume', '', pv.metadata.name)
}
