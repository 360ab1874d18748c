import type { AksCluster } from '@shared/aks-cluster'
import type { KubeObject, LabView } from '@shared/contract'
import { listKube } from '@shared/kube'

// Rows of the cluster page's Nodes and Pods tabs, read from the Kubernetes objects the engine keeps
// (keyed `<clusterId>/<kind>/<namespace>/<name>`), with the columns kubectl prints.

/**
 * kubectl's HumanDuration (k8s.io/apimachinery duration.HumanDuration): 45s, 3m20s, 25m, 5h3m, 2d4h.
 * The same steps as kubectl in the console (engine/console/kubectl/age.ts), which the renderer cannot
 * import; Go's int conversions truncate toward zero.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.trunc(seconds / 60)
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`
  if (minutes < 180) return `${minutes}m`
  const hours = Math.trunc(minutes / 60)
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 192) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`
  return `${years}y`
}

/** The cluster's objects of one kind (shared listKube: by namespace, then name). */
export function kubeObjects(view: Pick<LabView, 'kube'>, clusterId: string, kind: string): KubeObject[] {
  return listKube(view, clusterId, { kind })
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {})
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : [])
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
const age = (o: KubeObject, now: number) => {
  const t = Date.parse(o.metadata.creationTimestamp)
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t)
}

export interface NodeRow {
  name: string
  status: string
  roles: string
  age: string
  version: string
  internalIp: string
  osImage: string
  osType: string
}

export function nodeRow(node: KubeObject, now: number): NodeRow {
  const status = obj(node.status)
  const spec = obj(node.spec)
  const ready = arr(status.conditions).find((c) => c.type === 'Ready')
  let state = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown'
  if (spec.unschedulable === true) state += ',SchedulingDisabled'
  const labels = obj(node.metadata.labels)
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .filter((r) => r !== '')
    .sort()
  const info = obj(status.nodeInfo)
  return {
    name: node.metadata.name,
    status: state,
    roles: roles.length ? roles.join(',') : '<none>',
    age: age(node, now),
    version: str(info.kubeletVersion),
    internalIp: str(arr(status.addresses).find((a) => a.type === 'InternalIP')?.address, '<none>'),
    osImage: str(info.osImage),
    osType: str(labels['kubernetes.io/os'], str(info.operatingSystem)),
  }
}

export interface PodRow {
  namespace: string
  name: string
  ready: string
  status: string
  restarts: number
  age: string
  node: string
}

export function podRow(pod: KubeObject, now: number): PodRow {
  const status = obj(pod.status)
  const spec = obj(pod.spec)
  const containers = arr(status.containerStatuses)
  const total = containers.length || arr(spec.containers).length
  const waiting = containers.map((c) => str(obj(obj(c.state).waiting).reason)).find((r) => r !== '')
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    ready: `${containers.filter((c) => c.ready === true).length}/${total}`,
    status: pod.metadata.deletionTimestamp ? 'Terminating' : waiting || str(status.phase, 'Unknown'),
    restarts: containers.reduce((n, c) => n + (typeof c.restartCount === 'number' ? c.restartCount : 0), 0),
    age: age(pod, now),
    node: str(spec.nodeName, '<none>'),
  }
}

/** Linux and Windows worker counts, and the control plane's. */
export function nodeCounts(cluster: AksCluster): { linux: number; windows: number } {
  let linux = 0
  let windows = 0
  for (const p of cluster.nodePools) {
    if (p.osType === 'Windows') windows += p.count
    else linux += p.count
  }
  return { linux, windows }
}
