import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import { parseQuantity } from '@shared/kube-quantity'
import { byNamespaceAndName } from '@shared/kube'
import type { Node, Pod, PodAffinityTerm, Taint, Toleration } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { Tx } from '../core/tx'
import { isControlPlane, nodeReady, type Stored } from './objects'
import { podRequests, type Dirt, type NodeUsage } from './derived'
import { clusterIndexOf, listObjects, objectsAt } from './store'
import { podClaimsBound } from './storage'

// The default scheduler's filters, simplified but with its wording: taints (NoSchedule/NoExecute),
// nodeSelector, required pod affinity (InterPodAffinity), max pods, and cpu/memory requests against allocatable minus what the node's pods
// request. A pod no node takes gets the ≥1.24 FitError text, preemption part included (no pod has a
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

function selectorMatches(pod: Pick<Pod, 'spec'>, node: Node): boolean {
  const labels = node.metadata?.labels ?? {}
  return Object.entries(pod.spec?.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)
}

/** Whether a pod may run on a node: nodeSelector and taints (not resources). */
export function fits(pod: Pick<Pod, 'spec'>, node: Node): boolean {
  return (
    selectorMatches(pod, node) && (node.spec?.taints ?? []).every((t) => tolerates(pod.spec?.tolerations, t))
  )
}

/** metav1.LabelSelector against labels: matchLabels and matchExpressions (In/NotIn/Exists/DoesNotExist). */
export function labelSelectorMatches(
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
): boolean {
  if (!selector) return false // a nil selector in an affinity term selects nothing
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every((e) => {
      const has = e.key in labels
      switch (e.operator) {
        case 'In':
          return has && (e.values ?? []).includes(labels[e.key]!)
        case 'NotIn':
          return !has || !(e.values ?? []).includes(labels[e.key]!)
        case 'Exists':
          return has
        case 'DoesNotExist':
          return !has
        default:
          return false
      }
    })
  )
}

const affinityTerms = (pod: Pick<Pod, 'spec'>): PodAffinityTerm[] =>
  pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []

/** Whether an existing pod matches a term of the incoming pod (namespaces default to the pod's own). */
function termMatchesPod(term: PodAffinityTerm, owner: Pick<Pod, 'metadata'>, other: Pod): boolean {
  const namespaces = term.namespaces?.length ? term.namespaces : [owner.metadata?.namespace ?? 'default']
  return (
    namespaces.includes(other.metadata?.namespace ?? 'default') &&
    labelSelectorMatches(term.labelSelector, other.metadata?.labels ?? {})
  )
}

/**
 * Required pod affinity (interpodaffinity.satisfyPodAffinity): every term needs a scheduled pod it
 * selects on a node with the same topology value as this node. The first pod of a group is let in
 * anywhere when no pod anywhere matches any term and the pod matches all its own terms.
 */
function podAffinityMatches(pod: Stored<Pod>, node: Node, assigned: Pod[], nodes: Node[]): boolean {
  const terms = affinityTerms(pod)
  if (!terms.length) return true
  const nodeOf = new Map(nodes.map((n) => [n.metadata!.name!, n]))
  const topology = (n: Node | undefined, key: string) => n?.metadata?.labels?.[key]
  const satisfied = terms.every((term) => {
    const value = topology(node, term.topologyKey)
    return (
      value !== undefined &&
      assigned.some(
        (p) =>
          termMatchesPod(term, pod, p) && topology(nodeOf.get(p.spec!.nodeName!), term.topologyKey) === value,
      )
    )
  })
  if (satisfied) return true
  const anyMatch = terms.some((term) => assigned.some((p) => termMatchesPod(term, pod, p)))
  const selfMatch = terms.every((term) => termMatchesPod(term, pod, pod))
  return !anyMatch && selfMatch && terms.every((term) => topology(node, term.topologyKey) !== undefined)
}

export function podRequest(pod: Pick<Pod, 'spec'>, resource: 'cpu' | 'memory'): number {
  return podRequests(pod)[resource]
}

const done = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'
const NO_USAGE: NodeUsage = { pods: 0, active: 0, cpu: 0, memory: 0, podIps: new Map(), images: new Map() }

/** Why a node cannot take the pod (scheduler reasons), none when it can. */
function reasons(
  pod: Stored<Pod>,
  node: Stored<Node>,
  usage: NodeUsage,
  assigned: () => Pod[],
  nodes: Node[],
): { text: string[]; preemptable: boolean } {
  if (!nodeReady(node))
    return { text: ['node(s) had untolerated taint {node.kubernetes.io/not-ready: }'], preemptable: false }
  const taint = (node.spec?.taints ?? []).find((t) => !tolerates(pod.spec?.tolerations, t))
  if (taint)
    return {
      text: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      preemptable: false,
    }
  if (!selectorMatches(pod, node))
    return { text: ["node(s) didn't match Pod's node affinity/selector"], preemptable: false }
  const alloc = node.status?.allocatable ?? {}
  const out: string[] = []
  if (usage.active + 1 > Number(alloc.pods ?? 110)) out.push('Too many pods')
  const want = podRequests(pod)
  for (const r of ['cpu', 'memory'] as const)
    if (want[r] > 0 && usage[r] + want[r] > allocatable(alloc, r)) out.push(`Insufficient ${r}`)
  if (out.length) return { text: out, preemptable: true }
  // InterPodAffinity filters after the resource fit, and preempting cannot fix it (Unresolvable).
  if (affinityTerms(pod).length && !podAffinityMatches(pod, node, assigned(), nodes))
    return { text: ["node(s) didn't match pod affinity rules"], preemptable: false }
  return { text: [], preemptable: true }
}

const histogram = (items: string[]) => {
  const counts = new Map<string, number>()
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).sort()
}

const quantities = new Map<string, number>()
function allocatable(alloc: Record<string, unknown>, r: 'cpu' | 'memory'): number {
  const text = alloc[r] as string | undefined
  if (text === undefined) return 0
  let n = quantities.get(text)
  if (n === undefined) quantities.set(text, (n = parseQuantity(text) ?? 0))
  return n
}

interface NodeFacts {
  ready: boolean
  controlPlane: boolean
  maxPods: number
  cpu: number
  memory: number
}
const nodeFactsMemo = new WeakMap<Node, NodeFacts>()

/** What the filters read of a node, once per stored node object (stored objects never change). */
function factsOf(node: Node): NodeFacts {
  let f = nodeFactsMemo.get(node)
  if (!f) {
    const alloc = node.status?.allocatable ?? {}
    f = {
      ready: nodeReady(node),
      controlPlane: isControlPlane(node),
      maxPods: Number(alloc.pods ?? 110),
      cpu: allocatable(alloc, 'cpu'),
      memory: allocatable(alloc, 'memory'),
    }
    nodeFactsMemo.set(node, f)
  }
  return f
}

/** reasons() without the words: whether the node takes the pod (the common, hot case). */
function takes(
  pod: Stored<Pod>,
  node: Stored<Node>,
  usage: NodeUsage,
  want: { cpu: number; memory: number },
) {
  const f = factsOf(node)
  if (!f.ready || usage.active + 1 > f.maxPods) return false
  if (want.cpu > 0 && usage.cpu + want.cpu > f.cpu) return false
  if (want.memory > 0 && usage.memory + want.memory > f.memory) return false
  const taints = node.spec?.taints
  if (taints?.length && !taints.every((t) => tolerates(pod.spec?.tolerations, t))) return false
  return !pod.spec?.nodeSelector || selectorMatches(pod, node)
}

/** The node the scheduler picks (least loaded that fits), or the FailedScheduling message. */
export function scheduleOnto(
  tx: Tx,
  clusterId: string,
  pod: Stored<Pod>,
): { node?: Stored<Node>; message: string } {
  const index = clusterIndexOf(tx, clusterId)
  const nodes = listObjects<Stored<Node>>(tx, clusterId, { kind: 'Node' })
  let assignedPods: Pod[] | undefined
  const assigned = () =>
    (assignedPods ??= [...index.podsByNode.values()]
      .flatMap((keys) => objectsAt<Pod>(tx, keys))
      .filter((p) => !done(p)))
  if (podClaimsBound(tx, clusterId, pod).bound) {
    // The least loaded node that takes it, control planes first on a tie, else the first listed.
    const want = podRequests(pod)
    const withAffinity = affinityTerms(pod).length > 0
    let best: Stored<Node> | undefined
    let bestLoad = Infinity
    for (const node of nodes) {
      const usage = index.usage.get(node.metadata.name) ?? NO_USAGE
      if (
        usage.pods > bestLoad ||
        (usage.pods === bestLoad && (factsOf(best!).controlPlane || !factsOf(node).controlPlane))
      )
        continue
      if (!takes(pod, node, usage, want)) continue
      if (withAffinity && !podAffinityMatches(pod, node, assigned(), nodes)) continue
      best = node
      bestLoad = usage.pods
    }
    if (best) return { node: best, message: '' }
  }
  const failed: string[] = []
  const preemption: string[] = []
  for (const node of nodes) {
    const r = reasons(pod, node, index.usage.get(node.metadata.name) ?? NO_USAGE, assigned, nodes)
    failed.push(...r.text)
    if (r.text.length)
      preemption.push(
        r.preemptable
          ? 'No preemption victims found for incoming pod'
          : 'Preemption is not helpful for scheduling',
      )
  }
  const n = nodes.length
  const claims = podClaimsBound(tx, clusterId, pod)
  if (!claims.bound)
    return {
      message: `0/${n} nodes are available: ${claims.message}. preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`,
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
