import type { KubeObject } from '@shared/contract'
import { kubeIndexAdd, kubeIndexRemove, trackKube } from '@shared/kube'
import { parseQuantity } from '@shared/kube-quantity'
import type { Container, Event, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { VolumeAttachment } from 'kubernetes-types/storage/v1'

// Indexes derived from the live `kube` table, kept in step with every write (and its undo) by the
// Tx, so the controllers never scan every pod per event: pods by owner and by node, each node's
// requested resources, the unscheduled pods, events by what they report. And each cluster's "dirt":
// what changed since its controllers last ran, so reconcile visits only the owners whose inputs moved.
// Nothing here is state: a table met for the first time (a lab just loaded) is indexed from scratch
// and marked all-dirty, so its first reconcile looks at everything, as a full reconcile would.

export interface NodeUsage {
  pods: number // every pod bound to the node
  active: number // not Succeeded/Failed: what counts against max pods and requests
  cpu: number
  memory: number
  podIps: Map<number, number> // last octets in use of the node's pod /24 (hostNetwork pods aside)
  images: Map<string, number> // images pulled there (a container status with an imageID)
}

/** A workload's pods beyond how many there are: Running, Running and Ready (neither Terminating), Terminating. */
export interface OwnerCounts {
  running: number
  ready: number
  terminating: number
}

export interface Dirt {
  all: boolean
  nodes: boolean // nodes came, went or changed (static pods, DaemonSets, eviction)
  kick: boolean // room made (a node changed, a pod went or finished): every turned-down pod may fit
  kickAffinity: boolean // a pod placed or relabelled: turned-down pods with pod affinity may fit
  services: boolean
  storage: boolean // every claim and volume (a class, a node or an Available volume changed)
  claims: Set<string> // `<namespace>/<name>` of claims written, or whose pods or volume were
  volumes: Set<string> // names of PVs written, or whose claim or attachments were
  owners: Set<string> // uids of workloads whose pods or selves changed
  newPods: Set<string> // keys of pods created unscheduled
}

export interface ClusterIndex {
  podsByOwner: Map<string, Set<string>>
  ownerCounts: Map<string, OwnerCounts>
  podsByNode: Map<string, Set<string>>
  usage: Map<string, NodeUsage>
  unscheduled: Set<string>
  waiting: Set<string> // unscheduled pods the scheduler already turned down
  waitingAffinity: Set<string> // those of them with required pod affinity or anti-affinity
  antiAffinityPods: Set<string> // placed, unfinished pods with required anti-affinity (symmetry)
  csiControllers: Set<string> // kube-system pods of the CSI controller (the provisioner events' source)
  claimUsers: Map<string, Set<string>> // `<namespace>/<claim>` → pod keys
  attachments: Map<string, Set<string>> // PV name → VolumeAttachment keys
  unboundVolumes: Set<string> // keys of PVs not Bound (what a claim without a volume may take)
  eventsByAggregate: Map<string, string> // what an event reports → its key
  eventReasons: Map<string, number> // `<uid>|<reason>` → how many events
  eventInfo: Map<string, { aggregate: string; reason: string }> // event key → its two keys above
  workloads: Map<string, string> // uid of a ReplicaSet, Deployment, DaemonSet or StatefulSet → key
  setsByOwner: Map<string, Set<string>> // Deployment uid → its ReplicaSets' keys
  nodeList?: KubeObject[] // the nodes in listing order, until a node is written
  dirt: Dirt // changes since the last reconcile pass began: the next pass's work
  pass?: Dirt // during a pass: what it started with plus what changed since
  spare?: Dirt
}

const tables = new WeakMap<object, Map<string, ClusterIndex>>()

/**
 * Reconcile everything on every pass, as the controllers did before they were change-driven: the
 * reference the equivalence test compares the change-driven passes with. Never set in the app.
 */
export const fullReconcile = { on: false }

export const freshDirt = (all = fullReconcile.on): Dirt => ({
  all,
  nodes: all,
  kick: all,
  kickAffinity: all,
  services: all,
  storage: all,
  claims: new Set(),
  volumes: new Set(),
  owners: new Set(),
  newPods: new Set(),
})

function newIndex(): ClusterIndex {
  return {
    podsByOwner: new Map(),
    ownerCounts: new Map(),
    podsByNode: new Map(),
    usage: new Map(),
    unscheduled: new Set(),
    waiting: new Set(),
    waitingAffinity: new Set(),
    antiAffinityPods: new Set(),
    csiControllers: new Set(),
    claimUsers: new Map(),
    attachments: new Map(),
    unboundVolumes: new Set(),
    eventsByAggregate: new Map(),
    eventReasons: new Map(),
    eventInfo: new Map(),
    workloads: new Map(),
    setsByOwner: new Map(),
    dirt: freshDirt(true),
  }
}

/** Starts tracking a table (the engine's live state.kube); no-op when already tracked. */
export function trackKubeTable(table: Record<string, KubeObject>): void {
  trackKube(table)
  if (tables.has(table)) return
  tables.set(table, new Map())
  for (const [key, obj] of Object.entries(table)) derive(table, key, undefined, obj)
}

/** The table's key `key` went from `old` to `next` (undefined: absent). */
export function noteKubeWrite(table: object, key: string, old: unknown, next: unknown): void {
  if (old === undefined) kubeIndexAdd(table, key)
  else if (next === undefined) kubeIndexRemove(table, key)
  derive(table, key, old as KubeObject | undefined, next as KubeObject | undefined)
}

let last: { table: object; clusterId: string; index: ClusterIndex } | undefined

/** A cluster's derived indexes; an all-dirty empty one for a cluster not seen yet. */
export function clusterIndex(table: object, clusterId: string): ClusterIndex {
  // Asked on every write and read of the hot paths, nearly always for the same cluster.
  if (last && last.table === table && last.clusterId === clusterId) return last.index
  let clusters = tables.get(table)
  if (!clusters) tables.set(table, (clusters = new Map()))
  let index = clusters.get(clusterId)
  if (!index) clusters.set(clusterId, (index = newIndex()))
  last = { table, clusterId, index }
  return index
}

/**
 * Starts a reconcile pass: it sees what changed before it and, as it goes, what its own phases
 * write; all it writes is also kept for the next pass, since a phase that already ran may need it.
 */
export function beginPass(index: ClusterIndex): Dirt {
  index.pass = index.dirt
  index.dirt = index.spare ?? freshDirt()
  index.spare = undefined
  return index.pass
}

/** Ends the pass; its dirt, emptied, is the next pending one (no allocation per pass). */
export function endPass(index: ClusterIndex): void {
  const pass = index.pass!
  index.pass = undefined
  const all = fullReconcile.on
  pass.all = pass.nodes = pass.kick = pass.kickAffinity = pass.services = pass.storage = all
  for (const set of [pass.claims, pass.volumes, pass.owners, pass.newPods]) set.clear()
  index.spare = pass
}

type Flag = 'nodes' | 'kick' | 'kickAffinity' | 'services' | 'storage'

function mark(index: ClusterIndex, flag: Flag): void {
  index.dirt[flag] = true
  if (index.pass) index.pass[flag] = true
}

function markOwner(index: ClusterIndex, uid: string): void {
  index.dirt.owners.add(uid)
  index.pass?.owners.add(uid)
}

function markStorage(index: ClusterIndex, set: 'claims' | 'volumes', name: string): void {
  index.dirt[set].add(name)
  index.pass?.[set].add(name)
}

function markNewPod(index: ClusterIndex, key: string, created: boolean): void {
  for (const dirt of index.pass ? [index.dirt, index.pass] : [index.dirt])
    if (created) dirt.newPods.add(key)
    else dirt.newPods.delete(key)
}

const ownersOf = (obj: KubeObject | undefined): string[] =>
  ((obj?.metadata.ownerReferences as { uid: string }[] | undefined) ?? []).map((r) => r.uid)

function derive(table: object, key: string, old?: KubeObject, next?: KubeObject): void {
  if (!tables.has(table)) return
  const slash = key.indexOf('/')
  const clusterId = key.slice(0, slash)
  const kind = key.slice(slash + 1, key.indexOf('/', slash + 1))
  const index = clusterIndex(table, clusterId)
  switch (kind) {
    case 'Pod':
      return podWritten(index, key, old as Pod | undefined, next as Pod | undefined)
    case 'Node':
      index.nodeList = undefined
      mark(index, 'nodes')
      mark(index, 'kick')
      if (!next) mark(index, 'storage') // its attachments go
      return
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
      if (old && !next) index.workloads.delete(old.metadata.uid)
      if (next) index.workloads.set(next.metadata.uid, key)
      if (kind === 'ReplicaSet') {
        for (const ref of ownersOf(old)) removeFrom(index.setsByOwner, ref, key)
        for (const ref of ownersOf(next)) addTo(index.setsByOwner, ref, key)
      }
      for (const obj of [old, next])
        if (obj) {
          markOwner(index, obj.metadata.uid)
          for (const ref of (obj.metadata.ownerReferences as { uid: string }[] | undefined) ?? [])
            markOwner(index, ref.uid)
        }
      return
    case 'PersistentVolumeClaim':
      for (const pvc of [old, next] as (PersistentVolumeClaim | undefined)[])
        if (pvc) {
          markStorage(index, 'claims', `${pvc.metadata!.namespace}/${pvc.metadata!.name}`)
          if (pvc.spec?.volumeName) markStorage(index, 'volumes', pvc.spec.volumeName)
        }
      return
    case 'PersistentVolume':
      for (const pv of [old, next] as (PersistentVolume | undefined)[])
        if (pv) {
          markStorage(index, 'volumes', pv.metadata!.name!)
          const ref = pv.spec?.claimRef
          if (ref) markStorage(index, 'claims', `${ref.namespace}/${ref.name}`)
        }
      // A volume not bound to a claim may serve any pending one.
      if (next && (next as PersistentVolume).status?.phase !== 'Bound') {
        index.unboundVolumes.add(key)
        mark(index, 'storage')
      } else index.unboundVolumes.delete(key)
      return
    case 'VolumeAttachment':
      return attachmentWritten(
        index,
        key,
        old as VolumeAttachment | undefined,
        next as VolumeAttachment | undefined,
      )
    case 'StorageClass':
      return mark(index, 'storage')
    case 'Service':
      return mark(index, 'services')
    case 'Event':
      return eventWritten(index, key, old as Event | undefined, next as Event | undefined)
  }
}

// ---- pods ----

interface PodFacts {
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

function podFacts(pod: Pod): PodFacts {
  const refs = pod.metadata?.ownerReferences ?? []
  const phase = pod.status?.phase
  const terminating = !!pod.metadata?.deletionTimestamp
  const anti = !!pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length
  const running = phase === 'Running' && !terminating
  const ns = pod.metadata?.namespace ?? 'default'
  return {
    owners: refs.map((r) => r.uid),
    ownerIsNode: refs.some((r) => r.kind === 'Node'),
    node: pod.spec?.nodeName ?? '',
    done: phase === 'Succeeded' || phase === 'Failed',
    terminating,
    running,
    ready: running && (pod.status?.containerStatuses ?? []).every((s) => s.ready),
    tried: pod.status?.conditions?.some((c) => c.type === 'PodScheduled') ?? false,
    affinity:
      !!pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length || anti,
    antiAffinity: anti,
    csiController: ns === 'kube-system' && /^csi-.*-controller-/.test(pod.metadata?.name ?? ''),
    ...podRequests(pod),
    claims: (pod.spec?.volumes ?? []).flatMap((v) =>
      v.persistentVolumeClaim ? [`${ns}/${v.persistentVolumeClaim.claimName}`] : [],
    ),
    labels: pod.metadata?.labels as Record<string, string> | undefined,
    podIpOctet: pod.spec?.hostNetwork || !pod.status?.podIP ? undefined : lastOctet(pod.status.podIP),
    images: (pod.status?.containerStatuses ?? []).flatMap((c) => (c.imageID ? [c.image] : [])),
  }
}

function addTo<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  let set = map.get(k)
  if (!set) map.set(k, (set = new Set()))
  set.add(v)
}

function removeFrom<K, V>(map: Map<K, Set<V>>, k: K, v: V): void {
  const set = map.get(k)
  if (!set) return
  set.delete(v)
  if (set.size === 0) map.delete(k)
}

function count(index: ClusterIndex, f: PodFacts, sign: 1 | -1): void {
  for (const uid of f.owners) {
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
      (u = { pods: 0, active: 0, cpu: 0, memory: 0, podIps: new Map(), images: new Map() }),
    )
  u.pods += sign
  if (f.podIpOctet !== undefined) tally(u.podIps, f.podIpOctet, sign)
  for (const image of f.images) tally(u.images, image, sign)
  if (f.done) return
  u.active += sign
  u.cpu += sign * f.cpu
  u.memory += sign * f.memory
}

const lastOctet = (ip: string) => Number(ip.slice(ip.lastIndexOf('.') + 1))

function tally<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by
  if (n > 0) map.set(key, n)
  else map.delete(key)
}

function sameLabels(a: PodFacts['labels'], b: PodFacts['labels']): boolean {
  if (a === b) return true
  return JSON.stringify(a ?? {}) === JSON.stringify(b ?? {})
}

function podWritten(index: ClusterIndex, key: string, old?: Pod, next?: Pod): void {
  const a = old ? podFacts(old) : undefined
  const b = next ? podFacts(next) : undefined
  if (a) count(index, a, -1)
  if (b) count(index, b, 1)
  for (const uid of a?.owners ?? []) {
    if (!b?.owners.includes(uid)) removeFrom(index.podsByOwner, uid, key)
    markOwner(index, uid)
  }
  for (const uid of b?.owners ?? []) {
    addTo(index.podsByOwner, uid, key)
    markOwner(index, uid)
  }
  if (a?.node !== b?.node) {
    if (a?.node) removeFrom(index.podsByNode, a.node, key)
    if (b?.node) addTo(index.podsByNode, b.node, key)
  }
  if (b && !b.node) index.unscheduled.add(key)
  else index.unscheduled.delete(key)
  if (b && !b.node && b.tried) index.waiting.add(key)
  else index.waiting.delete(key)
  if (b && !b.node && b.tried && b.affinity) index.waitingAffinity.add(key)
  else index.waitingAffinity.delete(key)
  if (b?.node && !b.done && b.antiAffinity) index.antiAffinityPods.add(key)
  else index.antiAffinityPods.delete(key)
  if (b?.csiController) index.csiControllers.add(key)
  else index.csiControllers.delete(key)
  for (const c of a?.claims ?? []) {
    if (!b?.claims.includes(c)) removeFrom(index.claimUsers, c, key)
    markStorage(index, 'claims', c)
  }
  for (const c of b?.claims ?? []) {
    addTo(index.claimUsers, c, key)
    markStorage(index, 'claims', c)
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

function attachmentWritten(
  index: ClusterIndex,
  key: string,
  old?: VolumeAttachment,
  next?: VolumeAttachment,
) {
  const a = old?.spec.source.persistentVolumeName ?? undefined
  const b = next?.spec.source.persistentVolumeName ?? undefined
  if (a && a !== b) removeFrom(index.attachments, a, key)
  if (b) addTo(index.attachments, b, key)
  for (const pv of [a, b]) if (pv) markStorage(index, 'volumes', pv)
}

// ---- events ----

/** What makes two events the same occurrence (the event recorder's aggregation key). */
export function eventAggregateKey(e: Event): string {
  const o = e.involvedObject
  return `${o.uid}|${o.fieldPath ?? ''}|${e.reason}|${e.message}|${e.type}|${e.source?.component}|${e.source?.host}`
}

function eventWritten(index: ClusterIndex, key: string, old?: Event, next?: Event): void {
  if (old) {
    const info = index.eventInfo.get(key)!
    if (index.eventsByAggregate.get(info.aggregate) === key) index.eventsByAggregate.delete(info.aggregate)
    tally(index.eventReasons, info.reason, -1)
    index.eventInfo.delete(key)
  }
  if (next) {
    const info = { aggregate: eventAggregateKey(next), reason: `${next.involvedObject.uid}|${next.reason}` }
    index.eventInfo.set(key, info)
    index.eventsByAggregate.set(info.aggregate, key)
    tally(index.eventReasons, info.reason, 1)
  }
}
