// The kinds the simulated API server serves, as kubectl's REST mapping knows them: group/version,
// plural resource name and scope. Pure, shared by the engine (apply, delete) and kubectl's printing
// (`deployment.apps/demo2 created`).

export interface KindInfo {
  kind: string
  apiVersion: string // group/version, 'v1' for the core group
  plural: string // the REST resource, 'pods'
  namespaced: boolean
  aliases: string[] // what kubectl accepts for TYPE: singular, short names
}

const k = (kind: string, apiVersion: string, plural: string, namespaced: boolean, aliases: string[]) => ({
  kind,
  apiVersion,
  plural,
  namespaced,
  aliases,
})

export const KINDS: readonly KindInfo[] = [
  k('Pod', 'v1', 'pods', true, ['pod', 'po']),
  k('Service', 'v1', 'services', true, ['service', 'svc']),
  k('Endpoints', 'v1', 'endpoints', true, ['endpoints', 'ep']),
  k('Namespace', 'v1', 'namespaces', false, ['namespace', 'ns']),
  k('ConfigMap', 'v1', 'configmaps', true, ['configmap', 'cm']),
  k('Secret', 'v1', 'secrets', true, ['secret']),
  k('PersistentVolumeClaim', 'v1', 'persistentvolumeclaims', true, ['persistentvolumeclaim', 'pvc']),
  k('PersistentVolume', 'v1', 'persistentvolumes', false, ['persistentvolume', 'pv']),
  k('Node', 'v1', 'nodes', false, ['node', 'no']),
  k('Deployment', 'apps/v1', 'deployments', true, ['deployment', 'deploy']),
  k('ReplicaSet', 'apps/v1', 'replicasets', true, ['replicaset', 'rs']),
  k('StatefulSet', 'apps/v1', 'statefulsets', true, ['statefulset', 'sts']),
  k('DaemonSet', 'apps/v1', 'daemonsets', true, ['daemonset', 'ds']),
  k('Job', 'batch/v1', 'jobs', true, ['job']),
  k('Event', 'v1', 'events', true, ['event', 'ev']),
  k('StorageClass', 'storage.k8s.io/v1', 'storageclasses', false, ['storageclass', 'sc']),
]

/** The kinds a manifest may create (Nodes register themselves; Events are the components'). */
export const APPLIABLE_KINDS: ReadonlySet<string> = new Set(
  KINDS.filter((x) => x.kind !== 'Node' && x.kind !== 'Event').map((x) => x.kind),
)

export function kindInfo(kind: string): KindInfo | undefined {
  return KINDS.find((x) => x.kind === kind)
}

/** A kind from what kubectl accepts as TYPE: `pods`, `pod`, `po`, `Deployment`, `deployment.apps`. */
export function kindFromType(type: string): KindInfo | undefined {
  const t = type.toLowerCase().replace(/\.(apps|batch|storage\.k8s\.io)$/, '')
  return KINDS.find((x) => x.kind.toLowerCase() === t || x.plural === t || x.aliases.includes(t))
}

/** `pod`, `deployment.apps`, `storageclass.storage.k8s.io`: how kubectl names a resource in its output. */
export function resourceLabel(kind: string): string {
  const info = kindInfo(kind)
  const group = info?.apiVersion.includes('/') ? `.${info.apiVersion.split('/')[0]}` : ''
  return `${kind.toLowerCase()}${group}`
}

export function pluralOf(kind: string): string {
  return kindInfo(kind)?.plural ?? `${kind.toLowerCase()}s`
}
