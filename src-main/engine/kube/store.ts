import type { KubeObject } from '@shared/contract'
import { CLUSTER_SCOPED_KINDS, getKube, kubeKey, listKube, type KubeQuery } from '@shared/kube'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import type { Stored } from './objects'
import { clusterIndex, type ClusterIndex } from './derived'

// The Kubernetes object store of the workload clusters: `state.kube`, written only through the Tx so
// a failed command leaves no object behind. Like the API server, every write gets the cluster's next
// resourceVersion, and a create gets a uid and a creationTimestamp (the virtual clock, seconds).

/**
 * An object as a handler builds it (a kubernetes-types shape, whose fields are all optional): kind
 * and metadata.name are required; putObject fills in the server-set uid, resourceVersion and
 * creationTimestamp.
 */
export interface NewObject {
  apiVersion?: string
  kind?: string
  metadata?: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string }
}

let lastSecond = NaN
let lastText = ''

/** RFC 3339 at second precision, as the API server writes timestamps (the last one remembered). */
export function kubeTime(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z')
    lastSecond = second
  }
  return lastText
}

/** The cluster's next resourceVersion (its counter, bumped in this transaction's own copy). */
export function nextResourceVersion(tx: Tx, clusterId: string): string {
  const cluster = tx.own('aksClusters', clusterId)
  if (!cluster) throw new Error(`No workload cluster '${clusterId}'`)
  return String(++cluster.resourceVersion)
}

function keyOf(clusterId: string, obj: { kind: string; metadata: { name: string; namespace?: string } }) {
  const ns = CLUSTER_SCOPED_KINDS.has(obj.kind) ? '' : (obj.metadata.namespace ?? 'default')
  return kubeKey(clusterId, obj.kind, ns, obj.metadata.name)
}

/** An update of a stored pod: its key from the index (the hot path writes pods several times each). */
function storedPodKey(tx: Tx, clusterId: string, obj: NewObject): string | undefined {
  const uid = obj.metadata?.uid
  if (obj.kind !== 'Pod' || !uid) return undefined
  const key = clusterIndex(tx.state.kube, clusterId).podKeys.get(uid)
  const stored = key === undefined ? undefined : tx.state.kube[key]
  const same =
    stored !== undefined &&
    stored.metadata.name === obj.metadata!.name &&
    stored.metadata.namespace === obj.metadata!.namespace
  return same ? key : undefined
}

/** Creates or replaces an object (a new value, never mutated); returns what was stored. */
export function putObject<T extends NewObject>(tx: Tx, clusterId: string, obj: T): T & KubeObject {
  if (!obj.kind || !obj.metadata?.name) throw new Error('A Kubernetes object needs a kind and a name')
  const key =
    storedPodKey(tx, clusterId, obj) ??
    keyOf(clusterId, obj as { kind: string; metadata: { name: string; namespace?: string } })
  const old = tx.get('kube', key)
  const metadata = {
    ...obj.metadata,
    uid: old?.metadata.uid ?? obj.metadata.uid ?? tx.rng.guid(),
    creationTimestamp: old?.metadata.creationTimestamp ?? obj.metadata.creationTimestamp ?? kubeTime(tx.now),
    resourceVersion: nextResourceVersion(tx, clusterId),
  }
  const stored = { ...obj, metadata } as T & KubeObject
  tx.put('kube', key, stored)
  return stored
}

/** Applies `patch` to a stored object's copy and stores it; no-op when it is gone. */
export function updateObject<T extends KubeObject>(
  tx: Tx,
  clusterId: string,
  kind: string,
  namespace: string,
  name: string,
  patch: (obj: T) => T,
): T | undefined {
  const obj = getObject<T>(tx, clusterId, kind, namespace, name)
  return obj ? (putObject(tx, clusterId, patch(obj)) as T) : undefined
}

export function getObject<T = KubeObject>(
  tx: Tx,
  clusterId: string,
  kind: string,
  namespace: string,
  name: string,
): T | undefined {
  if (kind === 'Event') tx.flush() // the event log (event-log.ts) holds recent writes back
  return getKube<T>(tx.state, clusterId, kind, namespace, name)
}

export function listObjects<T = KubeObject>(tx: Tx, clusterId: string, q: KubeQuery): T[] {
  if (q.kind === 'Event') tx.flush() // the event log (event-log.ts) holds recent writes back
  return listKube<T>(tx.state, clusterId, q)
}

export function deleteObject(tx: Tx, clusterId: string, kind: string, namespace: string, name: string): void {
  if (kind === 'Event') tx.flush() // the event log (event-log.ts) holds recent writes back
  tx.remove('kube', kubeKey(clusterId, kind, namespace, name))
}

/** Removes every object of a cluster (Remove-AksHciCluster). */
export function deleteClusterObjects(tx: Tx, clusterId: string): void {
  tx.flush()
  const prefix = `${clusterId}/`
  for (const key of Object.keys(tx.state.kube)
    .filter((k) => k.startsWith(prefix))
    .sort())
    tx.remove('kube', key)
}

/** The pod with this uid (a scheduled event's subject), if it still exists. */
export function podByUid(tx: Tx, clusterId: string, uid: string): Stored<Pod> | undefined {
  const key = clusterIndex(tx.state.kube, clusterId).podKeys.get(uid)
  return key === undefined ? undefined : (tx.state.kube[key] as Stored<Pod> | undefined)
}

/** Any object of the cluster with this uid (a failed step's subject: asked rarely, so pods and workloads by index, the rest by a scan). */
export function objectByUid(tx: Tx, clusterId: string, uid: string): KubeObject | undefined {
  const index = clusterIndex(tx.state.kube, clusterId)
  const key = index.podKeys.get(uid) ?? index.workloads.get(uid)
  if (key !== undefined) return tx.state.kube[key]
  const prefix = `${clusterId}/`
  for (const [k, obj] of Object.entries(tx.state.kube))
    if (k.startsWith(prefix) && obj.metadata?.uid === uid) return obj
  return undefined
}

/** A node by name, from the cluster's node list (kept until a node is written). */
export function nodeNamed(tx: Tx, clusterId: string, name: string): Stored<Node> | undefined {
  const index = clusterIndex(tx.state.kube, clusterId)
  const nodes = (index.nodeList ??= listObjects(tx, clusterId, { kind: 'Node' }))
  if (index.nodesByName?.list !== nodes)
    index.nodesByName = { list: nodes, byName: new Map(nodes.map((n) => [n.metadata.name, n])) }
  return index.nodesByName.byName.get(name) as Stored<Node> | undefined
}

/** The cluster's derived indexes (pods by owner and node, node usage, dirt: see derived.ts). */
export function clusterIndexOf(tx: Tx, clusterId: string): ClusterIndex {
  return clusterIndex(tx.state.kube, clusterId)
}

/** The objects under some keys of the table (an index's set), in the set's order. */
export function objectsAt<T = KubeObject>(tx: Tx, keys: Iterable<string> | undefined): T[] {
  const out: T[] = []
  for (const key of keys ?? []) out.push(tx.state.kube[key] as T)
  return out
}
