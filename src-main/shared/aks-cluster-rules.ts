import type { ClusterSpec, NodePoolSpec } from './aks-cluster'
import { AKS_VM_SIZES, findVmSize } from './aks-sizes'

// The rules a workload cluster spec must follow, in one place for the WAC wizard, the console
// (New-AksHciCluster, New-AksHciNodePool, Set-AksHciNodePool) and the engine, so all three refuse
// the same input with the same words. Pure: no lab state beyond what the caller passes.

/** Get-AksHciKubernetesVersion. The choices (facts §2.1) are in AKS_CLUSTER_ASSUMPTIONS. */
export const KUBERNETES_VERSIONS = [
  { version: 'v1.17.13', windows: false },
  { version: 'v1.18.8', windows: true },
  { version: 'v1.18.17', windows: true },
  { version: 'v1.19.9', windows: true },
  { version: 'v1.20.7', windows: true },
] as const
export const LATEST_KUBERNETES_VERSION = 'v1.20.7'

export const CONTROL_PLANE_COUNTS = [1, 3, 5] as const
export const MAX_POOL_NODE_COUNT = 100
export const MIN_MAX_PODS = 50
export const MAX_MAX_PODS = 250
export const MAX_CLUSTER_NAME_LENGTH = 40
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const

/** The version entry, matched case-insensitively with or without the leading 'v'. */
export function findKubernetesVersion(text: string): (typeof KUBERNETES_VERSIONS)[number] | undefined {
  const want = text.trim().toLowerCase().replace(/^v?/, 'v')
  return KUBERNETES_VERSIONS.find((v) => v.version === want)
}

/**
 * Why a cluster name cannot be used, or null. Lowercase letters, digits and hyphens, starting with a
 * letter and ending with a letter or digit, at most 40 characters: the name prefixes Kubernetes node
 * and VM names (DNS labels of ≤ 63 characters), and the WAC default `my-workload-cluster` has hyphens,
 * so the doc's "no hyphens" note is not enforced (facts §2.1, docs issue #2164).
 */
export function clusterNameProblem(name: string): string | null {
  if (name === '') return 'The cluster name cannot be empty.'
  if (name.length > MAX_CLUSTER_NAME_LENGTH)
    return `The cluster name '${name}' is too long: use at most ${MAX_CLUSTER_NAME_LENGTH} characters.`
  if (!/^[a-z]([a-z0-9-]*[a-z0-9])?$/.test(name))
    return (
      `The cluster name '${name}' is not valid. Use lowercase letters, digits and hyphens; ` +
      'start with a letter and end with a letter or a digit.'
    )
  return null
}

/** Node pool names follow the same rule as cluster names (they prefix nothing, but kubectl shows them). */
export function nodePoolNameProblem(name: string): string | null {
  const problem = clusterNameProblem(name)
  return problem && problem.replace('cluster name', 'node pool name')
}

export function nodeCountProblem(count: number, what = 'node count'): string | null {
  if (!Number.isInteger(count) || count < 0 || count > MAX_POOL_NODE_COUNT)
    return `The ${what} ${count} is out of range: give a number from 0 to ${MAX_POOL_NODE_COUNT}.`
  return null
}

export function controlPlaneCountProblem(count: number): string | null {
  return (CONTROL_PLANE_COUNTS as readonly number[]).includes(count)
    ? null
    : `The control plane node count ${count} is not valid: use 1, 3 or 5 (an odd number keeps etcd's quorum).`
}

export function maxPodsProblem(maxPods: number): string | null {
  if (!Number.isInteger(maxPods) || maxPods < MIN_MAX_PODS || maxPods > MAX_MAX_PODS)
    return `The maximum pod count ${maxPods} is not valid: it must be from ${MIN_MAX_PODS} to ${MAX_MAX_PODS}.`
  return null
}

export function vmSizeProblem(size: string): string | null {
  return findVmSize(size)
    ? null
    : `The VM size '${size}' is not supported. Use one of: ${AKS_VM_SIZES.map((s) => s.name).join(', ')} (Get-AksHciVmSize).`
}

export interface Taint {
  key: string
  value: string
  effect: (typeof TAINT_EFFECTS)[number]
}

/** `key=value:Effect` → a taint, or null when it is not in that form. */
export function parseTaint(text: string): Taint | null {
  const m =
    /^([A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?)=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?:(\w+)$/.exec(
      text.trim(),
    )
  if (!m) return null
  const effect = TAINT_EFFECTS.find((e) => e === m[5])
  return effect ? { key: m[1]!, value: m[3] ?? '', effect } : null
}

export function taintProblem(text: string): string | null {
  return parseTaint(text)
    ? null
    : `The taint '${text}' is not valid: use key=value:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute.`
}

/** The first problem of a node pool on a version, or null (not its name's uniqueness). */
export function nodePoolProblem(pool: NodePoolSpec, kubernetesVersion: string): string | null {
  const version = findKubernetesVersion(kubernetesVersion)
  if (pool.osType === 'Windows' && version && !version.windows)
    return (
      `Kubernetes version ${version.version} does not support Windows nodes. Use one of ` +
      `${KUBERNETES_VERSIONS.filter((v) => v.windows)
        .map((v) => v.version)
        .join(', ')} for a Windows node pool.`
    )
  return (
    nodePoolNameProblem(pool.name) ??
    nodeCountProblem(pool.count) ??
    vmSizeProblem(pool.vmSize) ??
    maxPodsProblem(pool.maxPods) ??
    pool.taints.map(taintProblem).find((p) => p !== null) ??
    null
  )
}

/** The first problem of a whole spec (without lab state: host, duplicates, capacity), or null. */
export function clusterSpecProblem(spec: ClusterSpec): string | null {
  const nameProblem = clusterNameProblem(spec.name)
  if (nameProblem) return nameProblem
  const version = spec.kubernetesVersion ?? LATEST_KUBERNETES_VERSION
  if (!findKubernetesVersion(version))
    return (
      `Kubernetes version '${version}' is not available. Use one of ` +
      `${KUBERNETES_VERSIONS.map((v) => v.version).join(', ')} (Get-AksHciKubernetesVersion).`
    )
  const cp = controlPlaneCountProblem(spec.controlPlaneNodeCount)
  if (cp) return cp
  const size = vmSizeProblem(spec.controlPlaneVmSize) ?? vmSizeProblem(spec.loadBalancerVmSize)
  if (size) return size
  const seen = new Set<string>()
  for (const pool of spec.nodePools) {
    if (seen.has(pool.name)) return `The node pool name '${pool.name}' is used twice.`
    seen.add(pool.name)
    const problem = nodePoolProblem(pool, version)
    if (problem) return problem
  }
  return null
}

/** -linuxNodeCount / -windowsNodeCount (the older parameter set) as node pools `<name>-linux`, `<name>-windows`. */
export function poolsFromNodeCounts(
  clusterName: string,
  counts: {
    linuxNodeCount?: number
    windowsNodeCount?: number
    linuxNodeVmSize?: string
    windowsNodeVmSize?: string
  },
): NodePoolSpec[] {
  const pool = (os: 'Linux' | 'Windows', count: number, vmSize = 'Standard_K8S3_v1'): NodePoolSpec => ({
    name: `${clusterName}-${os.toLowerCase()}`,
    osType: os,
    vmSize,
    count,
    maxPods: 110,
    taints: [],
  })
  const pools = [pool('Linux', counts.linuxNodeCount ?? 1, counts.linuxNodeVmSize)]
  if ((counts.windowsNodeCount ?? 0) > 0)
    pools.push(pool('Windows', counts.windowsNodeCount!, counts.windowsNodeVmSize))
  return pools
}
