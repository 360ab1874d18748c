import type { KubeObject } from '@shared/contract'
import { kubeIndexAdd, kubeIndexRemove, trackKube } from '@shared/kube'
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { VolumeAttachment } from 'kubernetes-types/storage/v1'
import { addTo, mark, markOwner, markStorage, removeFrom } from './derived-marks'
import { podWritten, serviceWritten, type PodFacts } from './derived-pods'
import type { LoadOrder } from './scheduler-order'

export { podRequests } from './derived-pods'

// Indexes derived from the live `kube` table, kept in step with every write (and its undo) by the
// Tx, so the controllers never scan every pod per event: pods by owner and by node, each node's
// requested resources, the unscheduled pods. And each cluster's "dirt":
// what changed since its controllers last ran, so reconcile visits only the owners whose inputs moved.
// Nothing here is state: a table met for the first time (a lab just loaded) is indexed from scratch
// and marked all-dirty, so its first reconcile looks at everything, as a full reconcile would.

export interface NodeUsage {
  pods: number // every pod bound to the node
  active: number // not Succeeded/Failed: what counts against max pods and requests
  cpu: number
  memory: number
  podIps: Map<number, number> // last octets in use of the node's pod /24 (hostNetwork pods aside)
  freeIpFrom: number // no octet below it is free (where the search for a free one starts)
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
  endpoints: Set<string> // keys of Services whose selected pods or selves changed
  newPods: Set<string> // keys of pods created unscheduled
}

export interface ClusterIndex {
  podsByOwner: Map<string, Set<string>>
  podFacts: Map<string, PodFacts> // what the indexes keep of each stored pod, by key
  podKeys: Map<string, string> // pod uid → key
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
  workloads: Map<string, string> // uid of a ReplicaSet, Deployment, DaemonSet, StatefulSet or Job → key
  setsByOwner: Map<string, Set<string>> // Deployment uid → its ReplicaSets' keys
  serviceSelectors: Map<string, { namespace: string; selector: Record<string, string> }> // by Service key
  serviceMembers: Map<string, Set<string>> // Service key → keys of the pods its selector selects
  nodeList?: KubeObject[] // the nodes in listing order, until a node is written
  nodesByName?: { list: KubeObject[]; byName: Map<string, KubeObject> } // of that list
  loadOrder?: LoadOrder // the nodes as the scheduler prefers them (scheduler-order.ts)
  loadMoved: Set<string> // nodes whose pod count changed since loadOrder was last sorted
  dirt: Dirt // changes since the last reconcile pass began: the next pass's work
  pass?: Dirt // during a pass: what it started with plus what changed since
  createdInPass: number // pods the controllers created in the current pass (owned.ts: the burst)
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
  endpoints: new Set(),
  newPods: new Set(),
})

function newIndex(): ClusterIndex {
  return {
    podsByOwner: new Map(),
    podFacts: new Map(),
    podKeys: new Map(),
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
    workloads: new Map(),
    setsByOwner: new Map(),
    serviceSelectors: new Map(),
    serviceMembers: new Map(),
    loadMoved: new Set(),
    createdInPass: 0,
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
  index.createdInPass = 0
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
  for (const set of [pass.claims, pass.volumes, pass.owners, pass.newPods, pass.endpoints]) set.clear()
  index.spare = pass
}

const ownersOf = (obj: KubeObject | undefined): string[] =>
  ((obj?.metadata.ownerReferences as { uid: string }[] | undefined) ?? []).map((r) => r.uid)

function derive(table: object, key: string, old?: KubeObject, next?: KubeObject): void {
  if (!tables.has(table)) return
  const slash = key.indexOf('/')
  // Keys are `<cluster>/<kind>/…`: the hot path writes one cluster's objects, whose kind they carry.
  const index =
    last && last.table === table && last.clusterId.length === slash && key.startsWith(last.clusterId)
      ? last.index
      : clusterIndex(table, key.slice(0, slash))
  const kind = (next ?? old)?.kind ?? key.slice(slash + 1, key.indexOf('/', slash + 1))
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
    case 'Job':
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
      serviceWritten(table, index, key, next)
      return mark(index, 'services')
  }
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
