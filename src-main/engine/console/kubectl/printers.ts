import type { KubeObject } from '@shared/contract'
import { ageSince } from '@shared/kube-age'
import { at, dict, list, num, str, type Dict } from '@shared/kube-fields'
import { job, persistentVolume, persistentVolumeClaim, statefulSet, storageClass } from './printers-storage'
import { daemonset, deployment, endpoints, event, replicaset, service } from './printers-workloads'

// The kubernetes printers (pkg/printers/internalversion/printers.go, 1.32) for the kinds the lab
// has: column names, and each row's cells. `wide` columns sit where their definition puts them
// (events interleave theirs), so each printer returns the full row and a mask of wide columns.

export interface Printer {
  columns: string[]
  /** Indexes of columns that only -o wide shows. */
  wide: number[]
  row(o: KubeObject, now: number): string[]
}

const none = (s: string) => (s === '' ? '<none>' : s)

function podStatus(pod: KubeObject): { ready: number; total: number; reason: string } {
  const containers = list(pod, 'spec.containers')
  let reason = str(pod, 'status.reason') || str(pod, 'status.phase')
  let ready = 0
  let initializing = false
  const initStatuses = list(pod, 'status.initContainerStatuses')
  initStatuses.forEach((c, i) => {
    if (initializing) return
    const term = at(c, 'state.terminated')
    if (term && num(term, 'exitCode') === 0) return
    initializing = true
    if (term)
      reason = str(term, 'reason') ? `Init:${str(term, 'reason')}` : `Init:ExitCode:${num(term, 'exitCode')}`
    else if (str(c, 'state.waiting.reason') && str(c, 'state.waiting.reason') !== 'PodInitializing')
      reason = `Init:${str(c, 'state.waiting.reason')}`
    else reason = `Init:${i}/${list(pod, 'spec.initContainers').length}`
  })
  if (!initializing) {
    let hasRunning = false
    for (const c of [...list(pod, 'status.containerStatuses')].reverse()) {
      const waiting = str(c, 'state.waiting.reason')
      const term = at(c, 'state.terminated')
      if (waiting) reason = waiting
      else if (term && str(term, 'reason')) reason = str(term, 'reason')
      else if (term)
        reason = num(term, 'signal') ? `Signal:${num(term, 'signal')}` : `ExitCode:${num(term, 'exitCode')}`
      else if (at(c, 'ready') === true && at(c, 'state.running')) {
        hasRunning = true
        ready++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const readyCond = list(pod, 'status.conditions').some((c) => c.type === 'Ready' && c.status === 'True')
      reason = readyCond ? 'Running' : 'NotReady'
    }
  }
  if (at(pod, 'metadata.deletionTimestamp')) reason = reason === 'NodeLost' ? 'Unknown' : 'Terminating'
  return { ready, total: containers.length, reason }
}

function podRestarts(pod: KubeObject, now: number): string {
  let restarts = 0
  let last = ''
  for (const c of list(pod, 'status.containerStatuses')) {
    restarts += num(c, 'restartCount')
    const finished = str(c, 'lastState.terminated.finishedAt')
    if (finished > last) last = finished
  }
  return restarts !== 0 && last ? `${restarts} (${ageSince(last, now)} ago)` : String(restarts)
}

const age = (o: KubeObject, now: number) => ageSince(o.metadata.creationTimestamp, now)

const pod: Printer = {
  columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  wide: [5, 6, 7, 8],
  row(o, now) {
    const s = podStatus(o)
    const gates = list(o, 'spec.readinessGates')
    const gateCells = gates.length === 0 ? '<none>' : `${readyGates(o, gates)}/${gates.length}`
    return [
      o.metadata.name,
      `${s.ready}/${s.total}`,
      s.reason,
      podRestarts(o, now),
      age(o, now),
      none(str(list(o, 'status.podIPs')[0], 'ip') || str(o, 'status.podIP')),
      none(str(o, 'spec.nodeName')),
      none(str(o, 'status.nominatedNodeName')),
      gateCells,
    ]
  },
}

function readyGates(o: KubeObject, gates: Dict[]): number {
  const conditions = list(o, 'status.conditions')
  return gates.filter((g) => conditions.some((c) => c.type === g.conditionType && c.status === 'True')).length
}

/** findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role's value, sorted. */
export function nodeRoles(o: KubeObject): string {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(dict(o, 'metadata.labels'))) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length)
      roles.add(k.slice('node-role.kubernetes.io/'.length))
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v)
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',')
}

export function nodeStatus(o: KubeObject): string {
  const ready = list(o, 'status.conditions').find((c) => c.type === 'Ready')
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (at(o, 'spec.unschedulable') === true) status.push('SchedulingDisabled')
  return status.join(',')
}

const address = (o: KubeObject, type: string) =>
  none(
    str(
      list(o, 'status.addresses').find((a) => a.type === type),
      'address',
    ),
  )
const unknown = (s: string) => (s === '' ? '<unknown>' : s)

const node: Printer = {
  columns: [
    'NAME',
    'STATUS',
    'ROLES',
    'AGE',
    'VERSION',
    'INTERNAL-IP',
    'EXTERNAL-IP',
    'OS-IMAGE',
    'KERNEL-VERSION',
    'CONTAINER-RUNTIME',
  ],
  wide: [5, 6, 7, 8, 9],
  row: (o, now) => [
    o.metadata.name,
    nodeStatus(o),
    nodeRoles(o),
    age(o, now),
    str(o, 'status.nodeInfo.kubeletVersion'),
    address(o, 'InternalIP'),
    address(o, 'ExternalIP'),
    unknown(str(o, 'status.nodeInfo.osImage')),
    unknown(str(o, 'status.nodeInfo.kernelVersion')),
    unknown(str(o, 'status.nodeInfo.containerRuntimeVersion')),
  ],
}

const namespace: Printer = {
  columns: ['NAME', 'STATUS', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name, str(o, 'status.phase'), age(o, now)],
}

const configMap: Printer = {
  columns: ['NAME', 'DATA', 'AGE'],
  wide: [],
  row: (o, now) => [
    o.metadata.name,
    String(Object.keys(dict(o, 'data')).length + Object.keys(dict(o, 'binaryData')).length),
    age(o, now),
  ],
}

const secret: Printer = {
  columns: ['NAME', 'TYPE', 'DATA', 'AGE'],
  wide: [],
  row: (o, now) => [
    o.metadata.name,
    str(o, 'type'),
    String(Object.keys(dict(o, 'data')).length),
    age(o, now),
  ],
}

export const PRINTERS: Record<string, Printer> = {
  Pod: pod,
  Node: node,
  Namespace: namespace,
  ConfigMap: configMap,
  Secret: secret,
  Deployment: deployment,
  ReplicaSet: replicaset,
  DaemonSet: daemonset,
  Service: service,
  Endpoints: endpoints,
  Event: event,
  StatefulSet: statefulSet,
  Job: job,
  PersistentVolume: persistentVolume,
  PersistentVolumeClaim: persistentVolumeClaim,
  StorageClass: storageClass,
}
