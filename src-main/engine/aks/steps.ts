import type { AksConfig, VirtualMachine } from '@shared/aks'
import {
  AKS_IMAGES,
  CLOUD_CONFIG_BYTES,
  KUBECONFIG_BYTES,
  MGMT_VM_DISK_BYTES,
  MGMT_VM_NAME_PREFIX,
  MGMT_VM_OS,
  VM_DISK_FOLDER,
  type AksInstallStepId,
} from '@shared/aks-assumptions'
import { formatIp, parseIp } from '@shared/aks-ip'
import { pickServerFor } from '@shared/aks-memory'
import { cloudConfigPath, joinPath, kubeconfigPath, volumeOfPath } from '@shared/aks-paths'
import { findVmSize } from '@shared/aks-sizes'
import type { FileEntry } from '@shared/domain'
import { fail } from '@shared/errors'
import { formatBytes } from '@shared/format'
import { csvPath } from '@shared/s2d'
import type { Tx } from '../core/tx'
import { putFile } from '../hci/ledger'
import { checkInstallable, checkMemory, mgmtMemory } from './preflight'
import { AKS_OWNER, log, patchAks } from './state'

// What each install step leaves behind when it ends. Each effect checks before it changes anything
// where it can; if it fails anyway, the install's failure path removes whatever the install made.

function addFile(tx: Tx, path: string, bytes: number, label: string): FileEntry {
  const volume = volumeOfPath(tx.state, path)
  if (!volume) fail('VolumeNotFound', `The volume for '${path}' no longer exists.`, 'ObjectNotFound', path)
  const file: FileEntry = {
    id: tx.nextId('file'),
    volumeId: volume.id,
    path,
    sizeBytes: bytes,
    allocatedBytes: bytes,
    owner: { ...AKS_OWNER, label },
    createdAt: tx.now,
  }
  putFile(tx, file)
  return file
}

function upServers(tx: Tx) {
  return tx
    .all('servers')
    .filter((s) => s.state === 'Up')
    .sort((a, b) => a.nodeId - b.nodeId)
}

/** The management VM's address: DHCP hands out the scope's next free one; Static takes the node pool's. */
function nextAddress(tx: Tx, config: AksConfig): string {
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
  const end = parseIp(endText)!
  for (let ip = parseIp(startText)!; ip <= end; ip++) if (!taken.has(formatIp(ip))) return formatIp(ip)
  return fail(
    'AddressPoolExhausted',
    `No free address is left in ${startText}–${endText} for the management cluster VM.`,
    'LimitsExceeded',
  )
}

function createManagementVm(tx: Tx, config: AksConfig): void {
  const memoryBytes = mgmtMemory(config)
  const server = pickServerFor(tx.state, memoryBytes)
  if (!server) {
    checkMemory(tx, config) // throws with the figures
    return
  }
  const imageVolume = volumeOfPath(tx.state, config.imageDir)!
  const container = tx.rng.hex(15)
  const id = tx.nextId('vm')
  const disk = addFile(
    tx,
    joinPath(csvPath(imageVolume.name), VM_DISK_FOLDER, container, `${tx.rng.guid()}.vhdx`),
    MGMT_VM_DISK_BYTES,
    'AKS host (management cluster VM disk)',
  )
  const size = findVmSize(config.controlPlaneVmSize)!
  const vm: VirtualMachine = {
    id,
    name: MGMT_VM_NAME_PREFIX + tx.rng.kubeSuffix(5),
    serverId: server.serverId,
    state: 'Starting',
    vmSize: size.name,
    processorCount: size.cpu,
    memoryBytes,
    os: MGMT_VM_OS,
    role: 'aks-management',
    diskFileIds: [disk.id],
    ip: null,
    owner: { ...AKS_OWNER, label: 'AKS host (management cluster)' },
    createdAt: tx.now,
    startedAt: tx.now,
  }
  tx.put('vms', id, vm)
  patchAks(tx, { managementVmId: id })
  log(tx, `Created VM ${vm.name} (${size.name}, ${formatBytes(memoryBytes)}) on ${server.name}; starting it.`)
}

/** Applies the effect of a finished step. */
export function finishStep(tx: Tx, id: AksInstallStepId, config: AksConfig): void {
  switch (id) {
    case 'validate':
      checkInstallable(tx, config)
      log(tx, 'Validated the servers, the network setting and the storage.')
      return
    case 'images':
      for (const image of AKS_IMAGES) {
        addFile(tx, joinPath(config.imageDir, image.fileName), image.sizeBytes, 'AKS host (node image)')
        log(tx, `Downloaded ${image.os} node image ${image.fileName} (${formatBytes(image.sizeBytes)}).`)
      }
      return
    case 'cloudAgent': {
      const role = tx.state.aks.cloudAgentRole!
      const imageVolume = volumeOfPath(tx.state, config.imageDir)
      const owner = imageVolume?.ownerServerId ?? upServers(tx)[0]!.id
      tx.put('clusterGroups', role, {
        id: role,
        name: role,
        ownerServerId: owner,
        state: 'Online',
        groupType: 'GenericService',
      })
      addFile(tx, cloudConfigPath(config), CLOUD_CONFIG_BYTES, 'AKS host (cloud agent configuration)')
      log(
        tx,
        `Created the clustered role ${role} for the MOC cloud agent (wssdcloudagent, ports 55000/65000).`,
      )
      return
    }
    case 'nodeAgents': {
      const servers = upServers(tx)
      patchAks(tx, { nodeAgentServerIds: servers.map((s) => s.id) })
      log(
        tx,
        `Installed the node agent (wssdagent, ports 45000/45001) on ${servers.map((s) => s.name).join(', ')}.`,
      )
      return
    }
    case 'mgmtVm':
      createManagementVm(tx, config)
      return
    case 'boot': {
      const vm = tx.get('vms', tx.state.aks.managementVmId ?? '')
      if (!vm) fail('VmNotFound', 'The management cluster VM is gone.', 'ObjectNotFound')
      const ip = nextAddress(tx, config)
      tx.put('vms', vm.id, { ...vm, state: 'Running', ip })
      log(tx, `${vm.name} is running with IP address ${ip}.`)
      return
    }
    case 'bootstrap':
      addFile(tx, kubeconfigPath(config), KUBECONFIG_BYTES, 'AKS host (kubeconfig)')
      log(tx, `Kubernetes is up on the management cluster; wrote ${kubeconfigPath(config)}.`)
      return
    case 'kubectl':
      log(
        tx,
        `Installed kubectl.exe on ${upServers(tx)
          .map((s) => s.name)
          .join(', ')}.`,
      )
      return
    case 'arc': {
      const reg = tx.state.aks.registration
      log(
        tx,
        reg
          ? `Registered the AKS host with Azure Arc as a 'Kubernetes - Azure Arc' resource (distribution aks_management) in ${reg.resourceGroupName}, ${reg.region} (simulated).`
          : 'Skipped Azure Arc registration: no registration was set (Set-AksHciRegistration).',
      )
      return
    }
  }
}
