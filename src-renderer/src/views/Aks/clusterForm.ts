import { inject, provide, reactive, type InjectionKey } from 'vue'
import { AKS_VM_SIZES, findVmSize, vmSizeMemoryBytes } from '@shared/aks-sizes'
import { poolsFromNodeCounts } from '@shared/aks-cluster-rules'
import type { CommandInput } from '@shared/commands'
import type { VmToPlace } from '@shared/aks-placement'

// The Create Kubernetes cluster wizard's answers, the aks.cluster.create command they make, and the
// PowerShell that does the same (New-AksHciCluster, then New-AksHciNodePool for the extra pools).

export interface PoolForm {
  key: number // stable v-for key while names are edited
  name: string
  osType: 'Linux' | 'Windows'
  vmSize: string
  count: number
  maxPods: number
  taints: string // comma-separated, as typed
}

export interface ClusterForm {
  name: string
  kubernetesVersion: string
  controlPlaneNodeCount: number
  controlPlaneVmSize: string
  loadBalancerVmSize: string
  enableArc: boolean
  pools: PoolForm[]
  primaryNetworkPlugin: 'flannel' | 'calico'
}

const FORM: InjectionKey<ClusterForm> = Symbol('aks-cluster-form')

/** The steps share one form object through the wizard (provide/inject), not props they would mutate. */
export function provideClusterForm(form: ClusterForm): void {
  provide(FORM, form)
}

export function useClusterForm(): ClusterForm {
  const form = inject(FORM)
  if (!form) throw new Error('useClusterForm() outside the Create Kubernetes cluster wizard')
  return form
}

export const DEFAULT_NODE_SIZE = 'Standard_K8S3_v1'
export const DEFAULT_CONTROL_PLANE_SIZE = 'Standard_A4_v2'

let nextKey = 1

/** The next default pool name for an OS: LinuxPool1, WindowsPool1, LinuxPool2 … (lower case, as AKS stores names). */
export function nextPoolName(pools: PoolForm[], osType: 'Linux' | 'Windows'): string {
  const base = `${osType.toLowerCase()}pool`
  let i = 1
  while (pools.some((p) => p.name.toLowerCase() === `${base}${i}`)) i++
  return `${base}${i}`
}

export function newPool(pools: PoolForm[], osType: 'Linux' | 'Windows'): PoolForm {
  return {
    key: nextKey++,
    name: nextPoolName(pools, osType),
    osType,
    vmSize: DEFAULT_NODE_SIZE,
    count: 1,
    maxPods: 110,
    taints: '',
  }
}

export function newClusterForm(kubernetesVersion: string): ClusterForm {
  const form = reactive<ClusterForm>({
    name: '',
    kubernetesVersion,
    controlPlaneNodeCount: 1,
    controlPlaneVmSize: DEFAULT_CONTROL_PLANE_SIZE,
    loadBalancerVmSize: DEFAULT_CONTROL_PLANE_SIZE,
    enableArc: false,
    pools: [],
    primaryNetworkPlugin: 'flannel',
  })
  form.pools.push(newPool(form.pools, 'Linux'))
  return form
}

/** "Standard_K8S3_v1 (6 GB Memory, 4 CPU)", as WAC labels node sizes. */
export function sizeLabel(name: string): string {
  const s = findVmSize(name)
  return s ? `${s.name} (${s.memoryGB} GB Memory, ${s.cpu} CPU)` : name
}

export const SIZE_OPTIONS = AKS_VM_SIZES.map((s) => ({ value: s.name, label: sizeLabel(s.name) }))

export const taintsOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '')

/**
 * The -linuxNodeCount/-windowsNodeCount form when the pools are exactly what it makes (pools
 * `<name>-linux` and `<name>-windows`, shared poolsFromNodeCounts), or null.
 */
export function nodeCountsOf(form: ClusterForm): {
  linuxNodeCount: number
  windowsNodeCount: number
  linuxNodeVmSize: string
  windowsNodeVmSize: string
} | null {
  const name = form.name.trim()
  const linux = form.pools.find((p) => p.osType === 'Linux')
  const windows = form.pools.find((p) => p.osType === 'Windows')
  if (!linux) return null
  const counts = {
    linuxNodeCount: linux.count,
    windowsNodeCount: windows?.count ?? 0,
    linuxNodeVmSize: linux.vmSize,
    windowsNodeVmSize: windows?.vmSize ?? DEFAULT_NODE_SIZE,
  }
  const want = poolsFromNodeCounts(name, counts)
  const have = form.pools.map((p) => ({ ...poolSpecOf(p) }))
  return JSON.stringify(want) === JSON.stringify(have) ? counts : null
}

function poolSpecOf(p: PoolForm) {
  return {
    name: p.name.trim(),
    osType: p.osType,
    vmSize: p.vmSize,
    count: p.count,
    maxPods: p.maxPods,
    taints: taintsOf(p.taints),
  }
}

export function createCommand(form: ClusterForm): CommandInput {
  return {
    type: 'aks.cluster.create',
    name: form.name.trim(),
    kubernetesVersion: form.kubernetesVersion,
    controlPlaneNodeCount: form.controlPlaneNodeCount,
    controlPlaneVmSize: form.controlPlaneVmSize,
    loadBalancerVmSize: form.loadBalancerVmSize,
    nodePools: form.pools.map(poolSpecOf),
    primaryNetworkPlugin: form.primaryNetworkPlugin,
    enableArc: form.enableArc,
    parameterSet: nodeCountsOf(form) ? 'nodeCounts' : 'nodePools',
  }
}

/** One row per VM the cluster will start: control plane, load balancer, workers. */
export interface VmNeed {
  label: string
  count: number
  vmSize: string
  cpu: number
  memoryBytes: number // each
}

/** A count as typed can be empty, negative or a fraction: the rules say so; the sums count none. */
const vmCount = (count: number) => (Number.isInteger(count) && count > 0 ? count : 0)

export function vmNeeds(form: ClusterForm): VmNeed[] {
  const row = (label: string, count: number, vmSize: string): VmNeed => {
    const s = findVmSize(vmSize)
    return {
      label,
      count: vmCount(count),
      vmSize,
      cpu: s?.cpu ?? 0,
      memoryBytes: s ? vmSizeMemoryBytes(s) : 0,
    }
  }
  return [
    row('Control plane', form.controlPlaneNodeCount, form.controlPlaneVmSize),
    row('Load balancer', 1, form.loadBalancerVmSize),
    ...form.pools.map((p) => row(`${p.name} (${p.osType})`, p.count, p.vmSize)),
  ]
}

/** The cluster's VMs in the order New-AksHciCluster places them: load balancer, control plane, workers. */
export function vmsToPlace(form: ClusterForm): VmToPlace[] {
  const times = (count: number, vm: VmToPlace) => Array.from({ length: vmCount(count) }, () => vm)
  return [
    { label: 'load balancer', vmSize: form.loadBalancerVmSize },
    ...times(form.controlPlaneNodeCount, { label: 'control plane node', vmSize: form.controlPlaneVmSize }),
    ...form.pools.flatMap((p) => times(p.count, { label: `${p.name.trim()} worker`, vmSize: p.vmSize })),
  ]
}

export const totalMemory = (needs: VmNeed[]) => needs.reduce((n, v) => n + v.count * v.memoryBytes, 0)
export const totalCpu = (needs: VmNeed[]) => needs.reduce((n, v) => n + v.count * v.cpu, 0)

const q = (s: string) => `"${s.replace(/"/g, '`"')}"`

/** The PowerShell that creates the same cluster: the first pool on New-AksHciCluster, the rest after. */
export function powerShellOf(form: ClusterForm): string[] {
  const [first, ...rest] = form.pools
  const name = form.name.trim() || '<name>'
  const cluster = [
    `New-AksHciCluster -name ${name}`,
    `-kubernetesVersion ${form.kubernetesVersion}`,
    `-controlPlaneNodeCount ${form.controlPlaneNodeCount}`,
  ]
  if (form.controlPlaneVmSize !== DEFAULT_CONTROL_PLANE_SIZE)
    cluster.push(`-controlPlaneVmSize ${form.controlPlaneVmSize}`)
  if (form.loadBalancerVmSize !== DEFAULT_CONTROL_PLANE_SIZE)
    cluster.push(`-loadBalancerVmSize ${form.loadBalancerVmSize}`)
  const counts = nodeCountsOf(form)
  if (counts) {
    cluster.push(`-linuxNodeCount ${counts.linuxNodeCount}`)
    if (counts.linuxNodeVmSize !== DEFAULT_NODE_SIZE)
      cluster.push(`-linuxNodeVmSize ${counts.linuxNodeVmSize}`)
    if (counts.windowsNodeCount > 0) cluster.push(`-windowsNodeCount ${counts.windowsNodeCount}`)
    if (counts.windowsNodeVmSize !== DEFAULT_NODE_SIZE)
      cluster.push(`-windowsNodeVmSize ${counts.windowsNodeVmSize}`)
    cluster.push(`-primaryNetworkPlugin ${form.primaryNetworkPlugin}`)
    const lines = [cluster.join(' ')]
    if (form.enableArc) lines.push(`Enable-AksHciArcConnection -name ${name}`)
    return lines
  }
  if (first) {
    cluster.push(`-nodePoolName ${first.name}`, `-nodeCount ${first.count}`, `-osType ${first.osType}`)
    if (first.vmSize !== DEFAULT_NODE_SIZE) cluster.push(`-nodeVmSize ${first.vmSize}`)
    if (first.maxPods !== 110) cluster.push(`-nodeMaxPodCount ${first.maxPods}`)
    const taints = taintsOf(first.taints)
    if (taints.length) cluster.push(`-taints ${taints.map(q).join(',')}`)
  }
  cluster.push(`-primaryNetworkPlugin ${form.primaryNetworkPlugin}`)
  const lines = [cluster.join(' ')]
  for (const p of rest) {
    const pool = [
      `New-AksHciNodePool -clusterName ${name} -name ${p.name} -count ${p.count} -osType ${p.osType}`,
    ]
    if (p.vmSize !== DEFAULT_NODE_SIZE) pool.push(`-vmSize ${p.vmSize}`)
    if (p.maxPods !== 110) pool.push(`-maxPodCount ${p.maxPods}`)
    const taints = taintsOf(p.taints)
    if (taints.length) pool.push(`-taints ${taints.map(q).join(',')}`)
    lines.push(pool.join(' '))
  }
  if (form.enableArc) lines.push(`Enable-AksHciArcConnection -name ${name}`)
  return lines
}
