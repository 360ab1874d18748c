import type { KubeObject } from '@shared/contract'
import { ageSince } from '@shared/kube-age'
import {
  at,
  containersAndImages,
  dict,
  externalIp,
  formatLabels,
  formatEndpoints,
  formatSelector,
  num,
  servicePorts,
  str,
} from '@shared/kube-fields'
import type { Printer } from './printers'

// The printers of workload and service kinds (printers.go 1.32): deployments, replica sets,
// daemon sets, services, events.

const age = (o: KubeObject, now: number) => ageSince(o.metadata.creationTimestamp, now)
const none = (s: string) => (s === '' ? '<none>' : s)

const template = (o: KubeObject) => containersAndImages(at(o, 'spec.template.spec'))

export const deployment: Printer = {
  columns: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
  wide: [5, 6, 7],
  row: (o, now) => [
    o.metadata.name,
    `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`,
    String(num(o, 'status.updatedReplicas')),
    String(num(o, 'status.availableReplicas')),
    age(o, now),
    ...template(o),
    formatSelector(at(o, 'spec.selector')),
  ],
}

export const replicaset: Printer = {
  columns: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
  wide: [5, 6, 7],
  row: (o, now) => [
    o.metadata.name,
    String(num(o, 'spec.replicas')),
    String(num(o, 'status.replicas')),
    String(num(o, 'status.readyReplicas')),
    age(o, now),
    ...template(o),
    formatSelector(at(o, 'spec.selector')),
  ],
}

export const daemonset: Printer = {
  columns: [
    'NAME',
    'DESIRED',
    'CURRENT',
    'READY',
    'UP-TO-DATE',
    'AVAILABLE',
    'NODE SELECTOR',
    'AGE',
    'CONTAINERS',
    'IMAGES',
    'SELECTOR',
  ],
  wide: [8, 9, 10],
  row: (o, now) => [
    o.metadata.name,
    ...[
      'desiredNumberScheduled',
      'currentNumberScheduled',
      'numberReady',
      'updatedNumberScheduled',
      'numberAvailable',
    ].map((f) => String(num(o, `status.${f}`))),
    formatLabels(dict(o, 'spec.template.spec.nodeSelector')),
    age(o, now),
    ...template(o),
    formatSelector(at(o, 'spec.selector')),
  ],
}

export const service: Printer = {
  columns: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
  wide: [6],
  row: (o, now) => [
    o.metadata.name,
    str(o, 'spec.type') || 'ClusterIP',
    none(str(o, 'spec.clusterIP')),
    externalIp(o),
    servicePorts(o),
    age(o, now),
    formatLabels(dict(o, 'spec.selector')),
  ],
}

export const endpoints: Printer = {
  columns: ['NAME', 'ENDPOINTS', 'AGE'],
  wide: [],
  row: (o, now) => [o.metadata.name, formatEndpoints(o), age(o, now)],
}

function eventTimes(o: KubeObject, now: number): { first: string; last: string; count: number } {
  const first = str(o, 'firstTimestamp')
    ? ageSince(str(o, 'firstTimestamp'), now)
    : ageSince(str(o, 'eventTime'), now)
  let last = str(o, 'lastTimestamp') ? ageSince(str(o, 'lastTimestamp'), now) : first
  let count = num(o, 'count')
  if (at(o, 'series')) {
    last = ageSince(str(o, 'series.lastObservedTime'), now)
    count = num(o, 'series.count')
  } else if (count === 0) count = 1
  return { first, last, count }
}

export const event: Printer = {
  columns: [
    'LAST SEEN',
    'TYPE',
    'REASON',
    'OBJECT',
    'SUBOBJECT',
    'SOURCE',
    'MESSAGE',
    'FIRST SEEN',
    'COUNT',
    'NAME',
  ],
  wide: [4, 5, 7, 8, 9],
  row(o, now) {
    const t = eventTimes(o, now)
    const kind = str(o, 'involvedObject.kind').toLowerCase()
    const name = str(o, 'involvedObject.name')
    const component = str(o, 'source.component') || str(o, 'reportingComponent')
    const host = str(o, 'source.host') || str(o, 'reportingInstance')
    return [
      t.last,
      str(o, 'type'),
      str(o, 'reason'),
      name ? `${kind}/${name}` : kind,
      str(o, 'involvedObject.fieldPath'),
      host ? `${component}, ${host}` : component,
      str(o, 'message').trim(),
      t.first,
      String(t.count),
      o.metadata.name,
    ]
  },
}
