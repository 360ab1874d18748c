import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'
import { NativeError } from '../errors'
import { at, dict, labelsOf, list, num, str, type Dict } from '@shared/kube-fields'
import type { Parsed } from './args'
import {
  commandLines,
  envAndMountLines,
  eventsSection,
  multiline,
  ports,
  rfc1123z,
  sortedPairs,
  tolerationLines,
  volumeLines,
} from './describe-common'
import { describeNamespace, describeService, describeStorageClass } from './describe-services'
import { describePv, describePvc } from './describe-storage'
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  describeStatefulSet,
} from './describe-workloads'
import { nodeRoles } from './printers'
import { findResourceType, qualifiedName } from './resources'
import { describeJob } from './jobs'
import { parseSelector } from './selector'
import { currentCluster, objectsOf } from './store'
import { tabwrite } from './table'

// kubectl describe node|pod|pvc|pv (k8s.io/kubectl/pkg/describe), a faithful subset: the sections the
// lab's objects carry, in kubectl's order and layout (tabwriter padding 2, two-space levels). Left
// out: a node's Non-terminated Pods / Allocated resources, a pod's Volumes and Tolerations, a
// claim's DataSource and Conditions, PV sources other than CSI.

function containerState(c: Dict, key: 'state' | 'lastState', title: string): string[] {
  const s = dict(c, key) as unknown as Dict
  const [name] = Object.keys(s)
  if (!name) return key === 'state' ? [`    ${title}:\tWaiting`] : []
  const detail = s[name] as Dict
  const label = name[0]!.toUpperCase() + name.slice(1)
  const lines = [`    ${title}:\t${label}`]
  if (str(detail, 'reason')) lines.push(`      Reason:\t${str(detail, 'reason')}`)
  if (name === 'terminated') lines.push(`      Exit Code:\t${num(detail, 'exitCode')}`)
  if (str(detail, 'startedAt')) lines.push(`      Started:\t${rfc1123z(str(detail, 'startedAt'))}`)
  if (str(detail, 'finishedAt')) lines.push(`      Finished:\t${rfc1123z(str(detail, 'finishedAt'))}`)
  return lines
}

function describePod(o: KubeObject): string[] {
  const node = str(o, 'spec.nodeName')
  const owner = list(o, 'metadata.ownerReferences').find((r) => r.controller === true)
  const statuses = new Map(list(o, 'status.containerStatuses').map((c) => [str(c, 'name'), c]))
  const lines = [
    `Name:\t${o.metadata.name}`,
    `Namespace:\t${o.metadata.namespace ?? ''}`,
    `Priority:\t${num(o, 'spec.priority')}`,
    ...(str(o, 'spec.priorityClassName')
      ? [`Priority Class Name:\t${str(o, 'spec.priorityClassName')}`]
      : []),
    `Service Account:\t${str(o, 'spec.serviceAccountName') || 'default'}`,
    `Node:\t${node ? `${node}/${str(o, 'status.hostIP')}` : '<none>'}`,
    ...(str(o, 'status.startTime') ? [`Start Time:\t${rfc1123z(str(o, 'status.startTime'))}`] : []),
    ...multiline('Labels', sortedPairs(dict(o, 'metadata.labels'), '=')),
    ...multiline('Annotations', sortedPairs(dict(o, 'metadata.annotations'), ': ')),
    `Status:\t${str(o, 'status.phase')}`,
    `IP:\t${str(o, 'status.podIP')}`,
    'IPs:',
    ...list(o, 'status.podIPs').map((ip) => `  IP:\t${str(ip, 'ip')}`),
    ...(owner ? [`Controlled By:\t${str(owner, 'kind')}/${str(owner, 'name')}`] : []),
    'Containers:',
  ]
  if (list(o, 'status.podIPs').length === 0) lines.splice(lines.indexOf('IPs:'), 1, 'IPs:\t<none>')
  for (const c of list(o, 'spec.containers')) {
    const s = statuses.get(str(c, 'name'))
    lines.push(
      `  ${str(c, 'name')}:`,
      ...(s ? [`    Container ID:\t${str(s, 'containerID')}`] : []),
      `    Image:\t${str(c, 'image')}`,
      ...(s ? [`    Image ID:\t${str(s, 'imageID')}`] : []),
      ports(c, 'containerPort', 'Port'),
      ports(c, 'hostPort', 'Host Port'),
      ...commandLines(c),
      ...(s
        ? [
            ...containerState(s, 'state', 'State'),
            ...(at(s, 'lastState.terminated') ? containerState(s, 'lastState', 'Last State') : []),
            `    Ready:\t${at(s, 'ready') === true ? 'True' : 'False'}`,
            `    Restart Count:\t${num(s, 'restartCount')}`,
          ]
        : []),
      ...envAndMountLines(c),
    )
  }
  const conditions = list(o, 'status.conditions')
  if (conditions.length > 0)
    lines.push(
      'Conditions:',
      '  Type\tStatus',
      ...conditions.map((c) => `  ${str(c, 'type')} \t${str(c, 'status')} `),
    )
  lines.push(...volumeLines(list(o, 'spec.volumes'), ''))
  lines.push(`QoS Class:\t${str(o, 'status.qosClass') || 'BestEffort'}`)
  lines.push(...multiline('Node-Selectors', sortedPairs(dict(o, 'spec.nodeSelector'), '=')))
  lines.push(...tolerationLines(list(o, 'spec.tolerations'), 'Tolerations'))
  return lines
}

function describeNode(o: KubeObject): string[] {
  const taints = list(o, 'spec.taints').map(
    (t) => `${str(t, 'key')}${str(t, 'value') ? `=${str(t, 'value')}` : ''}:${str(t, 'effect')}`,
  )
  const conditions = list(o, 'status.conditions')
  const info = (key: string) => str(o, `status.nodeInfo.${key}`)
  const resources = (title: string, path: string) => [
    `${title}:`,
    ...Object.entries(dict(o, path)).map(([k, v]) => `  ${k}:\t${v}`),
  ]
  const cidrs = (at(o, 'spec.podCIDRs') as string[] | undefined) ?? []
  return [
    `Name:\t${o.metadata.name}`,
    `Roles:\t${nodeRoles(o)}`,
    ...multiline('Labels', sortedPairs(dict(o, 'metadata.labels'), '=')),
    ...multiline('Annotations', sortedPairs(dict(o, 'metadata.annotations'), ': ')),
    `CreationTimestamp:\t${rfc1123z(o.metadata.creationTimestamp)}`,
    ...multiline('Taints', taints),
    `Unschedulable:\t${at(o, 'spec.unschedulable') === true}`,
    'Conditions:',
    '  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage',
    '  ----\t------\t-----------------\t------------------\t------\t-------',
    ...conditions.map(
      (c) =>
        `  ${str(c, 'type')}\t${str(c, 'status')}\t${rfc1123z(str(c, 'lastHeartbeatTime'))}\t` +
        `${rfc1123z(str(c, 'lastTransitionTime'))}\t${str(c, 'reason')}\t${str(c, 'message')}`,
    ),
    'Addresses:',
    ...list(o, 'status.addresses').map((a) => `  ${str(a, 'type')}:\t${str(a, 'address')}`),
    ...resources('Capacity', 'status.capacity'),
    ...resources('Allocatable', 'status.allocatable'),
    'System Info:',
    `  Machine ID:\t${info('machineID')}`,
    `  System UUID:\t${info('systemUUID')}`,
    `  Boot ID:\t${info('bootID')}`,
    `  Kernel Version:\t${info('kernelVersion')}`,
    `  OS Image:\t${info('osImage')}`,
    `  Operating System:\t${info('operatingSystem')}`,
    `  Architecture:\t${info('architecture')}`,
    `  Container Runtime Version:\t${info('containerRuntimeVersion')}`,
    `  Kubelet Version:\t${info('kubeletVersion')}`,
    `  Kube-Proxy Version:\t${info('kubeProxyVersion')}`,
    ...(str(o, 'spec.podCIDR')
      ? [`PodCIDR:\t${str(o, 'spec.podCIDR')}`, `PodCIDRs:\t${cidrs.join(',')}`]
      : []),
  ]
}

/** The body of one object's description, without its Events section. */
function body(state: Readonly<LabState>, clusterId: string, o: KubeObject): string[] {
  const now = state.clock.now
  switch (o.kind) {
    case 'Pod':
      return describePod(o)
    case 'Node':
      return describeNode(o)
    case 'PersistentVolume':
      return describePv(o, now)
    case 'PersistentVolumeClaim':
      return describePvc(
        o,
        now,
        objectsOf(state, clusterId, 'Pod').filter((p) => p.metadata.namespace === o.metadata.namespace),
      )
    case 'Deployment':
      return describeDeployment(state, clusterId, o)
    case 'ReplicaSet':
      return describeReplicaSet(state, clusterId, o)
    case 'StatefulSet':
      return describeStatefulSet(state, clusterId, o)
    case 'DaemonSet':
      return describeDaemonSet(state, clusterId, o)
    case 'Job':
      return describeJob(o)
    case 'Service':
      return describeService(state, clusterId, o)
    case 'StorageClass':
      return describeStorageClass(o)
    default:
      return describeNamespace(o)
  }
}

const DESCRIBED = [
  'Pod',
  'Node',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'Service',
  'StorageClass',
  'Namespace',
]

/** kubectl describe TYPE [NAME_PREFIX…] [-l SELECTOR] [-n NS | -A] [--show-events=false]. */
export function kubectlDescribe(state: Readonly<LabState>, p: Parsed): string[] {
  // `TYPE NAME…` or `TYPE/NAME…`.
  const slashed = p.words[0]?.includes('/') === true
  const typeWord = slashed ? p.words[0]!.split('/')[0] : p.words[0]
  const names = slashed ? p.words.map((w) => w.slice(w.indexOf('/') + 1)) : p.words.slice(1)
  if (typeWord === undefined)
    throw new NativeError([
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    ])
  const type = findResourceType(typeWord)
  if (!type) throw new NativeError([`error: the server doesn't have a resource type "${typeWord}"`])
  if (!DESCRIBED.includes(type.kind))
    throw new NativeError([`error: HCI Lab's kubectl has no description for ${type.plural}.`])
  const labelText = p.flags.get('selector')
  if (labelText !== undefined && names.length > 0)
    throw new NativeError(['error: name cannot be provided when a selector is specified'])
  const namespace = p.flags.get('namespace') ?? 'default'
  const allNamespaces = p.flags.get('all-namespaces') === 'true'
  const cluster = currentCluster(state)
  const objects = objectsOf(state, cluster.id, type.kind).filter(
    (o) => !type.namespaced || allNamespaces || o.metadata.namespace === namespace,
  )
  const selector = parseSelector(labelText ?? '')
  // A name picks that object, else every object whose name starts with it.
  const chosen =
    names.length === 0
      ? objects.filter((o) => selector(labelsOf(o)))
      : names.flatMap((n) => {
          const exact = objects.filter((o) => o.metadata.name === n)
          return exact.length > 0 ? exact : objects.filter((o) => o.metadata.name.startsWith(n))
        })
  if (chosen.length === 0) {
    if (names.length > 0)
      throw new NativeError([
        `Error from server (NotFound): ${qualifiedName(type, true)} "${names[0]}" not found`,
      ])
    throw new NativeError([
      type.namespaced && !allNamespaces
        ? `No resources found in ${namespace} namespace.`
        : 'No resources found',
    ])
  }
  const out: string[] = []
  for (const o of chosen) {
    if (out.length > 0) out.push('', '')
    const showEvents = type.kind !== 'Namespace' && p.flags.get('show-events') !== 'false'
    const events = showEvents ? eventsSection(state, cluster.id, o) : []
    out.push(...tabwrite([...body(state, cluster.id, o), ...events], 0, 2))
  }
  return out
}
