import type { KubeObject, LabView } from './contract'

// Reading a workload cluster's Kubernetes objects out of LabView.kube: keys, lookups and label
// selectors. Pure, shared by the engine's store, kubectl in the console and the renderer.

/** `<clusterId>/<kind>/<namespace>/<name>`; namespace '' for cluster-scoped kinds (Node, Namespace). */
export function kubeKey(clusterId: string, kind: string, namespace: string, name: string): string {
  return `${clusterId}/${kind}/${namespace}/${name}`
}

export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Node',
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'VolumeAttachment',
])

export interface KubeQuery {
  kind: string
  namespace?: string // omitted: all namespaces
  selector?: Record<string, string> // matchLabels
}

export function labelsMatch(
  labels: Record<string, string> | undefined,
  selector: Record<string, string>,
): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v)
}

/**
 * An index of a tracked `kube` table: `<clusterId>/<kind>/` → its keys, in the table's own key order
 * (the engine's Tx keeps it in step with every put, remove and undo). Untracked tables (the
 * renderer's view, snapshots) are scanned. A lookup aid only: results are the same either way.
 */
const kubeIndexes = new WeakMap<object, Map<string, Set<string>>>()
/** Per tracked table and group: its keys in listing order (an object's namespace and name never change under its key); dropped when a key comes or goes. */
const sortedGroups = new WeakMap<object, Map<string, string[]>>()

function groupOf(key: string): string {
  const a = key.indexOf('/')
  return key.slice(0, key.indexOf('/', a + 1) + 1)
}

/** Starts indexing a table (the engine's live state.kube); no-op when already tracked. */
export function trackKube(table: object): void {
  if (kubeIndexes.has(table)) return
  const index = new Map<string, Set<string>>()
  kubeIndexes.set(table, index)
  for (const key of Object.keys(table)) kubeIndexAdd(table, key)
}

/** Records that `key` was added to (or moved to the end of) a tracked table. */
export function kubeIndexAdd(table: object, key: string): void {
  const index = kubeIndexes.get(table)
  if (!index) return
  const group = groupOf(key)
  let keys = index.get(group)
  if (!keys) index.set(group, (keys = new Set()))
  keys.add(key)
  sortedGroups.get(table)?.delete(group)
}

/** Records that `key` was deleted from a tracked table. */
export function kubeIndexRemove(table: object, key: string): void {
  const group = groupOf(key)
  kubeIndexes.get(table)?.get(group)?.delete(key)
  sortedGroups.get(table)?.delete(group)
}

/** A tracked table's keys of one cluster and kind, in insertion order; undefined when untracked. */
export function kubeGroupKeys(
  table: object,
  clusterId: string,
  kind: string,
): ReadonlySet<string> | undefined {
  const index = kubeIndexes.get(table)
  return index && (index.get(`${clusterId}/${kind}/`) ?? new Set())
}

function sortedKeys(
  table: Record<string, KubeObject>,
  index: Map<string, Set<string>>,
  group: string,
): string[] {
  let cache = sortedGroups.get(table)
  if (!cache) sortedGroups.set(table, (cache = new Map()))
  let keys = cache.get(group)
  if (!keys) {
    const objs = [...(index.get(group) ?? [])].map((key) => ({ key, obj: table[key]! }))
    objs.sort((a, b) => byNamespaceAndName(a.obj, b.obj))
    cache.set(group, (keys = objs.map((o) => o.key)))
  }
  return keys
}

const collator = new Intl.Collator()

/** a-z, 0-9, '-' and '.': what DNS-1123 names are made of; the collator orders them as their code units. */
const plain = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46

/**
 * The collator's order of two strings (kubectl's listing order). Where they first differ in plain
 * characters (every Kubernetes name), that difference decides and the collator is not asked: it is
 * the hot path of every sorted listing.
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  let i = 0
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++
  if (i === a.length && i === b.length) return 0
  const ca = i < a.length ? a.charCodeAt(i) : -1
  const cb = i < b.length ? b.charCodeAt(i) : -1
  if ((ca < 0 || plain(ca)) && (cb < 0 || plain(cb))) return ca < cb ? -1 : 1
  return collator.compare(a, b)
}

export const byNamespaceAndName = (a: KubeObject, b: KubeObject) =>
  compareNames(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
  compareNames(a.metadata.name, b.metadata.name)

/** A cluster's objects of one kind, sorted by namespace then name, as kubectl lists them. */
export function listKube<T = KubeObject>(view: Pick<LabView, 'kube'>, clusterId: string, q: KubeQuery): T[] {
  const prefix =
    q.namespace === undefined ? `${clusterId}/${q.kind}/` : `${clusterId}/${q.kind}/${q.namespace}/`
  const out: KubeObject[] = []
  const table = view.kube as Record<string, KubeObject>
  const index = kubeIndexes.get(table)
  if (index) {
    for (const key of sortedKeys(table, index, `${clusterId}/${q.kind}/`)) {
      if (!key.startsWith(prefix)) continue
      const obj = table[key]!
      if (!q.selector || labelsMatch(labelsOf(obj), q.selector)) out.push(obj)
    }
    return out as T[]
  }
  for (const [key, obj] of Object.entries(table))
    if (key.startsWith(prefix) && (!q.selector || labelsMatch(labelsOf(obj), q.selector))) out.push(obj)
  out.sort(byNamespaceAndName)
  return out as T[]
}

export function getKube<T = KubeObject>(
  view: Pick<LabView, 'kube'>,
  clusterId: string,
  kind: string,
  namespace: string,
  name: string,
): T | undefined {
  return view.kube[kubeKey(clusterId, kind, namespace, name)] as T | undefined
}

export function labelsOf(obj: KubeObject): Record<string, string> | undefined {
  return obj.metadata.labels as Record<string, string> | undefined
}

/** The id of the cluster a kubeconfig context (a cluster name) points at. */
export function clusterIdByName(view: Pick<LabView, 'aksClusters'>, name: string): string | undefined {
  return Object.values(view.aksClusters).find((c) => c.name === name)?.id
}
