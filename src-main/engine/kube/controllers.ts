import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import { statefulSet } from './statefulsets'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject } from '@shared/contract'
import { labelsMatch } from '@shared/kube'
import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { fits, schedulePodStage } from './lifecycle'
import { isControlPlane, newPod, ownerRef, type Stored } from './objects'
import { deleteObject, listObjects, putObject } from './store'
import { deploymentStatus, ownedBy as ownedByUid, putIfChanged, rollout } from './deployments'
import { withDefaults } from './defaults'
import { reconcileServices } from './services'
import { kickUnscheduled } from './scheduler'
import { reconcileStorage } from './storage'
import { staticPodSpecs } from './system'

// The cluster's controllers, level-triggered: reconcile(cluster) compares what exists with what the
// objects ask for and closes the gap (static pods per control plane node, one DaemonSet pod per
// matching node, a ReplicaSet's replica count), then writes each owner's status from its pods.
// Called after every change of nodes or pods; running it twice changes nothing the second time.

const running = (p: Pod) => p.status?.phase === 'Running'
const ownedBy = (p: KubeObject, owner: KubeObject) => ownedByUid(p as never, owner.metadata.uid)

function createPod(tx: Tx, clusterId: string, pod: Stored<Pod>): void {
  const stored = putObject(tx, clusterId, pod)
  schedulePodStage(tx, clusterId, stored, POD_SCHEDULE_MS)
}

function staticPods(
  tx: Tx,
  clusterId: string,
  k8s: string,
  nodes: Stored<Node>[],
  pods: Stored<Pod>[],
): void {
  for (const node of nodes.filter(isControlPlane))
    for (const c of staticPodSpecs(k8s)) {
      const name = `${c.name}-${node.metadata.name}`
      if (pods.some((p) => p.metadata.name === name && p.metadata.namespace === 'kube-system')) continue
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

function daemonSet(
  tx: Tx,
  clusterId: string,
  ds: Stored<DaemonSet>,
  nodes: Stored<Node>[],
  pods: Stored<Pod>[],
) {
  const template = ds.spec!.template
  const mine = pods.filter((p) => ownedBy(p, ds))
  const wanted = nodes.filter((n) => fits(template, n))
  for (const node of wanted) {
    if (mine.some((p) => p.spec?.nodeName === node.metadata.name)) continue
    const name = `${ds.metadata.name}-${tx.rng.kubeSuffix(5)}`
    createPod(tx, clusterId, {
      ...newPod({
        name,
        namespace: ds.metadata.namespace!,
        labels: {
          ...template.metadata!.labels,
          'controller-revision-hash': '1',
          'pod-template-generation': '1',
        },
        owner: ownerRef(ds),
        node,
        hostNetwork: template.spec!.hostNetwork ?? false,
        containers: [],
        os: (template.spec?.nodeSelector?.['kubernetes.io/os'] ?? 'linux') as 'linux' | 'windows',
        tolerations: [],
      }),
      spec: {
        ...template.spec!,
        nodeName: node.metadata.name,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
      },
    } as Stored<Pod>)
    recordEvent(tx, clusterId, ds, 'SuccessfulCreate', `Created pod: ${name}`, {
      component: 'daemonset-controller',
    })
  }
  const current = listObjects<Stored<Pod>>(tx, clusterId, {
    kind: 'Pod',
    namespace: ds.metadata.namespace,
  }).filter((p) => ownedBy(p, ds))
  const ready = current.filter(running).length
  putIfChanged(tx, clusterId, ds, {
    ...ds,
    status: {
      currentNumberScheduled: current.length,
      desiredNumberScheduled: wanted.length,
      numberMisscheduled: 0,
      numberReady: ready,
      numberAvailable: ready,
      ...(wanted.length - ready > 0 ? { numberUnavailable: wanted.length - ready } : {}),
      updatedNumberScheduled: current.length,
      observedGeneration: ds.metadata.generation ?? 1,
    },
  })
}

function replicaSet(tx: Tx, clusterId: string, rs: Stored<ReplicaSet>, pods: Stored<Pod>[]): void {
  const template = rs.spec!.template!
  const mine = pods
    .filter((p) => ownedBy(p, rs))
    .sort(
      (a, b) =>
        a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
        a.metadata.name.localeCompare(b.metadata.name),
    )
  const want = rs.spec!.replicas ?? 1
  for (let i = mine.length; i < want; i++) {
    const name = `${rs.metadata.name}-${tx.rng.kubeSuffix(5)}`
    const base = newPod({
      name,
      namespace: rs.metadata.namespace!,
      labels: template.metadata!.labels!,
      owner: ownerRef(rs),
      node: null,
      hostNetwork: false,
      containers: [],
      os: 'linux',
      tolerations: [],
    })
    createPod(
      tx,
      clusterId,
      withDefaults({
        ...base,
        spec: { ...template.spec!, restartPolicy: 'Always', schedulerName: 'default-scheduler' },
        status: undefined,
      } as never) as unknown as Stored<Pod>,
    )
    recordEvent(tx, clusterId, rs, 'SuccessfulCreate', `Created pod: ${name}`, {
      component: 'replicaset-controller',
    })
  }
  for (const extra of mine.slice(want).reverse()) {
    deleteObject(tx, clusterId, 'Pod', extra.metadata.namespace!, extra.metadata.name)
    recordEvent(tx, clusterId, rs, 'SuccessfulDelete', `Deleted pod: ${extra.metadata.name}`, {
      component: 'replicaset-controller',
    })
  }
  const current = listObjects<Stored<Pod>>(tx, clusterId, {
    kind: 'Pod',
    namespace: rs.metadata.namespace,
  }).filter((p) => ownedBy(p, rs))
  const ready = current.filter(running).length
  putIfChanged(tx, clusterId, rs, {
    ...rs,
    status: {
      replicas: current.length,
      fullyLabeledReplicas: current.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: 1,
    },
  })
}

/** Brings one cluster's pods and workload statuses in line with its nodes and workloads. */
export function reconcile(tx: Tx, clusterId: string): void {
  const cluster = tx.get('aksClusters', clusterId)
  if (!cluster) return
  const nodes = listObjects<Stored<Node>>(tx, clusterId, { kind: 'Node' })
  const nodeNames = new Set(nodes.map((n) => n.metadata.name))
  // Pods of a node that is gone go with it (the node lifecycle controller's eviction, at once).
  for (const p of listObjects<Stored<Pod>>(tx, clusterId, { kind: 'Pod' }))
    if (p.spec?.nodeName && !nodeNames.has(p.spec.nodeName))
      deleteObject(tx, clusterId, 'Pod', p.metadata.namespace!, p.metadata.name)
  staticPods(tx, clusterId, cluster.kubernetesVersion, nodes, listObjects(tx, clusterId, { kind: 'Pod' }))
  for (const ds of listObjects<Stored<DaemonSet>>(tx, clusterId, { kind: 'DaemonSet' }))
    daemonSet(tx, clusterId, ds, nodes, listObjects(tx, clusterId, { kind: 'Pod' }))
  // ReplicaSets first (fresh status), the rollout reads it, then the ReplicaSets act on its counts.
  const sets = () => {
    for (const rs of listObjects<Stored<ReplicaSet>>(tx, clusterId, { kind: 'ReplicaSet' }))
      replicaSet(tx, clusterId, rs, listObjects(tx, clusterId, { kind: 'Pod' }))
  }
  sets()
  for (const d of listObjects<Stored<Deployment>>(tx, clusterId, { kind: 'Deployment' }))
    rollout(tx, clusterId, d)
  sets()
  for (const d of listObjects<Stored<Deployment>>(tx, clusterId, { kind: 'Deployment' }))
    deploymentStatus(tx, clusterId, d)
  for (const sts of listObjects<Stored<StatefulSet>>(tx, clusterId, { kind: 'StatefulSet' }))
    statefulSet(tx, clusterId, sts)
  reconcileServices(tx, clusterId)
  reconcileStorage(tx, clusterId)
  kickUnscheduled(tx, clusterId)
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
