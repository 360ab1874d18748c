import type { AksCluster, ClusterSpec } from '@shared/aks-cluster'
import {
  CLUSTER_KUBERNETES_UP_MS,
  CLUSTER_VM_BOOT_MS,
  CLUSTER_DELETE_MS,
  WORKER_JOIN_MS,
  WORKER_STAGGER_MS,
} from '@shared/aks-cluster-assumptions'
import {
  clusterSpecProblem,
  findKubernetesVersion,
  LATEST_KUBERNETES_VERSION,
} from '@shared/aks-cluster-rules'
import { findVmSize } from '@shared/aks-sizes'
import { fail } from '@shared/errors'
import type { Tx } from '../core/tx'
import { assertHostInstalled, findCluster, freeVip, planVms, type VmRequest } from './cluster-plan'
import { patchCluster, scheduleStage } from './cluster-stages'
import { createClusterVm } from './cluster-vms'
import { finishTask, startTask, taskTitles } from '../tasks'

// New-AksHciCluster (and the WAC wizard), Remove-AksHciCluster, Get-AksHciCredential and kubectl
// config use-context. Everything is checked before anything is made; the work then runs as stages
// on the virtual clock (cluster-stages.ts).

export function workerRole(osType: 'Linux' | 'Windows'): VmRequest['role'] {
  return osType === 'Windows' ? 'aks-windows-worker' : 'aks-linux-worker'
}

export function createCluster(tx: Tx, spec: ClusterSpec): { clusterId: string; taskId: string } {
  assertHostInstalled(tx)
  const problem = clusterSpecProblem(spec)
  if (problem) fail('InvalidClusterSpec', problem, 'InvalidArgument', spec.name)
  if (tx.all('aksClusters').some((c) => c.name === spec.name))
    fail(
      'ClusterExists',
      `A workload cluster with the name '${spec.name}' already exists.`,
      'ResourceExists',
      spec.name,
    )
  const version = findKubernetesVersion(spec.kubernetesVersion ?? LATEST_KUBERNETES_VERSION)!.version
  const requests: VmRequest[] = [
    { role: 'aks-load-balancer', vmSize: spec.loadBalancerVmSize, pool: null },
    ...Array.from({ length: spec.controlPlaneNodeCount }, () => ({
      role: 'aks-control-plane' as const,
      vmSize: spec.controlPlaneVmSize,
      pool: null,
    })),
    ...spec.nodePools.flatMap((p) =>
      Array.from({ length: p.count }, () => ({ role: workerRole(p.osType), vmSize: p.vmSize, pool: p.name })),
    ),
  ]
  const placed = planVms(tx, requests)
  const vip = freeVip(tx)

  const id = tx.nextId('aks-cluster')
  const taskId = startTask(
    tx,
    taskTitles('create', `Kubernetes cluster ${spec.name}`),
    'Starting the load balancer and control plane VMs…',
  )
  let cluster: AksCluster = {
    id,
    name: spec.name,
    kubernetesVersion: version,
    controlPlaneNodeCount: spec.controlPlaneNodeCount,
    controlPlaneVmSize: findVmSize(spec.controlPlaneVmSize)!.name,
    loadBalancerVmSize: findVmSize(spec.loadBalancerVmSize)!.name,
    nodePools: spec.nodePools.map((p) => ({
      ...p,
      vmSize: findVmSize(p.vmSize)!.name,
      phase: 'Deploying',
      vmIds: [],
    })),
    primaryNetworkPlugin: spec.primaryNetworkPlugin,
    enableArc: spec.enableArc,
    parameterSet: spec.parameterSet,
    phase: 'Creating',
    taskId,
    apiServerVip: vip,
    createdAt: tx.now,
    controlPlaneVmIds: [],
    loadBalancerVmIds: [],
    resourceVersion: 0,
    nextPodSubnet: 0,
  }
  tx.put('aksClusters', id, cluster)
  const vms = placed.map((p) => ({ p, vm: createClusterVm(tx, cluster, p) }))
  cluster = patchCluster(tx, id, {
    loadBalancerVmIds: vms.filter((v) => v.p.role === 'aks-load-balancer').map((v) => v.vm.id),
    controlPlaneVmIds: vms.filter((v) => v.p.role === 'aks-control-plane').map((v) => v.vm.id),
    nodePools: cluster.nodePools.map((pool) => ({
      ...pool,
      vmIds: vms.filter((v) => v.p.pool === pool.name).map((v) => v.vm.id),
    })),
  })!

  const booted = tx.now + CLUSTER_VM_BOOT_MS
  const up = booted + CLUSTER_KUBERNETES_UP_MS
  const workers = cluster.nodePools.flatMap((p) => p.vmIds)
  const joins = workers.map((vmId, i) => ({ vmId, at: up + WORKER_JOIN_MS + i * WORKER_STAGGER_MS }))
  const endsAt = (joins[joins.length - 1]?.at ?? up) + WORKER_STAGGER_MS
  scheduleStage(
    tx,
    cluster,
    booted,
    { stage: 'boot', vmIds: [...cluster.loadBalancerVmIds, ...cluster.controlPlaneVmIds] },
    endsAt,
  )
  scheduleStage(tx, cluster, up, { stage: 'kubernetes' }, endsAt)
  for (const j of joins) scheduleStage(tx, cluster, j.at, { stage: 'join', vmId: j.vmId }, endsAt)
  scheduleStage(tx, cluster, endsAt, { stage: 'finish' }, endsAt)
  return { clusterId: id, taskId }
}

export function deleteCluster(tx: Tx, c: { name: string }): { taskId: string } {
  const cluster = findCluster(tx, c.name)
  if (cluster.phase === 'Deleting')
    fail(
      'ClusterDeleting',
      `The Kubernetes cluster '${c.name}' is already being removed.`,
      'InvalidOperation',
      c.name,
    )
  // A create or scale in progress stops here: its remaining stages are dropped.
  tx.unschedule((e) => (e.data as { clusterId?: string } | null)?.clusterId === cluster.id)
  if (cluster.taskId)
    finishTask(tx, cluster.taskId, 'cancelled', `Stopped: Kubernetes cluster ${c.name} is being deleted.`)
  const taskId = startTask(
    tx,
    taskTitles('delete', `Kubernetes cluster ${c.name}`),
    'Removing the VMs of the cluster…',
  )
  const next = patchCluster(tx, cluster.id, { phase: 'Deleting', taskId })!
  scheduleStage(tx, next, tx.now + CLUSTER_DELETE_MS, { stage: 'delete' }, tx.now + CLUSTER_DELETE_MS)
  return { taskId }
}

/** Get-AksHciCredential: the cluster's context joins kubectl's config and becomes the current one. */
export function getCredential(tx: Tx, c: { name: string }): void {
  const cluster = findCluster(tx, c.name)
  if (cluster.phase !== 'Provisioned' && cluster.phase !== 'Updating')
    fail(
      'ClusterNotProvisioned',
      `The Kubernetes cluster '${c.name}' is not provisioned yet (phase ${cluster.phase}). Wait until its creation completes.`,
      'InvalidOperation',
      c.name,
    )
  const kc = tx.state.kubeconfig
  tx.set('kubeconfig', {
    contexts: kc.contexts.includes(c.name) ? kc.contexts : [...kc.contexts, c.name].sort(),
    current: c.name,
  })
}

/** kubectl config use-context. */
export function useContext(tx: Tx, c: { name: string }): void {
  const kc = tx.state.kubeconfig
  if (!kc.contexts.includes(c.name))
    fail(
      'KubeContextNotFound',
      `error: no context exists with the name: "${c.name}"`,
      'ObjectNotFound',
      c.name,
    )
  tx.set('kubeconfig', { ...kc, current: c.name })
}
