import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import { parseQuantity } from '@shared/kube-quantity'
import type { Container, Node, Pod, PodAffinityTerm, Taint, Toleration } from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { Tx } from '../core/tx'
import { isControlPlane, nodeReady, type Stored } from './objects'
import { listObjects } from './store'
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

/** A container's requests; limits stand in for absent requests, as the API server defaults them. */
function containerRequest(c: Container, resource: 'cpu' | 'memory'): number {
  const r = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource]
  return parseQuantity(r as string | undefined) ?? 0
}

export function podRequest(pod: Pick<Pod, 'spec'>, resource: 'cpu' | 'memory'): number {
  return (pod.spec?.containers ?? []).reduce((n, c) => n + containerRequest(c, resource), 0)
}

const done = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed'

/** Why a node cannot take the pod (scheduler reasons), none when it can. */
function reasons(
  pod: Stored<Pod>,
  node: Stored<Node>,
  pods: Pod[],
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
  const mine = pods.filter((p) => p.spec?.nodeName === node.metadata.name && !done(p))
  const alloc = node.status?.allocatable ?? {}
  const out: string[] = []
  if (mine.length + 1 > Number(alloc.pods ?? 110)) out.push('Too many pods')
  for (const r of ['cpu', 'memory'] as const) {
    const want = podRequest(pod, r)
    const used = mine.reduce((n, p) => n + podRequest(p, r), 0)
    if (want > 0 && used + want > (parseQuantity(alloc[r] as string | undefined) ?? 0))
      out.push(`Insufficient ${r}`)
  }
  if (out.length) return { text: out, preemptable: true }
  // InterPodAffinity filters after the resource fit, and preempting cannot fix it (Unresolvable).
  const assigned = pods.filter((p) => p.spec?.nodeName && !done(p))
  if (!podAffinityMatches(pod, node, assigned, nodes))
    return { text: ["node(s) didn't match pod affinity rules"], preemptable: false }
  return { text: [], preemptable: true }
}

const histogram = (items: string[]) => {
  const counts = new Map<string, number>()
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1)
  return [...counts].map(([k, n]) => `${n} ${k}`).sort()
}

/** The node the scheduler picks (least loaded that fits), or the FailedScheduling message. */
export function scheduleOnto(
  tx: Tx,
  clusterId: string,
  pod: Stored<Pod>,
): { node?: Stored<Node>; message: string } {
  const pods = listObjects<Stored<Pod>>(tx, clusterId, { kind: 'Pod' })
  const nodes = listObjects<Stored<Node>>(tx, clusterId, { kind: 'Node' })
  const load = (n: Node) => pods.filter((p) => p.spec?.nodeName === n.metadata!.name).length
  const failed: string[] = []
  const preemption: string[] = []
  const feasible: Stored<Node>[] = []
  for (const node of nodes) {
    const r = reasons(pod, node, pods, nodes)
    if (!r.text.length) feasible.push(node)
    failed.push(...r.text)
    if (r.text.length)
      preemption.push(
        r.preemptable
          ? 'No preemption victims found for incoming pod'
          : 'Preemption is not helpful for scheduling',
      )
  }
  const bound = podClaimsBound(tx, clusterId, pod)
  if (!bound.bound) feasible.length = 0
  const node = feasible.sort(
    (a, b) => load(a) - load(b) || Number(isControlPlane(b)) - Number(isControlPlane(a)),
  )[0]
  if (node) return { node, message: '' }
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

const pendingStage = (tx: Tx, uid: string) =>
  tx.state.queue.some((e) => e.kind === POD_STAGE_EVENT && (e.data as { uid: string }).uid === uid)

/**
 * Unscheduled pods get a scheduler visit: new ones at once, ones that failed before only when a node
 * fits now (the scheduler's queue moving unschedulable pods back on a cluster change).
 */
export function kickUnscheduled(tx: Tx, clusterId: string): void {
  for (const pod of listObjects<Stored<Pod>>(tx, clusterId, { kind: 'Pod' })) {
    if (pod.spec?.nodeName || pendingStage(tx, pod.metadata.uid)) continue
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
