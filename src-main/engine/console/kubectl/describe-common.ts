import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'
import { byLastTimestamp, describedEvent } from '@shared/kube-events'
import { at, dict, list, num, str, type Dict } from '@shared/kube-fields'
import { objectsOf } from './store'

// The pieces every describer shares (k8s.io/kubectl/pkg/describe): RFC 1123 timestamps, the
// multiline label/annotation blocks, DescribeEvents and DescribePodTemplate. Lines are written
// with tabs; the caller runs them through tabwriter (minwidth 0, padding 2).

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
export function multiline(title: string, entries: string[], indent = ''): string[] {
  if (entries.length === 0) return [`${indent}${title}:\t<none>`]
  return entries.map((e, i) => (i === 0 ? `${indent}${title}:\t${e}` : `${indent}\t${e}`))
}
export const sortedPairs = (m: Record<string, string>, sep: string) =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}${sep}${m[k]}`)

export const labelLines = (o: unknown, title = 'Labels', path = 'metadata.labels') =>
  multiline(title, sortedPairs(dict(o, path), '='))

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
/** printAnnotationsMultiline: kubectl skips the last-applied configuration. */
export const annotationLines = (o: unknown, title = 'Annotations', path = 'metadata.annotations') => {
  const { [LAST_APPLIED]: _skipped, ...rest } = dict(o, path)
  return multiline(title, sortedPairs(rest, ': '))
}

/** Go's %v of a []string: `[a b]`. */
export const goList = (items: unknown) => `[${((items as string[] | undefined) ?? []).join(' ')}]`

/** The controller owner, as `Controlled By:` prints it. */
export function controlledBy(o: KubeObject): string[] {
  const owner = list(o, 'metadata.ownerReferences').find((r) => r.controller === true)
  return owner ? [`Controlled By:\t${str(owner, 'kind')}/${str(owner, 'name')}`] : []
}

/** The events whose involvedObject is `o`, oldest last-seen first (event.SortableEvents). */
export function eventsOf(state: Readonly<LabState>, clusterId: string, o: KubeObject): KubeObject[] {
  return objectsOf(state, clusterId, 'Event')
    .filter(
      (e) =>
        str(e, 'involvedObject.kind') === o.kind &&
        str(e, 'involvedObject.name') === o.metadata.name &&
        str(e, 'involvedObject.namespace') === (o.metadata.namespace ?? ''),
    )
    .sort(byLastTimestamp)
}

/** DescribeEvents. */
export function eventsSection(state: Readonly<LabState>, clusterId: string, o: KubeObject): string[] {
  const events = eventsOf(state, clusterId, o)
  if (events.length === 0) return ['Events:\t<none>']
  const lines = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------']
  for (const e of events) {
    const d = describedEvent(e, state.clock.now)
    lines.push(`  ${d.type}\t${d.reason}\t${d.age}\t${d.from}\t${d.message}`)
  }
  return lines
}

/** Pods Status: the controller's own pods (by controller uid) counted by phase. */
export function podsStatus(state: Readonly<LabState>, clusterId: string, o: KubeObject): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 }
  for (const p of objectsOf(state, clusterId, 'Pod')) {
    if (p.metadata.namespace !== o.metadata.namespace) continue
    const owner = list(p, 'metadata.ownerReferences').find((r) => r.controller === true)
    if (!owner || str(owner, 'uid') !== o.metadata.uid) continue
    const phase = str(p, 'status.phase') as keyof typeof counts
    if (phase in counts) counts[phase]++
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`
}

export function ports(c: Dict, key: 'containerPort' | 'hostPort', title: string): string {
  const ps = list(c, 'ports').map((p) => `${num(p, key)}/${str(p, 'protocol') || 'TCP'}`)
  const joined = ps.join(', ')
  return joined.includes(',') ? `    ${title}s:\t${joined}` : `    ${title}:\t${joined || '<none>'}`
}

function resources(c: Dict): string[] {
  const lines: string[] = []
  for (const [key, title] of [
    ['limits', 'Limits'],
    ['requests', 'Requests'],
  ] as const) {
    const r = dict(c, `resources.${key}`)
    if (Object.keys(r).length > 0)
      lines.push(`    ${title}:`, ...sortedPairs(r, ':\t').map((l) => `      ${l}`))
  }
  return lines
}

const words = (c: Dict, key: string) =>
  ((at(c, key) as string[] | undefined) ?? []).flatMap((s) => s.split('\n'))

/** describeContainerCommand. */
export function commandLines(c: Dict): string[] {
  const command = words(c, 'command')
  const args = words(c, 'args')
  return [
    ...(command.length > 0 ? ['    Command:', ...command.map((s) => `      ${s}`)] : []),
    ...(args.length > 0 ? ['    Args:', ...args.map((s) => `      ${s}`)] : []),
  ]
}

/** describeResources, describeContainerEnvVars and describeContainerVolumes. */
export function envAndMountLines(c: Dict): string[] {
  const env = list(c, 'env')
  const mounts = [...list(c, 'volumeMounts')].sort((a, b) =>
    str(a, 'mountPath') < str(b, 'mountPath') ? -1 : 1,
  )
  return [
    ...resources(c),
    `    Environment:${env.length === 0 ? '\t<none>' : ''}`,
    ...env.map((e) =>
      at(e, 'valueFrom.fieldRef')
        ? `      ${str(e, 'name')}:\t (${str(e, 'valueFrom.fieldRef.apiVersion')}:${str(e, 'valueFrom.fieldRef.fieldPath')})`
        : `      ${str(e, 'name')}:\t${str(e, 'value')}`,
    ),
    `    Mounts:${mounts.length === 0 ? '\t<none>' : ''}`,
    ...mounts.map(
      (m) =>
        `      ${str(m, 'mountPath')} from ${str(m, 'name')} (${at(m, 'readOnly') === true ? 'ro' : 'rw'}${str(m, 'subPath') ? `,path="${str(m, 'subPath')}"` : ''})`,
    ),
  ]
}

/** describeContainers for a template (no statuses). */
export function templateContainers(label: string, containers: Dict[]): string[] {
  const lines = [`  ${label}:${containers.length === 0 ? ' <none>' : ''}`]
  for (const c of containers)
    lines.push(
      `   ${str(c, 'name')}:`,
      `    Image:\t${str(c, 'image')}`,
      ports(c, 'containerPort', 'Port'),
      ports(c, 'hostPort', 'Host Port'),
      ...commandLines(c),
      ...envAndMountLines(c),
    )
  return lines
}

/** describeVolumes for the kinds of volume the lab's manifests use. */
export function volumeLines(volumes: Dict[], space: string): string[] {
  if (volumes.length === 0) return [`${space}Volumes:\t<none>`]
  const lines = [`${space}Volumes:`]
  const nameIndent = space ? ' ' : ''
  for (const v of volumes) {
    lines.push(`  ${nameIndent}${str(v, 'name')}:`)
    if (at(v, 'persistentVolumeClaim'))
      lines.push(
        '    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        `    ClaimName:\t${str(v, 'persistentVolumeClaim.claimName')}`,
        `    ReadOnly:\t${at(v, 'persistentVolumeClaim.readOnly') === true}`,
      )
    else if (at(v, 'emptyDir'))
      lines.push(
        "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)",
        `    Medium:\t${str(v, 'emptyDir.medium')}`,
        `    SizeLimit:\t${str(v, 'emptyDir.sizeLimit') || '<unset>'}`,
      )
    else if (at(v, 'hostPath'))
      lines.push(
        '    Type:\tHostPath (bare host directory volume)',
        `    Path:\t${str(v, 'hostPath.path')}`,
        `    HostPathType:\t${str(v, 'hostPath.type') || '<none>'}`,
      )
    else if (at(v, 'configMap'))
      lines.push(
        '    Type:\tConfigMap (a volume populated by a ConfigMap)',
        `    Name:\t${str(v, 'configMap.name')}`,
        `    Optional:\t${at(v, 'configMap.optional') === true}`,
      )
    else lines.push('    <unknown>')
  }
  return lines
}

/** printPodTolerationsMultiline. */
export function tolerationLines(tolerations: Dict[], title: string): string[] {
  const sorted = [...tolerations].sort((a, b) => (str(a, 'key') < str(b, 'key') ? -1 : 1))
  const entries = sorted.map((t) => {
    const key = str(t, 'key')
    const effect = str(t, 'effect')
    let s = key + (str(t, 'value') ? `=${str(t, 'value')}` : '') + (effect ? `:${effect}` : '')
    if (str(t, 'operator') === 'Exists' && !str(t, 'value')) s += key || effect ? ' op=Exists' : 'op=Exists'
    if (typeof at(t, 'tolerationSeconds') === 'number') s += ` for ${num(t, 'tolerationSeconds')}s`
    return s
  })
  return multiline(title, entries)
}

/** DescribePodTemplate. */
export function podTemplate(o: KubeObject, path = 'spec.template'): string[] {
  const t = at(o, path)
  const spec = at(t, 'spec')
  return [
    'Pod Template:',
    ...labelLines(t, '  Labels'),
    ...(Object.keys(dict(t, 'metadata.annotations')).length > 0 ? annotationLines(t, '  Annotations') : []),
    ...(str(spec, 'serviceAccountName') ? [`  Service Account:\t${str(spec, 'serviceAccountName')}`] : []),
    ...(list(spec, 'initContainers').length > 0
      ? templateContainers('Init Containers', list(spec, 'initContainers'))
      : []),
    ...templateContainers('Containers', list(spec, 'containers')),
    ...volumeLines(list(spec, 'volumes'), '  '),
    ...(str(spec, 'priorityClassName') ? [`  Priority Class Name:\t${str(spec, 'priorityClassName')}`] : []),
    ...labelLines(spec, '  Node-Selectors', 'nodeSelector'),
    ...tolerationLines(list(spec, 'tolerations'), '  Tolerations'),
  ]
}
