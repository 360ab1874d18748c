import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '@shared/contract'
import { byNamespaceAndName, labelsMatch } from '@shared/kube'
import type { Tx } from '../core/tx'
import { guarded } from '../failures'
import { daemonSet } from './daemonsets'
import { beginPass, endPass } from './derived'
import { deploymentStatus, rollout } from './deployments'
import { isControlPlane, newPod, ownerRef, type Stored } from './objects'
import { job } from './jobs'
import { createPod } from './owned'
import { replicaSet } from './replicasets'
import { reconcileEndpoints } from './endpoints'
import { reconcileServices } from './services'
import { statefulSet } from './statefulsets'
import { clusterIndexOf, deleteObject, getObject, listObjects, objectsAt } from './store'
import { kickUnscheduled } from './scheduler'
import { reconcileStorage } from './storage'
import { staticPodSpecs } from './system'

// The cluster's controllers, level-triggered: reconcile(cluster) compares what exists with what the
// objects ask for and closes the gap (static pods per control plane node, one DaemonSet pod per
// matching node, a ReplicaSet's replica count), then writes each owner's status from its pods.
// Called after every change of nodes or pods; running it twice changes nothing the second time.
// It visits only what the cluster's dirt (derived.ts) names — owners whose pods or selves were
// written, everything node-bound when nodes changed — in the same order a full pass would: an owner
// whose inputs did not move would do nothing anyway, so the result is the full pass's.

function staticPods(tx: Tx, clusterId: string, k8s: string, nodes: Stored<Node>[]): void {
  for (const node of nodes.filter(isControlPlane))
    for (const c of staticPodSpecs(k8s)) {
      const name = `${c.name}-${node.metadata.name}`
      if (getObject(tx, clusterId, 'Pod', 'kube-system', name)) continue
      createPod(
        tx,
        clusterId,
        newPod({
          name,
          namespace: 'kube-system',
          labels: { component: c.name, tier: 'control-plane' },
          owner: ownerRef(node),
          node,
          hostNetwork: true,
          containers: [c],
          os: 'linux',
          tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
          priorityClassName: 'system-node-critical',
        }),
      )
    }
}

/** The workloads of a kind to visit: all of them on a full pass, else the dirty ones; listing order. */
function toVisit<T extends KubeObject>(tx: Tx, clusterId: string, kind: string, all: boolean): T[] {
  if (all) return listObjects<T>(tx, clusterId, { kind })
  const { workloads, pass } = clusterIndexOf(tx, clusterId)
  const out: T[] = []
  for (const uid of pass!.owners) {
    const key = workloads.get(uid)
    const obj = key === undefined ? undefined : (tx.state.kube[key] as T | undefined)
    if (obj?.kind === kind) out.push(obj)
  }
  return out.sort(byNamespaceAndName)
}

/** Brings one cluster's pods and workload statuses in line with its nodes and workloads. */
export function reconcile(tx: Tx, clusterId: string): void {
  const cluster = tx.get('aksClusters', clusterId)
  if (!cluster) return
  const index = clusterIndexOf(tx, clusterId)
  const dirt = beginPass(index)
  const visit = <T extends KubeObject>(kind: string, all = dirt.all) => toVisit<T>(tx, clusterId, kind, all)
  let nodeList: Stored<Node>[] | undefined
  const nodes = () => (nodeList ??= listObjects<Stored<Node>>(tx, clusterId, { kind: 'Node' }))
  if (dirt.nodes) {
    // Pods of a node that is gone go with it (the node lifecycle controller's eviction, at once).
    const nodeNames = new Set(nodes().map((n) => n.metadata.name))
    for (const [nodeName, keys] of [...index.podsByNode])
      if (!nodeNames.has(nodeName))
        for (const p of objectsAt<Stored<Pod>>(tx, [...keys]))
          deleteObject(tx, clusterId, 'Pod', p.metadata.namespace!, p.metadata.name)
    staticPods(tx, clusterId, cluster.kubernetesVersion, nodes())
  }
  try {
    const each = <T extends KubeObject>(objs: T[], component: string, work: (o: T) => void) => {
      for (const o of objs) guarded(tx, clusterId, o, component, () => work(o))
    }
    each(visit<Stored<DaemonSet>>('DaemonSet', dirt.all || dirt.nodes), 'daemonset-controller', (ds) =>
      daemonSet(tx, clusterId, ds, nodes()),
    )
    // ReplicaSets first (fresh status), the rollout reads it, then the ReplicaSets act on its counts.
    const sets = () =>
      each(visit<Stored<ReplicaSet>>('ReplicaSet'), 'replicaset-controller', (rs) =>
        replicaSet(tx, clusterId, rs),
      )
    sets()
    each(visit<Stored<Deployment>>('Deployment'), 'deployment-controller', (d) => rollout(tx, clusterId, d))
    sets()
    // A pass's dirt only grows: every Deployment rolled out above is still dirty here.
    each(visit<Stored<Deployment>>('Deployment'), 'deployment-controller', (d) =>
      deploymentStatus(tx, clusterId, d),
    )
    each(visit<Stored<StatefulSet>>('StatefulSet'), 'statefulset-controller', (sts) =>
      statefulSet(tx, clusterId, sts),
    )
    each(visit<Stored<Job>>('Job'), 'job-controller', (j) => job(tx, clusterId, j))
    if (dirt.services) reconcileServices(tx, clusterId)
    if (dirt.all || dirt.nodes || dirt.endpoints.size) reconcileEndpoints(tx, clusterId, dirt)
    if (dirt.all || dirt.storage || dirt.claims.size || dirt.volumes.size)
      reconcileStorage(tx, clusterId, dirt)
    kickUnscheduled(tx, clusterId, dirt)
  } finally {
    // Even when a step threw: the next pass starts clean.
    endPass(index)
  }
}

/** Pods selected by labels in a namespace (a Service's or a workload's selector). */
export function selectPods(
  tx: Tx,
  clusterId: string,
  namespace: string,
  selector: Record<string, string>,
): Stored<Pod>[] {
  return listObjects<Stored<Pod>>(tx, clusterId, { kind: 'Pod', namespace }).filter((p) =>
    labelsMatch(p.metadata.labels as Record<string, string>, selector),
  )
}
