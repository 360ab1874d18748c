// The resource types the lab's API servers serve, as discovery names them: kubectl resolves a typed
// word through plural, singular and short names (case-insensitive), optionally with `.group`.

export interface ResourceType {
  kind: string
  plural: string
  singular: string
  short: string[]
  group: string // '' for the core group
  namespaced: boolean
}

export const RESOURCE_TYPES: ResourceType[] = [
  { kind: 'Pod', plural: 'pods', singular: 'pod', short: ['po'], group: '', namespaced: true },
  { kind: 'Node', plural: 'nodes', singular: 'node', short: ['no'], group: '', namespaced: false },
  {
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    short: ['ns'],
    group: '',
    namespaced: false,
  },
  {
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    short: ['deploy'],
    group: 'apps',
    namespaced: true,
  },
  {
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    short: ['rs'],
    group: 'apps',
    namespaced: true,
  },
  {
    kind: 'DaemonSet',
    plural: 'daemonsets',
    singular: 'daemonset',
    short: ['ds'],
    group: 'apps',
    namespaced: true,
  },
  { kind: 'Service', plural: 'services', singular: 'service', short: ['svc'], group: '', namespaced: true },
  {
    kind: 'Endpoints',
    plural: 'endpoints',
    singular: 'endpoints',
    short: ['ep'],
    group: '',
    namespaced: true,
  },
  { kind: 'Event', plural: 'events', singular: 'event', short: ['ev'], group: '', namespaced: true },
  {
    kind: 'StatefulSet',
    plural: 'statefulsets',
    singular: 'statefulset',
    short: ['sts'],
    group: 'apps',
    namespaced: true,
  },
  { kind: 'Job', plural: 'jobs', singular: 'job', short: [], group: 'batch', namespaced: true },
  {
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    short: ['pvc'],
    group: '',
    namespaced: true,
  },
  {
    kind: 'PersistentVolume',
    plural: 'persistentvolumes',
    singular: 'persistentvolume',
    short: ['pv'],
    group: '',
    namespaced: false,
  },
  {
    kind: 'StorageClass',
    plural: 'storageclasses',
    singular: 'storageclass',
    short: ['sc'],
    group: 'storage.k8s.io',
    namespaced: false,
  },
]

export function resourceTypeOfKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((r) => r.kind === kind)
}

export function findResourceType(word: string): ResourceType | undefined {
  const lower = word.toLowerCase()
  const [name, ...groupParts] = lower.split('.')
  const group = groupParts.join('.')
  return RESOURCE_TYPES.find(
    (r) =>
      (r.plural === name || r.singular === name || r.short.includes(name!)) &&
      (group === '' || group === r.group || (r.group === '' && group === 'core')),
  )
}

/** `-o name` and error messages: `pod`, `deployment.apps`. */
export function qualifiedName(r: ResourceType, plural = false): string {
  const base = plural ? r.plural : r.singular
  return r.group === '' ? base : `${base}.${r.group}`
}
