import type { KubeObject } from '@shared/contract'
import { ageSince, humanDuration } from '@shared/kube-age'
import { byLastTimestamp } from '@shared/kube-events'
import {
  accessModes,
  at,
  externalIp,
  formatEndpoints,
  isDefaultClass,
  list,
  num,
  servicePorts,
  storageClassOf,
  str,
} from '@shared/kube-fields'
import { podRow } from '../kubeRows'

// The Kubernetes lists of the cluster page, as data: for each kind, kubectl get's columns (the
// default, not -o wide) and one row's cells. The renderer keeps its own copy of the few printer rules
// it needs; the cells both show come from @shared/kube-fields.

const age = (o: KubeObject, now: number) => ageSince(o.metadata.creationTimestamp, now)

const phase = (o: KubeObject) => (o.metadata.deletionTimestamp ? 'Terminating' : str(o, 'status.phase'))
/** A 1.20 server's COMPLETIONS: `1/3`, or `0/1 of 2` for a work queue run 2 at a time. */
function jobCompletions(o: KubeObject): string {
  const done = num(o, 'status.succeeded')
  if (at(o, 'spec.completions') !== undefined) return `${done}/${num(o, 'spec.completions')}`
  const parallelism = num(o, 'spec.parallelism')
  return parallelism > 1 ? `${done}/1 of ${parallelism}` : `${done}/1`
}

/** DURATION: start to completion, or to now while it runs; empty before it starts. */
function jobDuration(o: KubeObject, now: number): string {
  const start = str(o, 'status.startTime')
  const end = str(o, 'status.completionTime')
  return start ? humanDuration((end ? Date.parse(end) : now) - Date.parse(start)) : ''
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
  ReplicaSet: {
    kind: 'ReplicaSet',
    label: 'ReplicaSets',
    namespaced: true,
    scalable: true,
    columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
    row: (o, now) => [
      o.metadata.name,
      String(num(o, 'spec.replicas')),
      String(num(o, 'status.replicas')),
      String(num(o, 'status.readyReplicas')),
      age(o, now),
    ],
  },
  Job: {
    kind: 'Job',
    label: 'Jobs',
    namespaced: true,
    columns: ['NAME', 'COMPLETIONS', 'DURATION', 'AGE'],
    row: (o, now) => [o.metadata.name, jobCompletions(o), jobDuration(o, now), age(o, now)],
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
      servicePorts(o),
      age(o, now),
    ],
  },
  Endpoints: {
    kind: 'Endpoints',
    label: 'Endpoints',
    namespaced: true,
    columns: ['NAME', 'ENDPOINTS', 'AGE'],
    row: (o, now) => [o.metadata.name, formatEndpoints(o), age(o, now)],
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
  workloads: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'],
  services: ['Service', 'Endpoints'],
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
    .sort(byLastTimestamp)
}

/** The pods that mount a claim. */
export function podsUsingClaim(pods: KubeObject[], namespace: string, claim: string): KubeObject[] {
  return pods.filter(
    (p) =>
      p.metadata.namespace === namespace &&
      list(p, 'spec.volumes').some((v) => str(v, 'persistentVolumeClaim.claimName') === claim),
  )
}
