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

/** A cluster's objects of one kind, sorted by namespace then name, as kubectl lists them. */
export function listKube<T = KubeObject>(view: Pick<LabView, 'kube'>, clusterId: string, q: KubeQuery): T[] {
  const prefix =
    q.namespace === undefined ? `${clusterId}/${q.kind}/` : `${clusterId}/${q.kind}/${q.namespace}/`
  const out: KubeObject[] = []
  for (const [key, obj] of Object.entries(view.kube))
    if (key.startsWith(prefix) && (!q.selector || labelsMatch(labelsOf(obj), q.selector))) out.push(obj)
  out.sort(
    (a, b) =>
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  )
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
