import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'
import { NativeError } from '../errors'
import { humanDuration } from '@shared/kube-age'
import { at, dict, list, num, str, type Dict } from '@shared/kube-fields'
import { nodeRoles } from './printers'
import { findResourceType } from './resources'
import { currentCluster, objectsOf } from './store'
import { tabwrite } from './table'

// kubectl describe node|pod|pvc|pv (k8s.io/kubectl/pkg/describe), a faithful subset: the sections the
// lab's objects carry, in kubectl's order and layout (tabwriter padding 2, two-space levels). Left
// out: a node's Non-terminated Pods / Allocated resources, a pod's Volumes and Tolerations, a
// claim's DataSource and Conditions, PV sources other than CSI.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => String(n).padStart(2, '0')

/** time.RFC1123Z in UTC, as describe prints timestamps. */
export function rfc1123z(timestamp: string): string {
  const d = new Date(timestamp)
  if (Number.isNaN(d.getTime())) return '<unknown>'
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0000`
}

/** `Labels:` style: the first entry after the tab, the others on their own lines under it. */
function multiline(title: string, entries: string[], indent = ''): string[] {
  if (entries.length === 0) return [`${indent}${title}:\t<none>`]
  return entries.map((e, i) => (i === 0 ? `${indent}${title}:\t${e}` : `${indent}\t${e}`))
}
const sortedPairs = (m: Record<string, string>, sep: string) =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}${sep}${m[k]}`)

function eventsSection(state: Readonly<LabState>, clusterId: string, o: KubeObject): string[] {
  const now = state.clock.now
  const since = (t: string) => (t ? humanDuration(now - Date.parse(t)) : '<unknown>')
  const events = objectsOf(state, clusterId, 'Event')
    .filter(
      (e) =>
        str(e, 'involvedObject.kind') === o.kind &&
        str(e, 'involvedObject.name') === o.metadata.name &&
        str(e, 'involvedObject.namespace') === (o.metadata.namespace ?? ''),
    )
    .sort((a, b) => Date.parse(str(a, 'lastTimestamp')) - Date.parse(str(b, 'lastTimestamp')))
  if (events.length === 0) return ['Events:\t<none>']
  const lines = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------']
  for (const e of events) {
    const first = since(str(e, 'eventTime') || str(e, 'firstTimestamp'))
    const count = num(e, 'count')
    const age = count > 1 ? `${since(str(e, 'lastTimestamp'))} (x${count} over ${first})` : first
    const from = str(e, 'source.component') || str(e, 'reportingComponent')
    lines.push(`  ${str(e, 'type')}\t${str(e, 'reason')}\t${age}\t${from}\t${str(e, 'message').trim()}`)
  }
  return lines
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const annotationLines = (o: KubeObject) => {
  const { [LAST_APPLIED]: _skipped, ...rest } = dict(o, 'metadata.annotations')
  return multiline('Annotations', sortedPairs(rest, ': '))
}
/** Go's %v of a []string: `[a b]`. */
const goList = (items: unknown) => `[${((items as string[] | undefined) ?? []).join(' ')}]`
const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
}
const accessModes = (modes: unknown) =>
  ((modes as string[] | undefined) ?? []).map((m) => ACCESS_MODES[m] ?? m).join(',')
const terminating = (o: KubeObject, now: number) =>
  str(o, 'metadata.deletionTimestamp')
    ? `Terminating (lasts ${humanDuration(now - Date.parse(str(o, 'metadata.deletionTimestamp')))})`
    : ''

function describePvc(o: KubeObject, now: number, pods: KubeObject[]): string[] {
  const bound = str(o, 'spec.volumeName') !== ''
  const users = pods
    .filter((p) =>
      list(p, 'spec.volumes').some((v) => str(v, 'persistentVolumeClaim.claimName') === o.metadata.name),
    )
    .map((p) => p.metadata.name)
  return [
    `Name:\t${o.metadata.name}`,
    `Namespace:\t${o.metadata.namespace ?? ''}`,
    `StorageClass:\t${str(o, 'spec.storageClassName')}`,
    `Status:\t${terminating(o, now) || str(o, 'status.phase')}`,
    `Volume:\t${str(o, 'spec.volumeName')}`,
    ...multiline('Labels', sortedPairs(dict(o, 'metadata.labels'), '=')),
    ...annotationLines(o),
    `Finalizers:\t${goList(at(o, 'metadata.finalizers'))}`,
    `Capacity:\t${bound ? str(o, 'status.capacity.storage') : ''}`,
    `Access Modes:\t${bound ? accessModes(at(o, 'status.accessModes')) : ''}`,
    ...(str(o, 'spec.volumeMode') ? [`VolumeMode:\t${str(o, 'spec.volumeMode')}`] : []),
    ...multiline('Used By', users),
  ]
}

function describePv(o: KubeObject, now: number): string[] {
  const claim = at(o, 'spec.claimRef')
    ? `${str(o, 'spec.claimRef.namespace')}/${str(o, 'spec.claimRef.name')}`
    : ''
  const attributes = sortedPairs(dict(o, 'spec.csi.volumeAttributes'), '=')
  const lines = [
    `Name:\t${o.metadata.name}`,
    ...multiline('Labels', sortedPairs(dict(o, 'metadata.labels'), '=')),
    ...annotationLines(o),
    `Finalizers:\t${goList(at(o, 'metadata.finalizers'))}`,
    `StorageClass:\t${str(o, 'spec.storageClassName')}`,
    `Status:\t${terminating(o, now) || str(o, 'status.phase')}`,
    `Claim:\t${claim}`,
    `Reclaim Policy:\t${str(o, 'spec.persistentVolumeReclaimPolicy')}`,
    `Access Modes:\t${accessModes(at(o, 'spec.accessModes'))}`,
    ...(str(o, 'spec.volumeMode') ? [`VolumeMode:\t${str(o, 'spec.volumeMode')}`] : []),
    `Capacity:\t${str(o, 'spec.capacity.storage')}`,
    ...(at(o, 'spec.nodeAffinity.required')
      ? ['Node Affinity:\t', '  Required Terms:\t<none>']
      : ['Node Affinity:\t<none>']),
    `Message:\t${str(o, 'status.message')}`,
    'Source:',
  ]
  if (at(o, 'spec.csi'))
    lines.push(
      '    Type:\tCSI (a Container Storage Interface (CSI) volume source)',
      `    Driver:\t${str(o, 'spec.csi.driver')}`,
      `    FSType:\t${str(o, 'spec.csi.fsType')}`,
      `    VolumeHandle:\t${str(o, 'spec.csi.volumeHandle')}`,
      `    ReadOnly:\t${at(o, 'spec.csi.readOnly') === true}`,
      // printCSIPersistentVolumeAttributesMultilineIndent: later entries get the level's indent twice.
      ...(attributes.length === 0
        ? ['    VolumeAttributes:\t<none>']
        : attributes.map((a, i) => (i === 0 ? `    VolumeAttributes:\t${a}` : `    \t    ${a}`))),
    )
  return lines
}

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
    const s = statuses.get(str(c, 'name')) ?? {}
    const ports = list(c, 'ports')
    lines.push(
      `  ${str(c, 'name')}:`,
      ...(str(s, 'containerID') ? [`    Container ID:\t${str(s, 'containerID')}`] : []),
      `    Image:\t${str(c, 'image')}`,
      `    Image ID:\t${str(s, 'imageID')}`,
      ...(ports.length === 0
        ? ['    Port:\t<none>', '    Host Port:\t<none>']
        : [
            `    Port${ports.length > 1 ? 's' : ''}:\t${ports.map((p) => `${num(p, 'containerPort')}/${str(p, 'protocol') || 'TCP'}`).join(', ')}`,
            `    Host Port${ports.length > 1 ? 's' : ''}:\t${ports.map((p) => `${num(p, 'hostPort')}/${str(p, 'protocol') || 'TCP'}`).join(', ')}`,
          ]),
      ...containerState(s, 'state', 'State'),
      ...containerState(s, 'lastState', 'Last State'),
      `    Ready:\t${at(s, 'ready') === true ? 'True' : 'False'}`,
      `    Restart Count:\t${num(s, 'restartCount')}`,
      '    Environment:\t<none>',
      '    Mounts:\t<none>',
    )
  }
  const conditions = list(o, 'status.conditions')
  if (conditions.length > 0)
    lines.push(
      'Conditions:',
      '  Type\tStatus',
      ...conditions.map((c) => `  ${str(c, 'type')} \t${str(c, 'status')} `),
    )
  lines.push(`QoS Class:\t${str(o, 'status.qosClass') || 'BestEffort'}`)
  lines.push(...multiline('Node-Selectors', sortedPairs(dict(o, 'spec.nodeSelector'), '=')))
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

export function kubectlDescribe(state: Readonly<LabState>, words: string[], namespace: string): string[] {
  const [typeWord, ...names] = words
  if (typeWord === undefined)
    throw new NativeError([
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.',
    ])
  const type = findResourceType(typeWord)
  if (!type) throw new NativeError([`error: the server doesn't have a resource type "${typeWord}"`])
  const kinds = ['Pod', 'Node', 'PersistentVolumeClaim', 'PersistentVolume']
  if (!kinds.includes(type.kind))
    throw new NativeError([
      `error: HCI Lab's kubectl describes pods, nodes, persistentvolumeclaims and persistentvolumes only, not ${type.plural}.`,
    ])
  const cluster = currentCluster(state)
  const objects = objectsOf(state, cluster.id, type.kind).filter(
    (o) => !type.namespaced || o.metadata.namespace === namespace,
  )
  const chosen =
    names.length === 0 ? objects : objects.filter((o) => names.some((n) => o.metadata.name.startsWith(n)))
  if (chosen.length === 0) {
    if (names.length === 0) throw new NativeError([`No resources found in ${namespace} namespace.`])
    throw new NativeError([`Error from server (NotFound): ${type.plural} "${names[0]}" not found`])
  }
  const out: string[] = []
  for (const o of chosen) {
    if (out.length > 0) out.push('', '')
    const body =
      type.kind === 'Pod'
        ? describePod(o)
        : type.kind === 'Node'
          ? describeNode(o)
          : type.kind === 'PersistentVolume'
            ? describePv(o, state.clock.now)
            : describePvc(
                o,
                state.clock.now,
                objectsOf(state, cluster.id, 'Pod').filter(
                  (p) => p.metadata.namespace === o.metadata.namespace,
                ),
              )
    out.push(...tabwrite([...body, ...eventsSection(state, cluster.id, o)], 0, 2))
  }
  return out
}
