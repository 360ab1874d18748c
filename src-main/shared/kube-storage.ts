import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { KubeObject, LabView } from './contract'
import { getKube, kubeKey } from './kube'
import { parseQuantity as quantityValue } from './kube-quantity'

// Persistent volumes, pure: Kubernetes quantities, the demo app's log line, and the files inside the
// simulated volumes (VolumeData records in LabView.kube) as `kubectl exec … cat/ls` and
// `kubectl logs` read them. Shared by the engine's storage controllers and the console.

export const DEFAULT_STORAGE_CLASS = 'default'
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class'
/** The seed's sample app (cosmosdarwin/aks-hci-demo); the image name is the lab's choice. */
export const DEMO_IMAGE = 'mcr.microsoft.com/azurestackhci/aks-demo:latest'
export const DEMO_MOUNT = '/storage'
export const DEMO_LOG = '/storage/log.txt'

/** Whether a container runs the demo app, whatever tag it names. */
export const isDemoImage = (image: string | undefined) =>
  (image ?? '').replace(/[:@].*$/, '') === DEMO_IMAGE.replace(/:.*$/, '')

/** Not an API kind: the lab's record of the files inside one PV, keyed `<cluster>/VolumeData//<pv>`. */
export const VOLUME_DATA_KIND = 'VolumeData'

export interface VolumeFile {
  lines: string[] // the newest lines (bounded); bytes keeps the true size
  bytes: number
}

export interface VolumeData extends KubeObject {
  kind: typeof VOLUME_DATA_KIND
  files: Record<string, VolumeFile> // path inside the volume, e.g. '/log.txt'
}

export const volumeDataKey = (clusterId: string, pvName: string) =>
  kubeKey(clusterId, VOLUME_DATA_KIND, '', pvName)

/** A storage quantity ('100Gi', '1G', '500Mi', '1e9') in whole bytes, or null. */
export function parseQuantity(q: string | undefined): number | null {
  const value = quantityValue(q ?? '')
  return value === null ? null : Math.ceil(value)
}

/** The requested size of a claim, in bytes (0 when absent or unreadable). */
export const claimRequestBytes = (pvc: PersistentVolumeClaim) =>
  parseQuantity(pvc.spec?.resources?.requests?.storage as string | undefined) ?? 0

/** `containerd://<64 hex>` → `e5809e63...ca54e26e`, as the demo app prints its id. */
export function shortContainerId(containerID: string): string {
  const hex = containerID.replace(/^[a-z]+:\/\//, '')
  return `${hex.slice(0, 8)}...${hex.slice(-8)}`
}

/** `[09:51:00 AM] Hello from container e5809e63...ca54e26e! Running for 0 minutes.` (UTC clock). */
export function demoLogLine(ms: number, containerID: string, minutes: number): string {
  const d = new Date(ms)
  const h = d.getUTCHours()
  const pad = (n: number) => String(n).padStart(2, '0')
  const clock = `${pad(h % 12 === 0 ? 12 : h % 12)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  const id = shortContainerId(containerID)
  return `[${clock} ${h < 12 ? 'AM' : 'PM'}] Hello from container ${id}! Running for ${minutes} minutes.`
}

/** A POSIX path made absolute from the container's working directory '/'. */
export function normalizePodPath(path: string): string {
  const parts: string[] = []
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue
    if (p === '..') parts.pop()
    else parts.push(p)
  }
  return '/' + parts.join('/')
}

/** The PV mounted at a pod path, and the path inside that volume; null when no PVC mount covers it. */
export function resolvePodPath(
  view: Pick<LabView, 'kube'>,
  clusterId: string,
  pod: Pod,
  path: string,
): { pvName: string; inner: string } | null {
  const abs = normalizePodPath(path)
  const mounts = (pod.spec?.containers ?? []).flatMap((c) => c.volumeMounts ?? [])
  for (const m of mounts) {
    const root = normalizePodPath(m.mountPath)
    if (abs !== root && !abs.startsWith(root === '/' ? '/' : `${root}/`)) continue
    const claim = pod.spec?.volumes?.find((v) => v.name === m.name)?.persistentVolumeClaim?.claimName
    if (!claim) continue
    const pvc = getKube<PersistentVolumeClaim>(
      view,
      clusterId,
      'PersistentVolumeClaim',
      pod.metadata?.namespace ?? 'default',
      claim,
    )
    const pvName = pvc?.spec?.volumeName
    if (!pvName) return null
    return { pvName, inner: normalizePodPath(abs.slice(root.length)) }
  }
  return null
}

function podOf(view: Pick<LabView, 'kube'>, clusterId: string, name: string, namespace: string) {
  return getKube<Pod>(view, clusterId, 'Pod', namespace, name)
}

function dataOf(view: Pick<LabView, 'kube'>, clusterId: string, pvName: string) {
  return view.kube[volumeDataKey(clusterId, pvName)] as VolumeData | undefined
}

/** `kubectl exec POD -- cat PATH`: the file's text (lines ending in \n), or null when there is none. */
export function readPodFile(
  view: Pick<LabView, 'kube'>,
  clusterId: string,
  podName: string,
  namespace: string,
  path: string,
): string | null {
  const pod = podOf(view, clusterId, podName, namespace)
  const where = pod && resolvePodPath(view, clusterId, pod, path)
  if (!where) return null
  const file = dataOf(view, clusterId, where.pvName)?.files[where.inner]
  return file ? file.lines.map((l) => `${l}\n`).join('') : null
}

/** `kubectl exec POD -- ls DIR`: the names in a directory of a mounted volume, sorted; null if none. */
export function listPodDir(
  view: Pick<LabView, 'kube'>,
  clusterId: string,
  podName: string,
  namespace: string,
  path: string,
): string[] | null {
  const pod = podOf(view, clusterId, podName, namespace)
  const where = pod && resolvePodPath(view, clusterId, pod, path)
  if (!where) return null
  // A fresh ext4 filesystem has lost+found at its root.
  const names = new Set(where.inner === '/' ? ['lost+found'] : [])
  const prefix = where.inner === '/' ? '/' : `${where.inner}/`
  for (const p of Object.keys(dataOf(view, clusterId, where.pvName)?.files ?? {}))
    if (p.startsWith(prefix)) names.add(p.slice(prefix.length).split('/')[0]!)
  if (names.size === 0 && where.inner !== '/') return null
  return [...names].sort()
}

/** `kubectl logs POD`: the demo app prints what it appends, so its stdout is its own log lines. */
export function podLogs(
  view: Pick<LabView, 'kube'>,
  clusterId: string,
  podName: string,
  namespace: string,
): string {
  const pod = podOf(view, clusterId, podName, namespace)
  const id = pod?.status?.containerStatuses?.[0]?.containerID
  if (!pod || !id || !isDemoImage(pod.spec?.containers[0]?.image)) return ''
  const text = readPodFile(view, clusterId, podName, namespace, DEMO_LOG) ?? ''
  const mine = `Hello from container ${shortContainerId(id)}!`
  return text
    .split('\n')
    .filter((l) => l.includes(mine))
    .map((l) => `${l}\n`)
    .join('')
}
