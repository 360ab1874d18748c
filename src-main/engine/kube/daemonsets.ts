import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { templateHash } from '@shared/kube-hash'
import { canonicalJson } from '@shared/kube-manifest'
import type { Tx } from '../core/tx'
import { podAdmission } from './defaults'
import { putStatusIfChanged } from './deployments'
import { recordEvent } from './events'
import { fits } from './lifecycle'
import { newPod, ownerRef, type Stored } from './objects'
import { createPod, ownedCounts, podsOwnedBy } from './owned'
import { terminatePod } from './termination'

// The DaemonSet controller: one pod per node its template fits (nodeSelector, taints), created on
// the node directly (no scheduler visit needed), and the status counts. Each pod carries its
// template's revision: `controller-revision-hash` (the hash of the template, as the ControllerRevision
// is named) and `pod-template-generation` (the DaemonSet's generation when it was created); a pod is
// up to date when either matches, as in the real controller's IsPodUpdated. A template change
// (generation bump) rolls out by updateStrategy: RollingUpdate replaces old pods node by node, at most
// maxUnavailable nodes without an available pod at a time (an old pod is deleted gracefully and the
// new one created on its node once it is gone); OnDelete waits for the user to
// delete old pods, and the node's new pod is then made from the new template.

const hashes = new WeakMap<PodTemplateSpec, string>()

/** The template's revision hash (memoised: stored templates never change). */
export function daemonSetHash(template: PodTemplateSpec): string {
  let h = hashes.get(template)
  if (h === undefined) hashes.set(template, (h = templateHash(canonicalJson(template))))
  return h
}

const available = (p: Pod) =>
  !p.metadata?.deletionTimestamp &&
  p.status?.phase === 'Running' &&
  (p.status.containerStatuses ?? []).every((s) => s.ready)

export function isPodUpdated(pod: Pod, hash: string, generation: number): boolean {
  const labels = pod.metadata?.labels ?? {}
  return (
    labels['controller-revision-hash'] === hash || labels['pod-template-generation'] === String(generation)
  )
}

/** maxUnavailable: an int, or a percentage of the desired pods rounded up; at least 1. */
function maxUnavailable(ds: DaemonSet, desired: number): number {
  const v = ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1
  const n = typeof v === 'number' ? v : Math.ceil((Number(v.replace('%', '')) * desired) / 100)
  return Math.max(1, n)
}

function createOn(tx: Tx, clusterId: string, ds: Stored<DaemonSet>, node: Stored<Node>, hash: string) {
  const template = ds.spec!.template
  const name = `${ds.metadata.name}-${tx.rng.kubeSuffix(5)}`
  createPod(tx, clusterId, {
    ...newPod({
      name,
      namespace: ds.metadata.namespace!,
      labels: {
        ...template.metadata!.labels,
        'controller-revision-hash': hash,
        'pod-template-generation': String(ds.metadata.generation ?? 1),
      },
      owner: ownerRef(ds),
      node,
      hostNetwork: template.spec!.hostNetwork ?? false,
      containers: [],
      os: (template.spec?.nodeSelector?.['kubernetes.io/os'] ?? 'linux') as 'linux' | 'windows',
      tolerations: [],
    }),
    // Admission as for any pod: service account and the priority of its class.
    spec: podAdmission({
      ...template.spec!,
      nodeName: node.metadata.name,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
    } as never) as unknown as Pod['spec'],
  } as Stored<Pod>)
  recordEvent(tx, clusterId, ds, 'SuccessfulCreate', `Created pod: ${name}`, {
    component: 'daemonset-controller',
  })
}

/** RollingUpdate: the old pods to replace now, in node order (unavailable ones first, as they cost nothing). */
function toReplace(
  ds: DaemonSet,
  wanted: Stored<Node>[],
  onNode: Map<string, Stored<Pod>[]>,
  updated: (p: Pod) => boolean,
) {
  let unavailable = 0
  const broken: Stored<Pod>[] = []
  const candidates: Stored<Pod>[] = []
  for (const node of wanted) {
    // A pod already on its way out counts as unavailable and is not deleted again.
    const all = onNode.get(node.metadata.name) ?? []
    const pods = all.filter((p) => !p.metadata.deletionTimestamp)
    if (pods.length < all.length) {
      unavailable++
      continue
    }
    const fresh = pods.find(updated)
    const old = pods.find((p) => !updated(p))
    if (fresh) {
      if (!available(fresh)) unavailable++
    } else if (!old) unavailable++
    else if (!available(old)) broken.push(old)
    else candidates.push(old)
  }
  const room = Math.max(0, maxUnavailable(ds, wanted.length) - unavailable)
  return [...broken, ...candidates.slice(0, room)]
}

export function daemonSet(tx: Tx, clusterId: string, ds: Stored<DaemonSet>, nodes: Stored<Node>[]) {
  const template = ds.spec!.template
  const hash = daemonSetHash(template)
  const generation = ds.metadata.generation ?? 1
  const updated = (p: Pod) => isPodUpdated(p, hash, generation)
  const byNode = () => {
    const m = new Map<string, Stored<Pod>[]>()
    for (const p of podsOwnedBy(tx, clusterId, ds.metadata.uid)) {
      const n = p.spec?.nodeName ?? ''
      m.set(n, [...(m.get(n) ?? []), p])
    }
    return m
  }
  let onNode = byNode()
  const wanted = nodes.filter((n) => fits(template, n))
  for (const node of wanted) if (!onNode.has(node.metadata.name)) createOn(tx, clusterId, ds, node, hash)
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    onNode = byNode()
    for (const old of toReplace(ds, wanted, onNode, updated)) {
      terminatePod(tx, clusterId, old)
      recordEvent(tx, clusterId, ds, 'SuccessfulDelete', `Deleted pod: ${old.metadata.name}`, {
        component: 'daemonset-controller',
      })
      // A pod that went at once (grace period 0, not running) is replaced in the same step; a
      // Terminating one when it is gone (the node has a pod until then, as the real controller sees).
      const node = wanted.find((n) => n.metadata.name === old.spec?.nodeName)!
      const left = podsOwnedBy(tx, clusterId, ds.metadata.uid).some(
        (p) => p.spec?.nodeName === node.metadata.name,
      )
      if (!left) createOn(tx, clusterId, ds, node, hash)
    }
  }
  const { pods: current, running: ready } = ownedCounts(tx, clusterId, ds.metadata.uid)
  onNode = byNode()
  const upToDate = wanted.filter((n) => (onNode.get(n.metadata.name) ?? []).some(updated)).length
  putStatusIfChanged(tx, clusterId, ds, {
    currentNumberScheduled: current,
    desiredNumberScheduled: wanted.length,
    numberMisscheduled: 0,
    numberReady: ready,
    numberAvailable: ready,
    ...(wanted.length - ready > 0 ? { numberUnavailable: wanted.length - ready } : {}),
    updatedNumberScheduled: upToDate,
    observedGeneration: generation,
  })
}
