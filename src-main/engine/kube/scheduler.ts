import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import { byNamespaceAndName } from '@shared/kube'
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { nodeReady, type Stored } from './objects'
import { podRequests, type ClusterIndex, type Dirt, type NodeUsage } from './derived'
import { clusterIndexOf, listObjects, objectsAt } from './store'
import { podClaimsBound } from './storage'
import { nodesByLoad } from './scheduler-order'
import { allocatable, nodeFacts } from './node-facts'
import {
  ERR_AFFINITY,
  ERR_ANTI_AFFINITY,
  ERR_EXISTING_ANTI_AFFINITY,
  ERR_NODE_AFFINITY,
  affinityTerms,
  antiAffinityTerms,
  existingAntiAffinityMatches,
  hasPreferredTerms,
  labelSelectorMatches,
  nodeAffinityMatches,
  placedAntiAffinityPods,
  podAffinityMatches,
  podAntiAffinityMatches,
  preferredScores,
  type AntiPod,
  type PodContext,
} from './scheduler-affinity'

// The default scheduler's filters, simplified but with its wording: taints (NoSchedule/NoExecute),
// nodeSelector and required node affinity (NodeAffinity), max pods, cpu/memory requests against
// allocatable minus what the node's pods request, then required pod affinity and anti-affinity
// (InterPodAffinity, scheduler-affinity.ts); preferred terms score the nodes that pass. A pod no node takes gets the ≥1.24 FitError text, preemption part included (no pod has a
// priority to preempt with, so resource-starved nodes have "no victims").

export const POD_STAGE_EVENT = 'kube.pod.stage'

export function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  if (taint.effect === 'PreferNoSchedule') return true
  return (tolerations ?? []).some(
    (t) =>
      (t.effect === undefined || t.effect === taint.effect) &&
      (t.operator === 'Exists'
        ? t.key === undefined || t.key === taint.key
        : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')),
  )
}

/** A cordoned node (spec.unschedulable) takes only pods that tolerate its unschedulable taint. */
const UNSCHEDULABLE: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }
function cordoned(pod: Pick<Pod, 'spec'>, node: Node): boolean {
  return node.spec?.unschedulable === true && !tolerates(pod.spec?.tolerations, UNSCHEDULABLE)
}

/** Whether a pod may run on a node: nodeSelector, required node affinity and taints (not resources). */
export function fits(pod: Pick<Pod, 'spec'>, node: Node): boolean {
  return (
    nodeAffinityMatches(pod, node) &&
    (node.spec?.taints ?? []).every((t) => tolerates(pod.spec?.tolerations, t))
  )
}

export { labelSelectorMatches }

export function podRequest(pod: Pick<Pod, 'spec'>, resource: 'cpu' | 'memory'): number {
  return podRequests(pod)[resource]
}

const done = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'
const NO_USAGE: NodeUsage = {
  pods: 0,
  active: 0,
  cpu: 0,
  memory: 0,
  podIps: new Map(),
  freeIpFrom: 2,
  images: new Map(),
}

/** Why a node cannot take the pod (scheduler reasons), none when it can. */
function reasons(
  pod: Stored<Pod>,
  node: Stored<Node>,
  usage: NodeUsage,
  ctx: PodContext,
  existingAnti: () => AntiPod[],
): { text: string[]; preemptable: boolean } {
  if (!nodeReady(node))
    return { text: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'], preemptable: false }
  if (cordoned(pod, node)) return { text: ['node(s) were unschedulable'], preemptable: false }
  const taint = (node.spec?.taints ?? []).find((t) => !tolerates(pod.spec?.tolerations, t))
  if (taint)
    return {
      text: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      preemptable: false,
    }
  if (!nodeAffinityMatches(pod, node)) return { text: [ERR_NODE_AFFINITY], preemptable: false }
  const alloc = node.status?.allocatable ?? {}
  const out: string[] = []
  if (usage.active + 1 > Number(alloc.pods ?? 110)) out.push('Too many pods')
  const want = podRequests(pod)
  for (const r of ['cpu', 'memory'] as const)
    if (want[r] > 0 && usage[r] + want[r] > allocatable(alloc, r)) out.push(`Insufficient ${r}`)
  if (out.length) return { text: out, preemptable: true }
  // InterPodAffinity filters after the resource fit: affinity first (preempting cannot fix it,
  // Unresolvable), then the pod's anti-affinity, then the placed pods' (evicting could: Unschedulable).
  if (!podAffinityMatches(pod, node, ctx)) return { text: [ERR_AFFINITY], preemptable: false }
  if (!podAntiAffinityMatches(pod, node, ctx)) return { text: [ERR_ANTI_AFFINITY], preemptable: true }
  if (!existingAntiAffinityMatches(pod, node, existingAnti()))
    return { text: [ERR_EXISTING_ANTI_AFFINITY], preemptable: true }
  return { text: [], preemptable: true }
}

const histogram = (items: string[]) => {
  const counts = new Map<string, number>()
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).sort()
}

/** reasons() without the words: whether the node takes the pod (the common, hot case). */
function takes(
  pod: Stored<Pod>,
  node: Stored<Node>,
  usage: NodeUsage,
  want: { cpu: number; memory: number },
) {
  const f = nodeFacts(node)
  if (!f.ready || usage.active + 1 > f.maxPods) return false
  if (node.spec?.unschedulable && cordoned(pod, node)) return false
  if (want.cpu > 0 && usage.cpu + want.cpu > f.cpu) return false
  if (want.memory > 0 && usage.memory + want.memory > f.memory) return false
  const taints = node.spec?.taints
  if (taints?.length && !taints.every((t) => tolerates(pod.spec?.tolerations, t))) return false
  return (!pod.spec?.nodeSelector && !pod.spec?.affinity?.nodeAffinity) || nodeAffinityMatches(pod, node)
}

/** No pod affinity or anti-affinity (the pod's, or a placed pod's), no preferred terms: the filters alone decide. */
const plain = (pod: Stored<Pod>, index: ClusterIndex) =>
  index.antiAffinityPods.size === 0 &&
  !affinityTerms(pod).length &&
  !antiAffinityTerms(pod).length &&
  !hasPreferredTerms(pod)

/** The node the scheduler picks (least loaded that fits), or the FailedScheduling message. */
export function scheduleOnto(
  tx: Tx,
  clusterId: string,
  pod: Stored<Pod>,
): { node?: Stored<Node>; message: string } {
  const index = clusterIndexOf(tx, clusterId)
  const nodes = (index.nodeList ??= listObjects(tx, clusterId, { kind: 'Node' })) as Stored<Node>[]
  if (plain(pod, index) && podClaimsBound(tx, clusterId, pod).bound) {
    // Most pods: the first node in preference order that takes them.
    const want = podRequests(pod)
    for (const node of nodesByLoad(index, nodes))
      if (takes(pod, node, index.usage.get(node.metadata.name) ?? NO_USAGE, want))
        return { node, message: '' }
  }
  let assignedPods: Pod[] | undefined
  let ctx: PodContext | undefined
  const context = () =>
    (ctx ??= {
      nodeOf: new Map(nodes.map((n) => [n.metadata.name, n])),
      assigned: () =>
        (assignedPods ??= [...index.podsByNode.values()]
          .flatMap((keys) => objectsAt<Pod>(tx, keys))
          .filter((p) => !done(p))),
    })
  let anti: AntiPod[] | undefined
  const existingAnti = () => (anti ??= placedAntiAffinityPods(tx, index, () => context().nodeOf))
  if (!plain(pod, index) && podClaimsBound(tx, clusterId, pod).bound) {
    const want = podRequests(pod)
    const interPod = affinityTerms(pod).length > 0 || antiAffinityTerms(pod).length > 0
    // InterPodAffinity after the cheap filters; the symmetric check only when a placed pod has terms.
    const feasible = (node: Stored<Node>, usage: NodeUsage) =>
      takes(pod, node, usage, want) &&
      (!interPod ||
        (podAffinityMatches(pod, node, context()) && podAntiAffinityMatches(pod, node, context()))) &&
      (!existingAnti().length || existingAntiAffinityMatches(pod, node, existingAnti()))
    const usageOf = (node: Stored<Node>) => index.usage.get(node.metadata.name) ?? NO_USAGE
    // The least loaded node that takes it, control planes first on a tie, else the first listed;
    // with preferred terms, the best score first (scheduler-affinity.ts, preferredScores).
    const better = (node: Stored<Node>, load: number, best: Stored<Node> | undefined, bestLoad: number) =>
      load < bestLoad || (load === bestLoad && !nodeFacts(best!).controlPlane && nodeFacts(node).controlPlane)
    let best: Stored<Node> | undefined
    let bestLoad = Infinity
    if (hasPreferredTerms(pod)) {
      const ok = nodes.filter((node) => feasible(node, usageOf(node)))
      const scores = preferredScores(pod, ok, context())
      let bestScore = -Infinity
      ok.forEach((node, i) => {
        const load = usageOf(node).pods
        if (scores[i]! > bestScore || (scores[i] === bestScore && better(node, load, best, bestLoad)))
          [best, bestLoad, bestScore] = [node, load, scores[i]!]
      })
    } else
      for (const node of nodesByLoad(index, nodes))
        if (feasible(node, usageOf(node))) {
          best = node
          break
        }
    if (best) return { node: best, message: '' }
  }
  const n = nodes.length
  const claims = podClaimsBound(tx, clusterId, pod)
  // Unbound claims fail the pod before any node filter runs (the VolumeBinding PreFilter).
  if (!claims.bound)
    return {
      message: `0/${n} nodes are available: ${claims.message}. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`,
    }
  const failed: string[] = []
  const preemption: string[] = []
  for (const node of nodes) {
    const r = reasons(pod, node, index.usage.get(node.metadata.name) ?? NO_USAGE, context(), existingAnti)
    failed.push(...r.text)
    if (r.text.length)
      preemption.push(
        r.preemptable
          ? 'No preemption victims found for incoming pod'
          : 'Preemption is not helpful for scheduling',
      )
  }
  const head = `0/${n} nodes are available`
  const message = n
    ? `${head}: ${histogram(failed).join(', ')}. preemption: ${head}: ${histogram(preemption).join(', ')}.`
    : `no nodes available to schedule pods`
  return { message }
}

/**
 * Unscheduled pods get a scheduler visit: new ones at once, ones that failed before only when a node
 * fits now (the scheduler's queue moving unschedulable pods back on a cluster change). Only the pods
 * the cluster's dirt concerns: those created since, and the turned-down ones a change may help
 * (room made: all; a pod placed: those with pod affinity; a claim changed: its pods); in listing
 * order, as a pass over every pod would meet them.
 */
export function kickUnscheduled(tx: Tx, clusterId: string, dirt: Dirt): void {
  const index = clusterIndexOf(tx, clusterId)
  const keys = new Set(dirt.all ? index.unscheduled : dirt.newPods)
  if (dirt.kick || dirt.storage) for (const key of index.waiting) keys.add(key)
  else {
    if (dirt.kickAffinity) for (const key of index.waitingAffinity) keys.add(key)
    for (const claim of dirt.claims)
      for (const key of index.claimUsers.get(claim) ?? []) if (index.waiting.has(key)) keys.add(key)
  }
  const pods: Stored<Pod>[] = []
  for (const key of keys) {
    const pod = tx.state.kube[key] as Stored<Pod> | undefined
    if (pod && index.unscheduled.has(key) && tx.queued(POD_STAGE_EVENT, pod.metadata.uid) === 0)
      pods.push(pod)
  }
  for (const pod of pods.sort(byNamespaceAndName)) {
    const tried = pod.status?.conditions?.some((c) => c.type === 'PodScheduled')
    if (tried && !scheduleOnto(tx, clusterId, pod).node) continue
    tx.schedule(tx.now + POD_SCHEDULE_MS, POD_STAGE_EVENT, {
      clusterId,
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    })
  }
}
