import type { VirtualMachine } from '@shared/aks'
import type { AksCluster } from '@shared/aks-cluster'
import type { Tx } from '../core/tx'
import { reconcile } from './controllers'
import { recordEvent } from './events'
import {
  advancePod,
  NODE_READY_EVENT,
  onNodeReady,
  POD_STAGE_EVENT,
  scheduleNodeReady,
  type PodRef,
} from './lifecycle'
import { createNamespaces, registerNode } from './objects'
import { RESYNC_EVENT } from './owned'
import { deleteObject, getObject } from './store'
import { createDefaultStorageClass, storageEventHandlers } from './storage'
import { systemWorkloads } from './system'
import { createWorkload } from './workloads'
import { createSystemServices, LB_EVENT, onLoadBalancer } from './services'
import { applyManifest } from './apply'
import { onPodTerminated, POD_TERMINATED_EVENT, type TerminatedRef } from './termination'
import { deleteObjects, patchObject, scaleObject } from './verbs'

// The Kubernetes side of a workload cluster, as the AKS cluster engine drives it: bring up the API
// (namespaces, kube-system workloads), register and remove nodes; and the scheduled events of the
// pod and node lifecycles.

export { deleteClusterObjects, getObject, listObjects, putObject, updateObject, kubeTime } from './store'
export { reconcile } from './controllers'

/** The workload commands (kubectl apply/create, delete, scale, patch). */
export const kubeCommandHandlers = {
  'kube.apply': applyManifest,
  'kube.delete': deleteObjects,
  'kube.scale': scaleObject,
  'kube.patch': patchObject,
} as const

/** Kubernetes is up on the first control plane: the API's namespaces and kube-system's workloads. */
export function bootstrapKubernetes(tx: Tx, cluster: AksCluster): void {
  createNamespaces(tx, cluster.id)
  createSystemServices(tx, cluster.id)
  for (const spec of systemWorkloads(cluster.kubernetesVersion, cluster.primaryNetworkPlugin))
    createWorkload(tx, cluster.id, spec)
  createDefaultStorageClass(tx, cluster.id)
}

export interface JoinOptions {
  controlPlane: boolean
  os: 'linux' | 'windows'
  maxPods: number
  taints: { key: string; value: string; effect: string }[]
}

/** A VM's kubelet registers its node (NotReady); it turns Ready shortly after. */
export function joinNode(tx: Tx, clusterId: string, vm: VirtualMachine, opts: JoinOptions): void {
  const cluster = tx.get('aksClusters', clusterId)
  if (!cluster || getObject(tx, clusterId, 'Node', '', vm.name)) return
  const node = registerNode(tx, cluster, vm, opts)
  recordEvent(tx, clusterId, node, 'Starting', 'Starting kubelet.', { component: 'kubelet', host: vm.name })
  recordEvent(
    tx,
    clusterId,
    node,
    'RegisteredNode',
    `Node ${vm.name} event: Registered Node ${vm.name} in Controller`,
    {
      component: 'node-controller',
    },
  )
  scheduleNodeReady(tx, clusterId, node)
  reconcile(tx, clusterId)
}

/** A node is deleted (scale down, control plane change): its pods go, the controllers catch up. */
export function removeNode(tx: Tx, clusterId: string, name: string): void {
  deleteObject(tx, clusterId, 'Node', '', name)
  reconcile(tx, clusterId)
}

/** The controllers catch up once the instant's events have all run (Tx.atInstantEnd). */
function reconcileSoon(tx: Tx, clusterId: string): void {
  let key = reconcileKeys.get(clusterId)
  if (key === undefined) reconcileKeys.set(clusterId, (key = `reconcile/${clusterId}`))
  if (!tx.waitsForInstantEnd(key)) tx.atInstantEnd(key, () => reconcile(tx, clusterId))
}
const reconcileKeys = new Map<string, string>() // cluster id → its work's key (asked per event)

export const kubeEventHandlers: Record<string, (tx: Tx, data: unknown) => void> = {
  ...storageEventHandlers,
  [POD_STAGE_EVENT]: (tx, data) => {
    const ref = data as PodRef
    if (advancePod(tx, ref)) reconcileSoon(tx, ref.clusterId)
  },
  [LB_EVENT]: (tx, data) => {
    const ref = data as { clusterId: string; namespace: string; name: string; uid: string }
    if (onLoadBalancer(tx, ref)) reconcileSoon(tx, ref.clusterId)
  },
  [POD_TERMINATED_EVENT]: (tx, data) => {
    const ref = data as TerminatedRef
    if (onPodTerminated(tx, ref)) reconcileSoon(tx, ref.clusterId)
  },
  [RESYNC_EVENT]: (tx, data) => reconcileSoon(tx, (data as { clusterId: string }).clusterId),
  [NODE_READY_EVENT]: (tx, data) => {
    const ref = data as { clusterId: string; name: string; uid: string }
    if (onNodeReady(tx, ref)) reconcileSoon(tx, ref.clusterId)
  },
}
