import type { KubeObject } from '@shared/contract'
import { kubeGroupKeys, labelsMatch, labelsOf } from '@shared/kube'
import { parseQuantity } from '@shared/kube-quantity'
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import type { ClusterIndex } from './derived'
import { addTo, mark, markNewPod, markOwner, markStorage, removeFrom, tally } from './derived-marks'

// What the indexes keep of a pod, and how a pod's write moves them and marks the dirt.

export interface PodFacts {
  owners: string[]
  ownerIsNode: boolean
  node: string // '' while unscheduled
  done: boolean
  terminating: boolean // has a deletionTimestamp
  running: boolean // phase Running, not Terminating
  ready: boolean // running with every container ready
  tried: boolean // the scheduler has looked at it (PodScheduled condition)
  affinity: boolean // required pod affinity or anti-affinity terms
  antiAffinity: boolean // required pod anti-affinity terms
  csiController: boolean
  cpu: number
  memory: number
  claims: string[]
  labels: Record<string, string> | undefined
  podIpOctet: number | undefined // of its address on the node's pod /24 (not hostNetwork)
  images: string[]
}

const requestMemo = new WeakMap<Container[], { cpu: number; memory: number }>()

/** A container's requests; limits stand in for absent requests, as the API server defaults them. */
function containerRequest(c: Container, resource: 'cpu' | 'memory'): number {
  const r = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource]
  return parseQuantity(r as string | undefined) ?? 0
}

/** The pod's cpu and memory requests (memoised per containers array: stored objects never change). */
export function podRequests(pod: Pick<Pod, 'spec'>): { cpu: number; memory: number } {
  const containers = pod.spec?.containers ?? []
  let r = requestMemo.get(containers)
  if (!r) {
    r = { cpu: 0, memory: 0 }
    for (const c of containers) {
      r.cpu += containerRequest(c, 'cpu')
      r.memory += containerRequest(c, 'memory')
    }
    requestMemo.set(containers, r)
  }
  return r
}

const NONE: string[] = []

/**
 * The facts of a pod's write. `prev`: the pod it replaces and its facts, whose parts it reuses where
 * the pod shares the objects they came from (a status update keeps the spec and metadata's arrays).
 */
function podFacts(pod: Pod, prev?: { pod: Pod; facts: PodFacts }): PodFacts {
  const meta = pod.metadata
  const refs = meta?.ownerReferences
  const phase = pod.status?.phase
  const terminating = !!meta?.deletionTimestamp
  const affinity = pod.spec?.affinity
  const anti = !!affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length
  const running = phase === 'Running' && !terminating
  const statuses = pod.status?.containerStatuses
  const requests = podRequests(pod)
  const was = prev?.pod
  return {
    owners: was && was.metadata?.ownerReferences === refs ? prev!.facts.owners : ownersOf(refs),
    ownerIsNode: !!refs?.some((r) => r.kind === 'Node'),
    node: pod.spec?.nodeName ?? '',
    done: phase === 'Succeeded' || phase === 'Failed',
    terminating,
    running,
    ready: running && (statuses ?? []).every((s) => s.ready),
    tried: pod.status?.conditions?.some((c) => c.type === 'PodScheduled') ?? false,
    affinity: !!affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length || anti,
    antiAffinity: anti,
    // A pod's key (namespace and name) never changes: neither does this.
    csiController: prev ? prev.facts.csiController : isCsiController(pod),
    cpu: requests.cpu,
    memory: requests.memory,
    claims: was && was.spec?.volumes === pod.spec?.volumes ? prev!.facts.claims : claimsOf(pod),
    labels: meta?.labels as Record<string, string> | undefined,
    podIpOctet: pod.spec?.hostNetwork || !pod.status?.podIP ? undefined : lastOctet(pod.status.podIP),
    images: was && was.status?.containerStatuses === statuses ? prev!.facts.images : imagesOf(statuses),
  }
}

const ownersOf = (refs: { uid: string }[] | undefined) => (refs?.length ? refs.map((r) => r.uid) : NONE)

const isCsiController = (pod: Pod) =>
  pod.metadata?.namespace === 'kube-system' && /^csi-.*-controller-/.test(pod.metadata?.name ?? '')

function claimsOf(pod: Pod): string[] {
  const volumes = pod.spec?.volumes
  if (!volumes?.length) return NONE
  const ns = pod.metadata?.namespace ?? 'default'
  return volumes.flatMap((v) =>
    v.persistentVolumeClaim ? [`${ns}/${v.persistentVolumeClaim.claimName}`] : [],
  )
}

const imagesOf = (statuses: ContainerStatus[] | undefined) =>
  statuses?.some((c) => c.imageID) ? statuses.flatMap((c) => (c.imageID ? [c.image] : [])) : NONE

/** Whether two writes of a pod weigh the same on its node (most status updates): only its owners' counts may move. */
function sameUsage(a: PodFacts, b: PodFacts): boolean {
  return (
    a.node === b.node &&
    a.owners === b.owners &&
    a.done === b.done &&
    a.podIpOctet === b.podIpOctet &&
    a.images === b.images &&
    a.cpu === b.cpu &&
    a.memory === b.memory
  )
}

function countOwners(index: ClusterIndex, a: PodFacts, b: PodFacts): void {
  const running = Number(b.running) - Number(a.running)
  const ready = Number(b.ready) - Number(a.ready)
  const terminating = Number(b.terminating) - Number(a.terminating)
  if (!running && !ready && !terminating) return
  for (let i = 0; i < b.owners.length; i++) {
    const c = index.ownerCounts.get(b.owners[i]!)!
    c.running += running
    c.ready += ready
    c.terminating += terminating
  }
}

function count(index: ClusterIndex, f: PodFacts, sign: 1 | -1): void {
  for (let i = 0; i < f.owners.length; i++) {
    const uid = f.owners[i]!
    let c = index.ownerCounts.get(uid)
    if (!c) index.ownerCounts.set(uid, (c = { running: 0, ready: 0, terminating: 0 }))
    c.running += f.running ? sign : 0
    c.ready += f.ready ? sign : 0
    c.terminating += f.terminating ? sign : 0
  }
  if (!f.node) return
  let u = index.usage.get(f.node)
  if (!u)
    index.usage.set(
      f.node,
      (u = { pods: 0, active: 0, cpu: 0, memory: 0, podIps: new Map(), freeIpFrom: 2, images: new Map() }),
    )
  u.pods += sign
  if (f.podIpOctet !== undefined) {
    tally(u.podIps, f.podIpOctet, sign)
    if (!u.podIps.has(f.podIpOctet)) u.freeIpFrom = Math.min(u.freeIpFrom, f.podIpOctet)
  }
  for (let i = 0; i < f.images.length; i++) tally(u.images, f.images[i]!, sign)
  if (f.done) return
  u.active += sign
  u.cpu += sign * f.cpu
  u.memory += sign * f.memory
}

const lastOctet = (ip: string) => Number(ip.slice(ip.lastIndexOf('.') + 1))

function sameLabels(a: PodFacts['labels'], b: PodFacts['labels']): boolean {
  if (a === b) return true
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {})
}

/** A Service's selector changed (or it came or went): its members anew, from the cluster's pods. */
export function serviceWritten(table: object, index: ClusterIndex, key: string, svc?: KubeObject): void {
  markStorage(index, 'endpoints', key)
  const selector = (svc?.spec as { selector?: Record<string, string> } | undefined)?.selector
  index.serviceMembers.delete(key)
  if (!svc || !selector || !Object.keys(selector).length) {
    index.serviceSelectors.delete(key)
    return
  }
  const namespace = svc.metadata.namespace ?? 'default'
  index.serviceSelectors.set(key, { namespace, selector })
  const clusterId = key.slice(0, key.indexOf('/'))
  const rows = table as Record<string, KubeObject>
  for (const podKey of kubeGroupKeys(table, clusterId, 'Pod') ?? []) {
    const pod = rows[podKey]!
    if (pod.metadata.namespace === namespace && labelsMatch(labelsOf(pod), selector))
      addTo(index.serviceMembers, key, podKey)
  }
}

/** A pod's Services: membership follows its labels; a member's every write touches the endpoints. */
function servicesOf(index: ClusterIndex, key: string, a?: PodFacts, b?: PodFacts, ns?: string): void {
  for (const [svcKey, { namespace, selector }] of index.serviceSelectors) {
    if (namespace !== ns) continue
    const was = !!a && labelsMatch(a.labels, selector)
    const is = !!b && labelsMatch(b.labels, selector)
    if (is) addTo(index.serviceMembers, svcKey, key)
    else if (was) removeFrom(index.serviceMembers, svcKey, key)
    if (was || is) markStorage(index, 'endpoints', svcKey)
  }
}

const unscheduled = (f?: PodFacts) => !!f && !f.node
const waiting = (f?: PodFacts) => unscheduled(f) && f!.tried
const anti = (f?: PodFacts) => !!f?.node && !f.done && f.antiAffinity

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Keeps `key` in `set` exactly while `is` holds; `was`: whether it held before (the set agrees). */
function member(set: Set<string>, key: string, was: boolean, is: boolean): void {
  if (was === is) return
  if (is) set.add(key)
  else set.delete(key)
}

export function podWritten(index: ClusterIndex, key: string, old?: Pod, next?: Pod): void {
  // The facts of what is stored under the key were worked out when it was written.
  const a = old ? (index.podFacts.get(key) ?? podFacts(old)) : undefined
  const b = next ? podFacts(next, old && a ? { pod: old, facts: a } : undefined) : undefined
  if (b) index.podFacts.set(key, b)
  else index.podFacts.delete(key)
  if (!a && next) index.podKeys.set(next.metadata!.uid!, key)
  else if (!b && old) index.podKeys.delete(old.metadata!.uid!)
  if (a && b && sameUsage(a, b)) countOwners(index, a, b)
  else {
    if (a) count(index, a, -1)
    if (b) count(index, b, 1)
    // The scheduler's node order follows pod counts, which move only with a pod's node.
    if (a?.node !== b?.node) {
      if (a?.node) index.loadMoved.add(a.node)
      if (b?.node) index.loadMoved.add(b.node)
    }
  }
  const ownersMoved = !a || !b || !sameList(a.owners, b.owners)
  const aOwners = a?.owners ?? NONE
  const bOwners = b?.owners ?? NONE
  for (let i = 0; i < aOwners.length; i++) {
    if (ownersMoved && !bOwners.includes(aOwners[i]!)) removeFrom(index.podsByOwner, aOwners[i]!, key)
    markOwner(index, aOwners[i]!)
  }
  for (let i = 0; i < bOwners.length; i++) {
    if (ownersMoved) addTo(index.podsByOwner, bOwners[i]!, key)
    if (!aOwners.includes(bOwners[i]!)) markOwner(index, bOwners[i]!)
  }
  if (a?.node !== b?.node) {
    if (a?.node) removeFrom(index.podsByNode, a.node, key)
    if (b?.node) addTo(index.podsByNode, b.node, key)
  }
  member(index.unscheduled, key, unscheduled(a), unscheduled(b))
  member(index.waiting, key, waiting(a), waiting(b))
  member(index.waitingAffinity, key, waiting(a) && a!.affinity, waiting(b) && b!.affinity)
  member(index.antiAffinityPods, key, anti(a), anti(b))
  member(index.csiControllers, key, !!a?.csiController, !!b?.csiController)
  if (index.serviceSelectors.size)
    servicesOf(index, key, a, b, (next ?? old)!.metadata?.namespace ?? 'default')
  const claimsMoved = !a || !b || !sameList(a.claims, b.claims)
  const aClaims = a?.claims ?? NONE
  const bClaims = b?.claims ?? NONE
  for (let i = 0; i < aClaims.length; i++) {
    if (claimsMoved && !bClaims.includes(aClaims[i]!)) removeFrom(index.claimUsers, aClaims[i]!, key)
    markStorage(index, 'claims', aClaims[i]!)
  }
  for (let i = 0; i < bClaims.length; i++) {
    if (claimsMoved) addTo(index.claimUsers, bClaims[i]!, key)
    if (!aClaims.includes(bClaims[i]!)) markStorage(index, 'claims', bClaims[i]!)
  }
  if (!a || !b) {
    if ((a ?? b)!.ownerIsNode) mark(index, 'nodes')
    if (b && !b.node) markNewPod(index, key, true)
    if (!b) markNewPod(index, key, false)
  }
  // Room is made only by a placed pod going or finishing; a placement or new labels can only
  // satisfy pod affinity.
  if ((a?.node && !a.done && (!b || b.done)) || (a && b && a.done !== b.done)) mark(index, 'kick')
  if ((b?.node && a?.node !== b.node) || (b?.node && a && !sameLabels(a.labels, b.labels)))
    mark(index, 'kickAffinity')
}
