import type {
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1'
import type { LabelSelector } from 'kubernetes-types/meta/v1'
import type { Tx } from '../core/tx'
import type { ClusterIndex } from './derived'

// The default scheduler's affinity plugins, simplified but with their semantics and wording:
// NodeAffinity (nodeSelector AND required nodeSelectorTerms: terms ORed, expressions ANDed) and
// InterPodAffinity (required pod affinity, required anti-affinity of the incoming pod and of the
// pods already placed, by topology value), plus the preferred terms of both as a score.

export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector" // nodeaffinity.ErrReasonPod
export const ERR_AFFINITY = "node(s) didn't match pod affinity rules" // ErrReasonAffinityRulesNotMatch
export const ERR_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules" // ErrReasonAntiAffinityRulesNotMatch
export const ERR_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules" // ErrReasonExistingAntiAffinityRulesNotMatch

type Labels = Record<string, string>
const labelsOf = (o: { metadata?: { labels?: Labels } } | undefined): Labels => o?.metadata?.labels ?? {}

/** metav1.LabelSelector against labels: matchLabels and matchExpressions (In/NotIn/Exists/DoesNotExist). */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false // a nil selector in an affinity term selects nothing
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
  return byLabel && (selector.matchExpressions ?? []).every((e) => requirementMatches(e, labels[e.key]))
}

/** One selector requirement against the label's value (undefined: no such label); Gt/Lt as nodes have them. */
function requirementMatches(e: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined
  switch (e.operator) {
    case 'In':
      return has && (e.values ?? []).includes(value)
    case 'NotIn':
      return !has || !(e.values ?? []).includes(value)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers (a bad value matches nothing, as labels.Requirement does).
      const want = e.values?.length === 1 ? e.values[0]! : ''
      if (!has || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(want)) return false
      return e.operator === 'Gt' ? Number(value) > Number(want) : Number(value) < Number(want)
    }
    default:
      return false
  }
}

/** A NodeSelectorTerm: its expressions (labels) and fields (metadata.name) ANDed; an empty term matches nothing. */
function nodeTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (!exprs.length && !fields.length) return false
  const labels = labelsOf(node)
  return (
    exprs.every((e) => requirementMatches(e, labels[e.key])) &&
    fields.every((f) => f.key === 'metadata.name' && requirementMatches(f, node.metadata?.name))
  )
}

/** The NodeAffinity filter: nodeSelector and the required nodeSelectorTerms (ORed). */
export function nodeAffinityMatches(pod: Pick<Pod, 'spec'>, node: Node): boolean {
  const labels = labelsOf(node)
  for (const k in pod.spec?.nodeSelector ?? {}) if (labels[k] !== pod.spec!.nodeSelector![k]) return false
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  return !required || required.nodeSelectorTerms.some((t) => nodeTermMatches(t, node))
}

export const affinityTerms = (pod: Pick<Pod, 'spec'>): PodAffinityTerm[] =>
  pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
export const antiAffinityTerms = (pod: Pick<Pod, 'spec'>): PodAffinityTerm[] =>
  pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []

/** Whether a pod matches a term of `owner` (the term's namespaces default to the owner's own). */
function termMatchesPod(term: PodAffinityTerm, owner: Pick<Pod, 'metadata'>, other: Pick<Pod, 'metadata'>) {
  const namespaces = term.namespaces?.length ? term.namespaces : [owner.metadata?.namespace ?? 'default']
  return (
    namespaces.includes(other.metadata?.namespace ?? 'default') &&
    labelSelectorMatches(term.labelSelector, labelsOf(other))
  )
}

/** What the pod-to-pod checks of one scheduling attempt share: the nodes by name, the placed pods. */
export interface PodContext {
  nodeOf: Map<string, Node>
  assigned: () => Pod[]
}

const topology = (node: Node | undefined, key: string): string | undefined => node?.metadata?.labels?.[key]

/**
 * Required pod affinity (interpodaffinity.satisfyPodAffinity): every term needs a scheduled pod it
 * selects on a node with the same topology value as this node. The first pod of a group is let in
 * anywhere when no pod anywhere matches any term and the pod matches all its own terms.
 */
export function podAffinityMatches(pod: Pod, node: Node, ctx: PodContext): boolean {
  const terms = affinityTerms(pod)
  if (!terms.length) return true
  const assigned = ctx.assigned()
  const satisfied = terms.every((term) => {
    const value = topology(node, term.topologyKey)
    return (
      value !== undefined &&
      assigned.some(
        (p) =>
          termMatchesPod(term, pod, p) &&
          topology(ctx.nodeOf.get(p.spec!.nodeName!), term.topologyKey) === value,
      )
    )
  })
  if (satisfied) return true
  const anyMatch = terms.some((term) => assigned.some((p) => termMatchesPod(term, pod, p)))
  const selfMatch = terms.every((term) => termMatchesPod(term, pod, pod))
  return !anyMatch && selfMatch && terms.every((term) => topology(node, term.topologyKey) !== undefined)
}

/**
 * The incoming pod's required anti-affinity (satisfyPodAntiAffinity): no placed pod a term selects
 * may run where the node's topology value is; a node without the topology label passes that term.
 */
export function podAntiAffinityMatches(pod: Pod, node: Node, ctx: PodContext): boolean {
  return antiAffinityTerms(pod).every((term) => {
    const value = topology(node, term.topologyKey)
    return (
      value === undefined ||
      !ctx
        .assigned()
        .some(
          (p) =>
            topology(ctx.nodeOf.get(p.spec!.nodeName!), term.topologyKey) === value &&
            termMatchesPod(term, pod, p),
        )
    )
  })
}

/** A placed pod with required anti-affinity terms, and its node. */
export interface AntiPod {
  pod: Pod
  node: Node | undefined
  terms: PodAffinityTerm[]
}

/**
 * The symmetry (satisfyExistingPodsAntiAffinity): a node fails when a placed pod's anti-affinity
 * term selects the incoming pod (namespaces defaulting to that pod's own) and the node shares that
 * pod's node's topology value.
 */
export function existingAntiAffinityMatches(pod: Pod, node: Node, existing: AntiPod[]): boolean {
  for (const e of existing)
    for (const term of e.terms) {
      const value = topology(node, term.topologyKey)
      if (
        value !== undefined &&
        topology(e.node, term.topologyKey) === value &&
        termMatchesPod(term, e.pod, pod)
      )
        return false
    }
  return true
}

/** The placed (not finished) pods with required anti-affinity terms, in key order; [] cheaply when none. */
export function placedAntiAffinityPods(
  tx: Tx,
  index: ClusterIndex,
  nodeOf: () => Map<string, Node>,
): AntiPod[] {
  const keys = index.antiAffinityPods
  if (!keys.size) return []
  return [...keys].sort().map((key) => {
    const p = tx.state.kube[key] as Pod
    return { pod: p, node: nodeOf().get(p.spec!.nodeName!), terms: antiAffinityTerms(p) }
  })
}

// ---- preferred terms: the score ----

/** Whether the pod has any preferred (scoring) term of node affinity, pod affinity or anti-affinity. */
export function hasPreferredTerms(pod: Pick<Pod, 'spec'>): boolean {
  const a = pod.spec?.affinity
  return !!(
    a?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ||
    a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ||
    a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length
  )
}

/**
 * The preferred terms' score of each feasible node, as the NodeAffinity and InterPodAffinity score
 * plugins compute and normalise it (each to 0–100), summed with equal weights:
 * - NodeAffinity: the weights of the preferred terms the node matches, × 100 ÷ the best node's;
 * - InterPodAffinity: for each preferred podAffinity (podAntiAffinity) term, + (−) its weight for
 *   every placed pod it selects in the node's topology; then (score − min) × 100 ÷ (max − min).
 * Simplified: existing pods' own preferred terms toward the incoming pod are not counted.
 */
export function preferredScores(pod: Pod, nodes: Node[], ctx: PodContext): number[] {
  const a = pod.spec?.affinity
  const nodePrefs = a?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
  const raw = nodes.map((n) =>
    nodePrefs.reduce((s, t) => s + (nodeTermMatches(t.preference, n) ? t.weight : 0), 0),
  )
  const maxNode = Math.max(0, ...raw)
  const nodeScore = raw.map((s) => (maxNode > 0 ? Math.floor((s * 100) / maxNode) : 0))
  const weighted: [WeightedPodAffinityTerm, number][] = [
    ...(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => [t, 1] as [WeightedPodAffinityTerm, number],
    ),
    ...(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => [t, -1] as [WeightedPodAffinityTerm, number],
    ),
  ]
  if (!weighted.length) return nodeScore
  // Weight per topology pair of the placed pods each term selects.
  const pairs = new Map<string, number>()
  for (const p of ctx.assigned()) {
    const at = ctx.nodeOf.get(p.spec!.nodeName!)
    for (const [w, sign] of weighted) {
      const value = topology(at, w.podAffinityTerm.topologyKey)
      if (value === undefined || !termMatchesPod(w.podAffinityTerm, pod, p)) continue
      const pair = `${w.podAffinityTerm.topologyKey}=${value}`
      pairs.set(pair, (pairs.get(pair) ?? 0) + sign * w.weight)
    }
  }
  const podRaw = nodes.map((n) => {
    let s = 0
    for (const [k, v] of Object.entries(labelsOf(n))) s += pairs.get(`${k}=${v}`) ?? 0
    return s
  })
  const min = Math.min(...podRaw)
  const max = Math.max(...podRaw)
  return nodes.map(
    (_, i) => nodeScore[i]! + (max > min ? Math.floor(((podRaw[i]! - min) * 100) / (max - min)) : 0),
  )
}
