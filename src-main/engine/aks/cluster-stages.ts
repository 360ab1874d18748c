import type { AksCluster } from '@shared/aks-cluster'
import { parseTaint } from '@shared/aks-cluster-rules'
import { clusterTeardown } from '@shared/file-owners'
import type { Tx } from '../core/tx'
import { removeFile } from '../hci/ledger'
import { bootstrapKubernetes, deleteClusterObjects, joinNode, removeNode } from '../kube'
import { CLUSTER_OWNER_KIND, removeClusterVm, setVmRunning } from './cluster-vms'
import { finishTask, progressTask } from '../tasks'

// The scheduled stages of a workload cluster's create, scale and delete. Each re-reads the cluster
// and does nothing when it is gone (a stale event after a delete).

export const CLUSTER_EVENT = 'aks.cluster.stage'

export type ClusterStage =
  | { stage: 'boot'; vmIds: string[] } // load balancer and control plane VMs are running
  | { stage: 'kubernetes' } // the API is up on the control plane
  | { stage: 'join'; vmId: string } // a VM boots and its node registers
  | { stage: 'drain'; vmId: string } // a node is drained and its VM deleted
  | { stage: 'finish' }
  | { stage: 'delete' }

export type ClusterEventData = ClusterStage & { clusterId: string; endsAt: number }

export function scheduleStage(
  tx: Tx,
  cluster: AksCluster,
  at: number,
  stage: ClusterStage,
  endsAt: number,
): void {
  tx.schedule(at, CLUSTER_EVENT, { ...stage, clusterId: cluster.id, endsAt })
}

export function patchCluster(tx: Tx, id: string, patch: Partial<AksCluster>): AksCluster | undefined {
  const cluster = tx.get('aksClusters', id)
  if (!cluster) return undefined
  const next = { ...cluster, ...patch }
  tx.put('aksClusters', id, next)
  return next
}

/** The cluster's task: the share of its planned time gone by, and what it is doing now. */
function progress(tx: Tx, cluster: AksCluster, endsAt: number, message?: string): void {
  const task = cluster.taskId ? tx.get('tasks', cluster.taskId) : undefined
  if (!task) return
  const span = Math.max(1, endsAt - task.startedAt)
  progressTask(tx, task.id, { percent: ((tx.now - task.startedAt) / span) * 100, message })
}

/** What a provisioned cluster has, for the end of its task. */
function provisionedMessage(cluster: AksCluster): string {
  const nodes = (n: number, what: string) => `${n} ${what} node${n === 1 ? '' : 's'}`
  const workers = cluster.nodePools.reduce((n, p) => n + p.vmIds.length, 0)
  return (
    `Kubernetes cluster ${cluster.name} is provisioned: ` +
    `${nodes(cluster.controlPlaneVmIds.length, 'control plane')}, ${nodes(workers, 'worker')}.`
  )
}

function joinVm(tx: Tx, cluster: AksCluster, vmId: string): void {
  const vm = setVmRunning(tx, vmId)
  if (!vm) return
  const pool = cluster.nodePools.find((p) => p.vmIds.includes(vmId))
  joinNode(tx, cluster.id, vm, {
    controlPlane: vm.role === 'aks-control-plane',
    os: vm.role === 'aks-windows-worker' ? 'windows' : 'linux',
    maxPods: pool?.maxPods ?? 110,
    taints: (pool?.taints ?? []).flatMap((t) => {
      const taint = parseTaint(t)
      return taint ? [taint] : []
    }),
  })
}

/**
 * Removes everything of a cluster: VMs, disks, roles, objects, its kubectl context, its events; and
 * what it owned in the cloud agent: the VHDX of its volumes, but for Retain ones (clusterTeardown).
 */
export function removeClusterResources(tx: Tx, cluster: AksCluster): void {
  tx.unschedule((e) => (e.data as { clusterId?: string } | null)?.clusterId === cluster.id)
  const teardown = clusterTeardown(tx.state, cluster.id)
  const vms = tx
    .all('vms')
    .filter((v) => v.owner.kind === CLUSTER_OWNER_KIND && v.owner.id === cluster.id)
    .sort((a, b) => a.id.localeCompare(b.id))
  for (const vm of vms) removeClusterVm(tx, vm.id)
  for (const file of teardown.removed) removeFile(tx, file.id)
  deleteClusterObjects(tx, cluster.id)
  const kc = tx.state.kubeconfig
  if (kc.contexts.includes(cluster.name))
    tx.set('kubeconfig', {
      contexts: kc.contexts.filter((c) => c !== cluster.name),
      current: kc.current === cluster.name ? null : kc.current,
    })
  tx.remove('aksClusters', cluster.id)
}

export function onClusterStage(tx: Tx, raw: unknown): void {
  const data = raw as ClusterEventData
  const cluster = tx.get('aksClusters', data.clusterId)
  if (!cluster) return
  let message: string | undefined
  switch (data.stage) {
    case 'boot':
      for (const id of data.vmIds) setVmRunning(tx, id)
      message = 'Starting Kubernetes on the control plane…'
      break
    case 'kubernetes':
      bootstrapKubernetes(tx, cluster)
      for (const id of cluster.controlPlaneVmIds) joinVm(tx, tx.get('aksClusters', cluster.id)!, id)
      message = 'Joining the worker nodes…'
      break
    case 'join':
      joinVm(tx, cluster, data.vmId)
      message = `Node ${tx.get('vms', data.vmId)?.name ?? data.vmId} joined the cluster.`
      break
    case 'drain': {
      const vm = tx.get('vms', data.vmId)
      if (vm) removeNode(tx, cluster.id, vm.name)
      removeClusterVm(tx, data.vmId)
      message = `Node ${vm?.name ?? data.vmId} was drained and its VM removed.`
      break
    }
    case 'finish': {
      const done = patchCluster(tx, cluster.id, {
        phase: 'Provisioned',
        taskId: null,
        nodePools: cluster.nodePools.map((p) => ({ ...p, phase: 'Deployed' })),
      })!
      if (cluster.taskId) finishTask(tx, cluster.taskId, 'succeeded', provisionedMessage(done))
      return
    }
    case 'delete': {
      const taskId = cluster.taskId
      removeClusterResources(tx, cluster)
      if (taskId)
        finishTask(tx, taskId, 'succeeded', `Kubernetes cluster ${cluster.name} and its VMs were removed.`)
      return
    }
  }
  progress(tx, tx.get('aksClusters', cluster.id)!, data.endsAt, message)
}
