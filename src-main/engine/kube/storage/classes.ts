import { CSI_PROVISIONER, STORAGE_CONTAINER } from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import { DEFAULT_CLASS_ANNOTATION, DEFAULT_STORAGE_CLASS } from '@shared/kube-storage'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import type { Tx } from '../../core/tx'
import { getObject, listObjects, putObject } from '../store'

// Storage classes: the built-in `default` class AKS-HCI creates with every workload cluster (facts §4)
// and the lookups the PV controller and the scheduler hook need.

export type StoredClass = StorageClass & KubeObject

/** The cloud agent's parameters every msvhd class carries: where the driver sends its requests. */
function defaultParameters(tx: Tx, clusterName: string): Record<string, string> {
  const role = tx.state.aks.cloudAgentRole ?? 'ca-cloudagent'
  return {
    blocksize: '33554432',
    container: STORAGE_CONTAINER,
    dynamic: 'true',
    group: `clustergroup-${clusterName}`,
    hostname: `${role}.${tx.state.cluster.domain}`,
    logicalsectorsize: '4096',
    physicalsectorsize: '4096',
    port: '55000',
  }
}

/** Creates the cluster's `default` StorageClass (once; bootstrapKubernetes calls it). */
export function createDefaultStorageClass(tx: Tx, clusterId: string): void {
  const cluster = tx.get('aksClusters', clusterId)
  if (!cluster || getObject(tx, clusterId, 'StorageClass', '', DEFAULT_STORAGE_CLASS)) return
  const sc: StorageClass = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: DEFAULT_STORAGE_CLASS, annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    provisioner: CSI_PROVISIONER,
    parameters: defaultParameters(tx, cluster.name),
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  }
  putObject(tx, clusterId, sc as StorageClass & { kind: string; metadata: { name: string } })
}

/** The class a claim names, or the cluster's default class when it names none (admission's rule). */
export function classFor(
  tx: Tx,
  clusterId: string,
  name: string | null | undefined,
): StoredClass | undefined {
  if (name === '') return undefined // explicitly no class: only pre-created PVs bind
  if (name) return getObject<StoredClass>(tx, clusterId, 'StorageClass', '', name)
  return listObjects<StoredClass>(tx, clusterId, { kind: 'StorageClass' }).find(
    (sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true',
  )
}

export const waitsForConsumer = (sc: StorageClass | undefined) =>
  sc?.volumeBindingMode === 'WaitForFirstConsumer'

/** A class our driver provisions (a class of another provisioner waits forever, as in Kubernetes). */
export const ownClass = (sc: StorageClass | undefined) =>
  sc?.provisioner === CSI_PROVISIONER || sc?.provisioner === 'disk.csi.akshci.com'
