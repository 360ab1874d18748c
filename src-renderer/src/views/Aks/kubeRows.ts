import type { AksCluster } from '@shared/aks-cluster'
import type { KubeObject, LabView } from '@shared/contract'
import { listKube } from '@shared/kube'
import { ageSince } from '@shared/kube-age'

// Rows of the cluster page's Nodes and Pods tabs, read from the Kubernetes objects the engine keeps
// (keyed `<clusterId>/<kind>/<namespace>/<name>`), with the columns kubectl prints.

/** The cluster's objects of one kind (shared listKube: by namespace, then name). */
export function kubeObjects(view: Pick<LabView, 'kube'>, clusterId: string, kind: string): KubeObject[] {
  return listKube(view, clusterId, { kind })
}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {})
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : [])
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
const age = (o: KubeObject, now: number) => ageSince(o.metadata.creationTimestamp, now)

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
