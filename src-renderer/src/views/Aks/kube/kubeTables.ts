import type { KubeObject } from '@shared/contract'
import { ageSince } from '@shared/kube-age'
import { podRow } from '../kubeRows'

// The Kubernetes lists of the cluster page, as data: for each kind, kubectl get's columns (the
// default, not -o wide) and one row's cells. The renderer keeps its own copy of the few printer rules
// it needs (the console's printers live in the engine).

type Obj = Record<string, unknown>

/** The value at a dotted path, or undefined. */
export function at(o: unknown, path: string): unknown {
  let v: unknown = o
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Obj)[k] : undefined
  return v
}
export const str = (o: unknown, path: string) => {
  const v = at(o, path)
  return typeof v === 'string' ? v : ''
}
export const num = (o: unknown, path: string) => {
  const v = at(o, path)
  return typeof v === 'number' ? v : 0
}
export const list = (o: unknown, path: string): Obj[] => {
  const v = at(o, path)
  return Array.isArray(v) ? (v as Obj[]) : []
}
const age = (o: KubeObject, now: number) => ageSince(o.metadata.creationTimestamp, now)

export function accessModes(modes: unknown): string {
  const have = Array.isArray(modes) ? (modes as string[]) : []
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ]
  return short
    .filter(([m]) => have.includes(m))
    .map(([, s]) => s)
    .join(',')
}
const phase = (o: KubeObject) => (o.metadata.deletionTimestamp ? 'Terminating' : str(o, 'status.phase'))
const storageClassOf = (o: KubeObject) =>
  ((o.metadata.annotations ?? {}) as Record<string, string>)['volume.beta.kubernetes.io/storage-class'] ??
  str(o, 'spec.storageClassName')
export function isDefaultClass(o: KubeObject): boolean {
  const a = (o.metadata.annotations ?? {}) as Record<string, string>
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  )
}

function externalIp(o: KubeObject): string {
  const type = str(o, 'spec.type') || 'ClusterIP'
  const external = (at(o, 'spec.externalIPs') as string[] | undefined) ?? []
  if (type === 'ExternalName') return str(o, 'spec.externalName')
  if (type === 'LoadBalancer') {
    const ips = [
      ...list(o, 'status.loadBalancer.ingress').map((i) => str(i, 'ip') || str(i, 'hostname')),
      ...external,
    ]
    return ips.length > 0 ? ips.join(',') : '<pending>'
  }
  return external.length > 0 ? external.join(',') : '<none>'
}
function ports(o: KubeObject): string {
  const ps = list(o, 'spec.ports').map((p) => {
    const proto = str(p, 'protocol') || 'TCP'
    return num(p, 'nodePort')
      ? `${num(p, 'port')}:${num(p, 'nodePort')}/${proto}`
      : `${num(p, 'port')}/${proto}`
  })
  return ps.length === 0 ? '<none>' : ps.join(',')
}

export interface KubeTable {
  kind: string
  label: string // the sub-navigation's name
  namespaced: boolean
  columns: string[] // after NAMESPACE (when namespaced); NAME first unless events
  row(o: KubeObject, now: number): string[]
  scalable?: boolean
}

export const KUBE_TABLES: Record<string, KubeTable> = {
  Pod: {
    kind: 'Pod',
    label: 'Pods',
    namespaced: true,
    columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE'],
    row: (o, now) => {
      const p = podRow(o, now)
      return [p.name, p.ready, p.status, String(p.restarts), p.age, p.node]
    },
  },
  Deployment: {
    kind: 'Deployment',
    label: 'Deployments',
    namespaced: true,
    scalable: true,
    columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`,
      String(num(o, 'status.updatedReplicas')),
      String(num(o, 'status.availableReplicas')),
      age(o, now),
    ],
  },
  StatefulSet: {
    kind: 'StatefulSet',
    label: 'StatefulSets',
    namespaced: true,
    scalable: true,
    columns: ['NAME', 'READY', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`,
      age(o, now),
    ],
  },
  DaemonSet: {
    kind: 'DaemonSet',
    label: 'DaemonSets',
    namespaced: true,
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      ...[
        'desiredNumberScheduled',
        'currentNumberScheduled',
        'numberReady',
        'updatedNumberScheduled',
        'numberAvailable',
      ].map((f) => String(num(o, `status.${f}`))),
      age(o, now),
    ],
  },
  Service: {
    kind: 'Service',
    label: 'Services',
    namespaced: true,
    columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      str(o, 'spec.type') || 'ClusterIP',
      str(o, 'spec.clusterIP') || '<none>',
      externalIp(o),
      ports(o),
      age(o, now),
    ],
  },
  PersistentVolumeClaim: {
    kind: 'PersistentVolumeClaim',
    label: 'Persistent volume claims',
    namespaced: true,
    columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE'],
    row: (o, now) => {
      const bound = str(o, 'spec.volumeName') !== ''
      return [
        o.metadata.name,
        phase(o),
        str(o, 'spec.volumeName'),
        bound ? str(o, 'status.capacity.storage') : '',
        bound ? accessModes(at(o, 'status.accessModes')) : '',
        storageClassOf(o),
        age(o, now),
      ]
    },
  },
  PersistentVolume: {
    kind: 'PersistentVolume',
    label: 'Persistent volumes',
    namespaced: false,
    columns: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'AGE'],
    row: (o, now) => {
      const claim = at(o, 'spec.claimRef')
      return [
        o.metadata.name,
        str(o, 'spec.capacity.storage'),
        accessModes(at(o, 'spec.accessModes')),
        str(o, 'spec.persistentVolumeReclaimPolicy'),
        phase(o),
        claim ? `${str(claim, 'namespace')}/${str(claim, 'name')}` : '',
        storageClassOf(o),
        age(o, now),
      ]
    },
  },
  StorageClass: {
    kind: 'StorageClass',
    label: 'Storage classes',
    namespaced: false,
    columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
    row: (o, now) => [
      isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
      str(o, 'provisioner'),
      str(o, 'reclaimPolicy') || 'Delete',
      str(o, 'volumeBindingMode') || 'Immediate',
      String(at(o, 'allowVolumeExpansion') === true),
      age(o, now),
    ],
  },
  Event: {
    kind: 'Event',
    label: 'Events',
    namespaced: true,
    columns: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    row: (o, now) => {
      const first = ageSince(str(o, 'firstTimestamp') || str(o, 'eventTime'), now)
      const last = str(o, 'lastTimestamp') ? ageSince(str(o, 'lastTimestamp'), now) : first
      const kind = str(o, 'involvedObject.kind').toLowerCase()
      const name = str(o, 'involvedObject.name')
      return [
        last,
        str(o, 'type'),
        str(o, 'reason'),
        name ? `${kind}/${name}` : kind,
        str(o, 'message').trim(),
      ]
    },
  },
}

/** The cluster page's Kubernetes tabs and the kinds each one lists (a sub-navigation when several). */
export const KUBE_TABS: Record<string, string[]> = {
  pods: ['Pod'],
  workloads: ['Deployment', 'StatefulSet', 'DaemonSet'],
  services: ['Service'],
  storage: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'],
  events: ['Event'],
}

/** The events about one object, newest last. */
export function eventsFor(events: KubeObject[], kind: string, namespace: string, name: string): KubeObject[] {
  return events
    .filter(
      (e) =>
        str(e, 'involvedObject.kind') === kind &&
        str(e, 'involvedObject.name') === name &&
        (str(e, 'involvedObject.namespace') || e.metadata.namespace || '') === namespace,
    )
    .sort((a, b) => str(a, 'lastTimestamp').localeCompare(str(b, 'lastTimestamp')))
}

/** The pods that mount a claim. */
export function podsUsingClaim(pods: KubeObject[], namespace: string, claim: string): KubeObject[] {
  return pods.filter(
    (p) =>
      p.metadata.namespace === namespace &&
      list(p, 'spec.volumes').some((v) => str(v, 'persistentVolumeClaim.claimName') === claim),
  )
}
