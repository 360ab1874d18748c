import { STORAGE_CONTAINER } from './aks-cluster-assumptions'
import { normalizePath } from './aks-paths'
import type { KubeObject, LabView } from './contract'
import { kubeKey } from './kube'

// The AKS host's storage containers (New-AksHciStorageContainer / Get-AksHciStorageContainer): named
// folders on a cluster shared volume where the msvhd driver creates the VHDX of a StorageClass whose
// `container` parameter names them (facts §4). The install's own container, MocStorageContainer, is
// the image directory; it is derived from the host's configuration, never stored. Containers created
// later belong to the MOC cloud agent, not to a workload cluster: they are kept in LabView.kube under
// the reserved prefix `moc/` (no cluster id is `moc`), outside every cluster's objects. Each record
// names the cloud agent it was made by: after Uninstall-AksHci and a new install (a new `ca-<guid>`)
// the old agent's containers are gone, as they are with the agent's database.

export const STORAGE_CONTAINER_KIND = 'StorageContainer'
export const MOC_SCOPE = 'moc'

export interface StorageContainerRecord extends KubeObject {
  kind: typeof STORAGE_CONTAINER_KIND
  path: string
  cloudAgent: string // the `ca-<guid>` role that holds it
}

/** What Get-AksHciStorageContainer returns for one container. */
export interface StorageContainerInfo {
  name: string
  path: string
}

/** Container names are Windows-style: case-insensitive, so the key is the lower-case name. */
export const storageContainerKey = (name: string) =>
  kubeKey(MOC_SCOPE, STORAGE_CONTAINER_KIND, '', name.toLowerCase())

type View = Pick<LabView, 'kube' | 'aks'>

/** The install's own container, while the host is installed. */
function installContainer(view: View): StorageContainerInfo | undefined {
  const imageDir = view.aks.config?.imageDir
  if (!imageDir || view.aks.phase !== 'Installed') return undefined
  return { name: STORAGE_CONTAINER, path: normalizePath(imageDir) }
}

const live = (view: View, c: StorageContainerRecord | undefined): c is StorageContainerRecord =>
  !!c && c.cloudAgent === view.aks.cloudAgentRole

/** Every container of the installed host, the install's first (Get-AksHciStorageContainer). */
export function storageContainers(view: View): StorageContainerInfo[] {
  const first = installContainer(view)
  if (!first) return []
  const prefix = kubeKey(MOC_SCOPE, STORAGE_CONTAINER_KIND, '', '')
  const created = Object.keys(view.kube)
    .filter((k) => k.startsWith(prefix))
    .sort()
    .map((k) => view.kube[k] as StorageContainerRecord)
    .filter((c) => live(view, c))
    .map((c) => ({ name: c.metadata.name, path: c.path }))
  return [first, ...created]
}

/** One container by name (case-insensitive), or undefined; a direct lookup, no scan. */
export function findStorageContainer(view: View, name: string): StorageContainerInfo | undefined {
  const first = installContainer(view)
  if (!first) return undefined
  if (name.toLowerCase() === first.name.toLowerCase()) return first
  const c = view.kube[storageContainerKey(name)] as StorageContainerRecord | undefined
  return live(view, c) ? { name: c.metadata.name, path: c.path } : undefined
}
