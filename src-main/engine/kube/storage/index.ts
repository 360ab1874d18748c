import type { Tx } from '../../core/tx'
import { minuteTick, MINUTE_TICK_EVENT } from './demo'
import { provision, PROVISION_EVENT, type ProvisionRef } from './provision'
import { reconcileStorage } from './reconcile'

// Persistent storage of a workload cluster (facts §4): the default StorageClass, the msvhd CSI
// driver's provisioner (into the class's storage container), the binder of pre-created PVs,
// in-use protection, attach/detach, and the files the demo app writes into its volume. The kube
// engine calls reconcileStorage from its controllers, asks podClaimsBound (scheduler) and
// podVolumesReady (kubelet) before moving a pod on, and deleteProtected before kubectl delete.

export { createDefaultStorageClass } from './classes'
export { storageCommandHandlers } from './containers'
export { deleteProtected } from './protection'
export { podClaimsBound, podVolumesReady, type VolumesReady } from './attach'
export { appendToVolume } from './demo'
export { reconcileStorage }

/** Scheduled events of the storage controllers; kube/index.ts merges them into its handlers. */
export const storageEventHandlers: Record<string, (tx: Tx, data: unknown) => void> = {
  [PROVISION_EVENT]: (tx, data) => {
    const ref = data as ProvisionRef
    if (provision(tx, ref)) reconcileStorage(tx, ref.clusterId)
  },
  [MINUTE_TICK_EVENT]: (tx, data) => {
    minuteTick(tx, data as { clusterId: string })
  },
}
