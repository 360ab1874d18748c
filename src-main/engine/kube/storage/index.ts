import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../../core/tx'
import type { Stored } from '../objects'

// The storage hooks the workload controllers call (placeholder bodies: the persistent storage work
// replaces this file with the PVC/PV controller, the msvhd provisioner and attach/detach).

/** Binds/provisions PersistentVolumeClaims and volumes; called from reconcile after the workloads. */
export function reconcileStorage(tx: Tx, clusterId: string): void {
  void tx
  void clusterId
}

/** Whether a scheduled pod's volumes are attached and mounted; the kubelet waits in ContainerCreating. */
export function podVolumesReady(
  tx: Tx,
  clusterId: string,
  pod: Stored<Pod>,
): { ready: boolean; reason?: string; message?: string } {
  void tx
  void clusterId
  void pod
  return { ready: true }
}
