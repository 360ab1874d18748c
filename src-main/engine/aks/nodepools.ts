import type { AksCluster, NodePoolSpec } from '@shared/aks-cluster'
import { NODE_DRAIN_MS, SCALE_JOIN_MS, WORKER_STAGGER_MS } from '@shared/aks-cluster-assumptions'
import { controlPlaneCountProblem, nodeCountProblem, nodePoolProblem } from '@shared/aks-cluster-rules'
import { findVmSize } from '@shared/aks-sizes'
import { fail } from '@shared/errors'
import type { Tx } from '../core/tx'
import { assertClusterIdle, assertHostInstalled, findCluster, planVms, type VmRequest } from './cluster-plan'
import { patchCluster, scheduleStage } from './cluster-stages'
import { createClusterVm } from './cluster-vms'
import { workerRole } from './clusters'
import { startTask, taskTitles } from '../tasks'

// New-AksHciNodePool, Set-AksHciNodePool -count and Set-AksHciCluster -controlPlaneNodeCount. New VMs
// are placed and made at once (memory and disk held) and join after a few minutes; removed ones are
// the newest, drained and deleted after a minute. The cluster is 'Updating' until the last stage.

interface Change {
  add: VmRequest[]
  remove: string[] // VM ids
}

/** Makes the VMs, schedules their joins and drains and the finish; returns the task id. */
function applyChange(
  tx: Tx,
  cluster: AksCluster,
  titles: ReturnType<typeof taskTitles>,
  change: Change,
): { taskId: string } {
  const placed = planVms(tx, change.add)
  const taskId = startTask(tx, titles, changeMessage(change))
  let next = patchCluster(tx, cluster.id, { phase: 'Updating', taskId })!
  const made = placed.map((p) => ({ p, vm: createClusterVm(tx, next, p) }))
  const removed = new Set(change.remove)
  next = patchCluster(tx, cluster.id, {
    controlPlaneVmIds: [
      ...next.controlPlaneVmIds.filter((id) => !removed.has(id)),
      ...made.filter((m) => m.p.role === 'aks-control-plane').map((m) => m.vm.id),
    ],
    nodePools: next.nodePools.map((pool) => ({
      ...pool,
      vmIds: [
        ...pool.vmIds.filter((id) => !removed.has(id)),
        ...made.filter((m) => m.p.pool === pool.name).map((m) => m.vm.id),
      ],
    })),
  })!
  const joins = made.map((m, i) => ({ vmId: m.vm.id, at: tx.now + SCALE_JOIN_MS + i * WORKER_STAGGER_MS }))
  const drains = change.remove.map((vmId, i) => ({
    vmId,
    at: tx.now + NODE_DRAIN_MS + i * WORKER_STAGGER_MS,
  }))
  const endsAt = Math.max(tx.now, ...joins.map((j) => j.at), ...drains.map((d) => d.at)) + WORKER_STAGGER_MS
  for (const j of joins) scheduleStage(tx, next, j.at, { stage: 'join', vmId: j.vmId }, endsAt)
  for (const d of drains) scheduleStage(tx, next, d.at, { stage: 'drain', vmId: d.vmId }, endsAt)
  scheduleStage(tx, next, endsAt, { stage: 'finish' }, endsAt)
  return { taskId }
}

function changeMessage(change: Change): string {
  const nodes = (n: number) => `${n} node${n === 1 ? '' : 's'}`
  const parts = [
    ...(change.add.length ? [`starting ${nodes(change.add.length)}`] : []),
    ...(change.remove.length ? [`draining ${nodes(change.remove.length)}`] : []),
  ].join(' and ')
  return `${parts.charAt(0).toUpperCase()}${parts.slice(1)}…`
}

function readyCluster(tx: Tx, name: string): AksCluster {
  assertHostInstalled(tx)
  const cluster = findCluster(tx, name)
  assertClusterIdle(cluster)
  return cluster
}

export function createNodePool(tx: Tx, c: NodePoolSpec & { clusterName: string }): { taskId: string } {
  const cluster = readyCluster(tx, c.clusterName)
  const {
    clusterName: _cluster,
    type: _type,
    ...spec
  } = c as NodePoolSpec & { clusterName: string; type?: string }
  const problem = nodePoolProblem(spec, cluster.kubernetesVersion)
  if (problem) fail('InvalidNodePool', problem, 'InvalidArgument', spec.name)
  if (cluster.nodePools.some((p) => p.name === spec.name))
    fail(
      'NodePoolExists',
      `A node pool with the name '${spec.name}' already exists in cluster '${cluster.name}'.`,
      'ResourceExists',
      spec.name,
    )
  const pool = { ...spec, vmSize: findVmSize(spec.vmSize)!.name, phase: 'Deploying' as const, vmIds: [] }
  const withPool = patchCluster(tx, cluster.id, { nodePools: [...cluster.nodePools, pool] })!
  const add = Array.from({ length: spec.count }, () => ({
    role: workerRole(spec.osType),
    vmSize: pool.vmSize,
    pool: spec.name,
  }))
  return applyChange(
    tx,
    withPool,
    taskTitles('create', `node pool ${spec.name} in Kubernetes cluster ${cluster.name}`),
    { add, remove: [] },
  )
}

export function scaleNodePool(
  tx: Tx,
  c: { clusterName: string; name: string; count: number },
): { taskId: string } | null {
  const cluster = readyCluster(tx, c.clusterName)
  const pool = cluster.nodePools.find((p) => p.name === c.name)
  if (!pool)
    fail(
      'NodePoolNotFound',
      `A node pool with the name '${c.name}' was not found in cluster '${cluster.name}'.`,
      'ObjectNotFound',
      c.name,
    )
  const problem = nodeCountProblem(c.count)
  if (problem) fail('InvalidNodeCount', problem, 'InvalidArgument', c.name)
  if (c.count === pool.vmIds.length) return null
  const scaled = patchCluster(tx, cluster.id, {
    nodePools: cluster.nodePools.map((p) =>
      p.name === c.name ? { ...p, count: c.count, phase: 'Scaling' } : p,
    ),
  })!
  const add = Array.from({ length: Math.max(0, c.count - pool.vmIds.length) }, () => ({
    role: workerRole(pool.osType),
    vmSize: pool.vmSize,
    pool: pool.name,
  }))
  const remove = pool.vmIds.slice(c.count).reverse() // newest first
  return applyChange(
    tx,
    scaled,
    taskTitles('scale', `node pool ${c.name} of Kubernetes cluster ${cluster.name} to ${c.count}`),
    { add, remove },
  )
}

export function setControlPlane(
  tx: Tx,
  c: { name: string; controlPlaneNodeCount: number },
): { taskId: string } | null {
  const cluster = readyCluster(tx, c.name)
  const problem = controlPlaneCountProblem(c.controlPlaneNodeCount)
  if (problem) fail('InvalidControlPlaneCount', problem, 'InvalidArgument', c.name)
  const have = cluster.controlPlaneVmIds.length
  if (c.controlPlaneNodeCount === have) return null
  const next = patchCluster(tx, cluster.id, { controlPlaneNodeCount: c.controlPlaneNodeCount })!
  const add = Array.from({ length: Math.max(0, c.controlPlaneNodeCount - have) }, () => ({
    role: 'aks-control-plane' as const,
    vmSize: cluster.controlPlaneVmSize,
    pool: null,
  }))
  const remove = cluster.controlPlaneVmIds.slice(c.controlPlaneNodeCount).reverse()
  return applyChange(
    tx,
    next,
    taskTitles(
      'set',
      `the control plane of Kubernetes cluster ${cluster.name} to ${c.controlPlaneNodeCount} nodes`,
    ),
    { add, remove },
  )
}
