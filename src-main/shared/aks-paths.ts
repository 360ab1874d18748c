import type { AksConfig } from './aks'
import {
  AKS_IMAGES,
  CLOUD_CONFIG_BYTES,
  CLOUD_CONFIG_FILE,
  KUBECONFIG_BYTES,
  MGMT_VM_DISK_BYTES,
} from './aks-assumptions'
import { volumeCapacity, type StorageView } from './capacity'
import type { Volume } from './domain'
import { formatBytes } from './format'
import { csvPath, poolShape } from './s2d'

// Where the AKS host keeps its files and whether the volumes have room. Multi-node hosts need every
// path on shared storage (facts §1.4): in the lab, a cluster shared volume under C:\ClusterStorage.

const CSV_PATH = /^c:\\clusterstorage\\([^\\]+)(\\.*)?$/i

/** A path without trailing backslashes. */
export function normalizePath(path: string): string {
  return path.trim().replace(/\\+$/, '')
}

/** The CSV a path is on, or undefined. */
export function volumeOfPath(view: Pick<StorageView, 'volumes'>, path: string): Volume | undefined {
  const m = CSV_PATH.exec(normalizePath(path))
  if (!m) return undefined
  const name = m[1]!.toLowerCase()
  return Object.values(view.volumes).find((v) => v.name.toLowerCase() === name)
}

/** Why a Set-AksHciConfig path cannot be used, or null. `what` is the parameter, e.g. '-imageDir'. */
export function aksPathProblem(
  view: Pick<StorageView, 'volumes'>,
  what: string,
  path: string,
): string | null {
  const p = normalizePath(path)
  if (p === '') return `${what} is required: give a folder on a cluster shared volume.`
  const m = CSV_PATH.exec(p)
  if (!m) {
    const example = Object.values(view.volumes)[0]
    const hint = example ? ` such as ${csvPath(example.name)}\\AksHci` : ''
    return `${what} '${path}' is not on a cluster shared volume. A multi-node deployment needs shared storage: use a path under C:\\ClusterStorage\\<volume>${hint}.`
  }
  if (!volumeOfPath(view, p))
    return `${what} '${path}' is on volume '${m[1]}', which does not exist. Create the volume or choose another one.`
  return null
}

/** A Windows path under a folder. */
export function joinPath(folder: string, ...names: string[]): string {
  return [normalizePath(folder), ...names].join('\\')
}

export function kubeconfigPath(config: AksConfig): string {
  return joinPath(config.workingDir, config.version, 'kubeconfig-mgmt')
}

export function cloudConfigPath(config: AksConfig): string {
  return joinPath(config.cloudConfigLocation, CLOUD_CONFIG_FILE)
}

/** Bytes the install puts on each volume: images and the management VM's disk, then config files. */
export function installFootprint(view: Pick<StorageView, 'volumes'>, config: AksConfig): Map<string, number> {
  const need = new Map<string, number>()
  const add = (path: string, bytes: number) => {
    const v = volumeOfPath(view, path)
    if (v) need.set(v.id, (need.get(v.id) ?? 0) + bytes)
  }
  add(config.imageDir, AKS_IMAGES.reduce((sum, i) => sum + i.sizeBytes, 0) + MGMT_VM_DISK_BYTES)
  add(config.workingDir, KUBECONFIG_BYTES)
  add(config.cloudConfigLocation, CLOUD_CONFIG_BYTES)
  return need
}

/** Volumes without room for what the install will put on them, as sentences. */
export function installSpaceProblems(view: StorageView, config: AksConfig): string[] {
  const shape = poolShape(Object.keys(view.servers), Object.values(view.drives))
  const problems: string[] = []
  for (const [volumeId, bytes] of installFootprint(view, config)) {
    const volume = view.volumes[volumeId]!
    const free = volumeCapacity(volume, shape, view.files).freeBytes
    if (bytes > free)
      problems.push(
        `Volume '${volume.name}' has ${formatBytes(free)} free, but the AKS host needs ${formatBytes(bytes)} there ` +
          `(node images and the management VM's disk). Extend the volume or choose another one.`,
      )
  }
  return problems
}
