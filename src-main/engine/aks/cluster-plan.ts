import type { AksCluster } from '@shared/aks-cluster'
import { LINUX_NODE_DISK_BYTES, WINDOWS_NODE_DISK_BYTES } from '@shared/aks-cluster-assumptions'
import { formatIp, parseIp } from '@shared/aks-ip'
import { planPlacement, placementProblem } from '@shared/aks-placement'
import { volumeOfPath } from '@shared/aks-paths'
import { findVmSize } from '@shared/aks-sizes'
import { volumeCapacity } from '@shared/capacity'
import { fail } from '@shared/errors'
import { formatBytes } from '@shared/format'
import { poolShape } from '@shared/s2d'
import type { Tx } from '../core/tx'
import { takenVips } from '../kube/services'

// Checks a workload cluster change against the lab before anything is made: the host, the servers'
// memory (placing every new VM as it would be placed), the image volume's space and the addresses.
// A change that does not fit fails here, so it creates nothing.

export type ClusterVmRole =
  'aks-control-plane' | 'aks-load-balancer' | 'aks-linux-worker' | 'aks-windows-worker'

export interface VmRequest {
  role: ClusterVmRole
  vmSize: string
  pool: string | null // node pool name for workers
}

export interface PlacedVm extends VmRequest {
  serverId: string
  memoryBytes: number
  processorCount: number
  diskBytes: number
  ip: string
}

export function assertHostInstalled(tx: Tx): void {
  if (tx.state.aks.phase !== 'Installed')
    fail(
      'AksHciNotInstalled',
      'AksHci is not installed. Install the AKS host with Install-AksHci (or the Azure Kubernetes Service tool) before creating a Kubernetes cluster.',
      'InvalidOperation',
    )
}

export function assertClusterIdle(cluster: AksCluster): void {
  if (cluster.phase !== 'Provisioned')
    fail(
      'ClusterNotReady',
      `The Kubernetes cluster '${cluster.name}' is ${cluster.phase.toLowerCase()}. Wait until it is provisioned and try again.`,
      'InvalidOperation',
      cluster.name,
    )
}

export function findCluster(tx: Tx, name: string): AksCluster {
  const cluster = tx.all('aksClusters').find((c) => c.name === name)
  if (!cluster)
    fail(
      'ClusterNotFound',
      `A workload cluster with the name '${name}' was not found.`,
      'ObjectNotFound',
      name,
    )
  return cluster
}

export function diskBytesFor(role: ClusterVmRole): number {
  return role === 'aks-windows-worker' ? WINDOWS_NODE_DISK_BYTES : LINUX_NODE_DISK_BYTES
}

/** Addresses no server, VM or the domain controller holds, in the host's node range (DHCP scope or static pool). */
function freeAddresses(tx: Tx, count: number): string[] {
  const config = tx.state.aks.config!
  const net = tx.state.cluster.network
  const taken = new Set<string>([
    ...tx.all('servers').map((s) => s.ip),
    ...tx.all('vms').flatMap((vm) => (vm.ip ? [vm.ip] : [])),
    tx.state.cluster.domainController.ip,
  ])
  const [startText, endText] =
    config.vnet.ipAllocation === 'Static'
      ? [config.vnet.k8sNodeIpPoolStart!, config.vnet.k8sNodeIpPoolEnd!]
      : [net.dhcpScope.start, net.dhcpScope.end]
  const out: string[] = []
  const end = parseIp(endText)!
  for (let ip = parseIp(startText)!; ip <= end && out.length < count; ip++)
    if (!taken.has(formatIp(ip))) out.push(formatIp(ip))
  if (out.length < count)
    fail(
      'AddressPoolExhausted',
      `Not enough free addresses in ${startText}–${endText}: the Kubernetes cluster needs ${count}, ${out.length} are free.`,
      'LimitsExceeded',
    )
  return out
}

/** The first VIP of the host's pool not taken: the pool's first address is the AKS host's API server. */
export function freeVip(tx: Tx): string {
  const vnet = tx.state.aks.config!.vnet
  // LoadBalancer Services hold VIPs of the same pool: a new API server must not take theirs.
  const taken = takenVips(tx)
  const end = parseIp(vnet.vipPoolEnd)!
  for (let ip = parseIp(vnet.vipPoolStart)! + 1; ip <= end; ip++)
    if (!taken.has(formatIp(ip))) return formatIp(ip)
  return fail(
    'VipPoolExhausted',
    `No free virtual IP is left in the VIP pool ${vnet.vipPoolStart}–${vnet.vipPoolEnd} for the cluster's API server.`,
    'LimitsExceeded',
  )
}

/** How the placement and its errors name a VM. */
function placementLabel(r: VmRequest): string {
  if (r.role === 'aks-control-plane') return 'control plane node'
  if (r.role === 'aks-load-balancer') return 'load balancer'
  return `${r.pool ?? 'node pool'} worker`
}

/**
 * Places every requested VM, in order, on the up server with the most free memory (counting the
 * VMs placed before it), checks the image volume's space for their OS disks and reserves addresses.
 */
export function planVms(tx: Tx, requests: VmRequest[]): PlacedVm[] {
  const plan = planPlacement(
    tx.state,
    requests.map((r) => ({ label: placementLabel(r), vmSize: r.vmSize })),
  )
  const problem = placementProblem(plan)
  if (problem) {
    const total = tx.all('servers').filter((s) => s.state === 'Up').length
    // The real error's words first (scripts match them), then why.
    fail(
      'OutOfCapacity',
      `Unable to find a Node that satisfies the input requirement. Total Nodes [${total}]: OutOfCapacity. ${problem}`,
      'LimitsExceeded',
    )
  }
  const placed = requests.map((r, i) => ({
    ...r,
    serverId: plan.serverIds[i]!,
    memoryBytes: plan.memoryBytes[i]!,
    processorCount: findVmSize(r.vmSize)!.cpu,
    diskBytes: diskBytesFor(r.role),
    ip: '',
  }))
  checkImageSpace(tx, placed)
  const ips = freeAddresses(tx, placed.length)
  return placed.map((p, i) => ({ ...p, ip: ips[i]! }))
}

function checkImageSpace(tx: Tx, placed: PlacedVm[]): void {
  const volume = volumeOfPath(tx.state, tx.state.aks.config!.imageDir)
  if (!volume)
    fail('VolumeNotFound', 'The volume of the AKS image directory no longer exists.', 'ObjectNotFound')
  const need = placed.reduce((n, p) => n + p.diskBytes, 0)
  const shape = poolShape(
    tx.all('servers').map((s) => s.id),
    tx.all('drives'),
  )
  const free = volumeCapacity(volume, shape, tx.state.files).freeBytes
  if (need > free)
    fail(
      'NotEnoughSpace',
      `There is not enough space on volume '${volume.name}' for the cluster's VM disks: they need ${formatBytes(need)}, ${formatBytes(free)} is free.`,
      'LimitsExceeded',
      volume.name,
    )
}
