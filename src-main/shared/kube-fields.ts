import type { KubeObject } from '@shared/contract'

// Reading kubernetes-types objects held as plain data. The store keeps real API shapes, so these
// read paths the way kubectl reads Go structs: a missing field is the zero value.

type Json = unknown
export type Dict = Record<string, Json>

export function at(o: Json, path: string): Json {
  let cur: Json = o
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Dict)[key]
  }
  return cur
}

export const str = (o: Json, path: string): string => {
  const v = at(o, path)
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
}
export const num = (o: Json, path: string): number => {
  const v = at(o, path)
  return typeof v === 'number' ? v : 0
}
export const list = (o: Json, path: string): Dict[] => {
  const v = at(o, path)
  return Array.isArray(v) ? (v as Dict[]) : []
}
export const dict = (o: Json, path: string): Record<string, string> => {
  const v = at(o, path)
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {}
}

export const labelsOf = (o: KubeObject): Record<string, string> => dict(o, 'metadata.labels')

/** labels.FormatLabels: sorted `k=v` pairs joined by commas, `<none>` when empty. */
export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort()
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels[k]}`).join(',')
}

/** metav1.FormatLabelSelector for matchLabels (matchExpressions as `key op (values)`). */
export function formatSelector(selector: Json): string {
  if (!selector || typeof selector !== 'object') return '<none>'
  const parts = Object.entries(dict(selector, 'matchLabels'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
  for (const e of list(selector, 'matchExpressions')) {
    const op = str(e, 'operator')
    const values = (at(e, 'values') as string[] | undefined) ?? []
    if (op === 'Exists') parts.push(str(e, 'key'))
    else if (op === 'DoesNotExist') parts.push(`!${str(e, 'key')}`)
    else parts.push(`${str(e, 'key')} ${op === 'In' ? 'in' : 'notin'} (${values.join(',')})`)
  }
  return parts.length === 0 ? '<none>' : parts.join(',')
}

/** Containers and images of a pod template, as the wide columns print them. */
export function containersAndImages(podSpec: Json): [string, string] {
  const cs = list(podSpec, 'containers')
  return [cs.map((c) => str(c, 'name')).join(','), cs.map((c) => str(c, 'image')).join(',')]
}

// Cells kubectl's printers and the cluster page's tables both show.

/** helper.GetAccessModesAsString: each mode once, always in this order. */
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

/** The beta annotation still wins over spec.storageClassName, as helper.GetPersistentVolumeClass reads. */
export function storageClassOf(o: KubeObject): string {
  return (
    dict(o, 'metadata.annotations')['volume.beta.kubernetes.io/storage-class'] ??
    str(o, 'spec.storageClassName')
  )
}

export function isDefaultClass(o: KubeObject): boolean {
  const a = dict(o, 'metadata.annotations')
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  )
}

/** EXTERNAL-IP of a Service: `<pending>` until a LoadBalancer gets its ingress. */
export function externalIp(o: KubeObject): string {
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

/** PORT(S) of a Service: `80:30572/TCP`. */
export function servicePorts(o: KubeObject): string {
  const ps = list(o, 'spec.ports').map((p) => {
    const proto = str(p, 'protocol') || 'TCP'
    return num(p, 'nodePort')
      ? `${num(p, 'port')}:${num(p, 'nodePort')}/${proto}`
      : `${num(p, 'port')}/${proto}`
  })
  return ps.length === 0 ? '<none>' : ps.join(',')
}

/**
 * printers.go formatEndpoints: ip:port of each address and port, the first three and "+ N more...";
 * `portName` keeps one Service port's (kubectl describe service, which reads Endpoints from 1.20).
 */
export function formatEndpoints(o: Json, portName?: string): string {
  const subsets = list(o, 'subsets')
  if (!subsets.length) return '<none>'
  const shown: string[] = []
  let count = 0
  const add = (text: string) => {
    if (shown.length < 3) shown.push(text)
    count++
  }
  for (const ss of subsets) {
    const addresses = list(ss, 'addresses')
    const ports = list(ss, 'ports')
    if (!ports.length) for (const a of addresses) add(str(a, 'ip'))
    else
      for (const p of ports)
        if (portName === undefined || str(p, 'name') === portName)
          for (const a of addresses) add(`${str(a, 'ip')}:${num(p, 'port')}`)
  }
  const text = shown.join(',')
  return count > 3 ? `${text} + ${count - 3} more...` : text
}
