import type { VirtualMachine } from '@shared/aks'
import { VM_DISK_FOLDER } from '@shared/aks-assumptions'
import type { AksCluster } from '@shared/aks-cluster'
import { joinPath, volumeOfPath } from '@shared/aks-paths'
import { findVmSize } from '@shared/aks-sizes'
import type { FileEntry } from '@shared/domain'
import { csvPath } from '@shared/s2d'
import type { Tx } from '../core/tx'
import { putFile, removeFile } from '../hci/ledger'
import type { PlacedVm } from './cluster-plan'

// A workload cluster's Hyper-V VMs: created (Starting, memory held, OS disk in the ledger, a VM role
// in the failover cluster) and removed with every byte they held. VM names are the node names.

export const CLUSTER_OWNER_KIND = 'aks-cluster'
const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'

const ROLE_LABEL: Record<PlacedVm['role'], string> = {
  'aks-control-plane': 'control plane',
  'aks-load-balancer': 'load balancer',
  'aks-linux-worker': 'Linux worker',
  'aks-windows-worker': 'Windows worker',
}

/** `<cluster>-control-plane-xxxxx`, `<cluster>-load-balancer-xxxxx`, `moc-l…` / `moc-w…` (15 characters, a NetBIOS name). */
function vmName(tx: Tx, cluster: AksCluster, role: PlacedVm['role']): string {
  switch (role) {
    case 'aks-control-plane':
      return `${cluster.name}-control-plane-${tx.rng.kubeSuffix(5)}`
    case 'aks-load-balancer':
      return `${cluster.name}-load-balancer-${tx.rng.kubeSuffix(5)}`
    case 'aks-linux-worker':
      return `moc-l${tx.rng.chars(10, NAME_CHARS)}`
    case 'aks-windows-worker':
      return `moc-w${tx.rng.chars(10, NAME_CHARS)}`
  }
}

export function ownerLabel(cluster: AksCluster, p: Pick<PlacedVm, 'role' | 'pool'>): string {
  return `Kubernetes cluster ${cluster.name} (${p.pool ? `node pool ${p.pool}, ` : ''}${ROLE_LABEL[p.role]})`
}

export function createClusterVm(tx: Tx, cluster: AksCluster, p: PlacedVm): VirtualMachine {
  const owner = { kind: CLUSTER_OWNER_KIND, id: cluster.id, label: ownerLabel(cluster, p) }
  const imageVolume = volumeOfPath(tx.state, tx.state.aks.config!.imageDir)!
  const disk: FileEntry = {
    id: tx.nextId('file'),
    volumeId: imageVolume.id,
    path: joinPath(csvPath(imageVolume.name), VM_DISK_FOLDER, tx.rng.hex(15), `${tx.rng.guid()}.vhdx`),
    sizeBytes: p.diskBytes,
    allocatedBytes: p.diskBytes,
    owner: { ...owner, label: `${owner.label.slice(0, -1)} OS disk)` },
    createdAt: tx.now,
  }
  putFile(tx, disk)
  const id = tx.nextId('vm')
  const vm: VirtualMachine = {
    id,
    name: vmName(tx, cluster, p.role),
    serverId: p.serverId,
    state: 'Starting',
    vmSize: findVmSize(p.vmSize)!.name,
    processorCount: p.processorCount,
    memoryBytes: p.memoryBytes,
    os: p.role === 'aks-windows-worker' ? 'Windows Server 2019 Datacenter Core' : 'CBL-Mariner',
    role: p.role,
    diskFileIds: [disk.id],
    ip: p.ip,
    owner,
    createdAt: tx.now,
    startedAt: tx.now,
  }
  tx.put('vms', id, vm)
  tx.put('clusterGroups', `vm-${id}`, {
    id: `vm-${id}`,
    name: vm.name,
    ownerServerId: vm.serverId,
    state: 'Pending',
    groupType: 'VirtualMachine',
  })
  return vm
}

export function setVmRunning(tx: Tx, vmId: string): VirtualMachine | undefined {
  const vm = tx.get('vms', vmId)
  if (!vm) return undefined
  const running = { ...vm, state: 'Running' as const }
  tx.put('vms', vmId, running)
  const group = tx.get('clusterGroups', `vm-${vmId}`)
  if (group) tx.put('clusterGroups', group.id, { ...group, state: 'Online' })
  return running
}

/** Removes a VM, its disk files and its cluster role. */
export function removeClusterVm(tx: Tx, vmId: string): void {
  const vm = tx.get('vms', vmId)
  if (!vm) return
  tx.remove('vms', vmId)
  for (const f of vm.diskFileIds) removeFile(tx, f)
  tx.remove('clusterGroups', `vm-${vmId}`)
}
