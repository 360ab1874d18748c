import type { ClusterGroup, VirtualMachine, VmState } from '@shared/aks'
import { fnv1a64 } from '../../core/hash'
import type { LabState } from '../../core/state'
import { cmdletError } from '../errors'
import { prop } from '../format/cells'
import type { CmdletContext, CmdletDef, Registry } from '../registry'
import { timeSpanText } from '../dates'
import { PsObject, psEnum, type PsValue } from '../values'
import { hyperVHosts, vmNotFound } from './hyperv-hosts'
import { named } from './cluster'
import { stableGuid } from './storage-objects'
import { registerVhd } from './vhd'

// Hyper-V's Get-VM and FailoverClusters' Get-ClusterGroup (powershell-views.md §8, §9). The console
// runs on the first server, and Get-VM, like the real one, lists the VMs of the server it runs on;
// -ComputerName names others (`Get-VM -ComputerName (Get-ClusterNode)` lists them all).

const HV = 'Microsoft.HyperV.PowerShell'
const FC = 'Microsoft.FailoverClusters.PowerShell'
const VM_STATES: Record<VmState, number> = { Running: 2, Off: 3, Stopping: 4, Starting: 10 }
const GROUP_STATES: Record<ClusterGroup['state'], number> = { Online: 0, Offline: 1, Failed: 2, Pending: 4 }
const MiB = 1024 * 1024
/** Configuration version of VMs made on Azure Stack HCI 20H2 (powershell-views.md §9). */
const VM_VERSION = '9.0'

/** A steady, small CPU load per running VM that changes each virtual minute, the same on replay. */
function cpuUsage(vm: VirtualMachine, now: number): number {
  if (vm.state !== 'Running') return 0
  return 1 + (parseInt(fnv1a64(`${vm.id}:${Math.floor(now / 60_000)}`).slice(0, 6), 16) % 6)
}

function vmObject(state: Readonly<LabState>, vm: VirtualMachine): PsObject {
  const host = state.servers[vm.serverId]
  const running = vm.state === 'Running'
  const uptimeMs = running && vm.startedAt !== null ? state.clock.now - vm.startedAt : 0
  const memory = running ? vm.memoryBytes : 0
  const id = stableGuid(`vm:${vm.id}`)
  return new PsObject(
    `${HV}.VirtualMachine`,
    {
      Name: vm.name,
      State: psEnum(`${HV}.VMState`, vm.state, VM_STATES[vm.state]),
      CPUUsage: cpuUsage(vm, state.clock.now),
      MemoryAssigned: memory,
      MemoryDemand: memory,
      MemoryStartup: vm.memoryBytes,
      DynamicMemoryEnabled: false,
      Uptime: timeSpanText(uptimeMs),
      Status: 'Operating normally',
      Version: VM_VERSION,
      ProcessorCount: vm.processorCount,
      Generation: 2,
      VMId: id,
      Id: id,
      ComputerName: host?.name ?? '',
      IsClustered: true,
      Heartbeat: running ? 'OkApplicationsUnknown' : null,
      ReplicationState: 'Disabled',
      Notes: vm.owner.label,
    },
    'VM',
    `VirtualMachine (Name = '${vm.name}') [Id = '${id}']`,
  )
}

function getVm(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  const state = ctx.state()
  const hosts = hyperVHosts(state, args.ComputerName)
  const vms = Object.values(state.vms)
    .filter((vm) => hosts.includes(vm.serverId))
    .sort((a, b) => hosts.indexOf(a.serverId) - hosts.indexOf(b.serverId) || compare(a.name, b.name))
  const objects = vms.map((vm) => vmObject(state, vm))
  return named(ctx, objects, args.Name ?? null, vmNotFound)
}

function compare(a: string, b: string): number {
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0
}

function groupObject(state: Readonly<LabState>, g: ClusterGroup): PsObject {
  const owner = state.servers[g.ownerServerId]
  const core = g.groupType === 'Cluster' || g.groupType === 'AvailableStorage'
  return new PsObject(
    `${FC}.ClusterGroup`,
    {
      Cluster: state.cluster.name,
      IsCoreGroup: core,
      OwnerNode: owner?.name ?? '',
      State: psEnum(`${FC}.ClusterGroupState`, g.state, GROUP_STATES[g.state]),
      Name: g.name,
      Description: '',
      PersistentState: g.state === 'Online' ? 1 : 0,
      FailoverThreshold: 4294967295,
      FailoverPeriod: 6,
      AutoFailbackType: 0,
      FailbackWindowStart: 4294967295,
      FailbackWindowEnd: 4294967295,
      AntiAffinityClassNames: [],
      GroupType: psEnum(`${FC}.GroupType`, g.groupType, 0),
      Id: stableGuid(`group:${g.id}`),
    },
    'ClusterGroup',
    g.name,
  )
}

/** Roles in name order, as the cluster lists them; each VM is a role named after it. */
function groups(state: Readonly<LabState>): PsObject[] {
  const vmRoles: ClusterGroup[] = Object.values(state.vms)
    .filter((vm) => !Object.values(state.clusterGroups).some((g) => g.name === vm.name))
    .map((vm) => ({
      id: `vm:${vm.id}`,
      name: vm.name,
      ownerServerId: vm.serverId,
      state: vm.state === 'Running' ? 'Online' : vm.state === 'Off' ? 'Offline' : 'Pending',
      groupType: 'VirtualMachine',
    }))
  return [...Object.values(state.clusterGroups), ...vmRoles]
    .sort((a, b) => compare(a.name, b.name))
    .map((g) => groupObject(state, g))
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-VM',
    module: 'Hyper-V',
    version: '2.0.0.0',
    commandType: 'Cmdlet',
    implementingType: `${HV}.Commands.GetVM`,
    synopsis:
      'Gets the virtual machines on this server (the console runs on the first server); -ComputerName hci-node2, or (Get-ClusterNode), for others.',
    params: [
      { name: 'Name', type: 'String[]', position: 0, aliases: ['VMName'] },
      { name: 'ComputerName', type: 'String[]' },
    ],
    invoke: getVm,
  },
  {
    name: 'Get-ClusterGroup',
    module: 'FailoverClusters',
    version: '2.0.0.0',
    commandType: 'Cmdlet',
    implementingType: `${FC}.GetClusterGroupCommand`,
    synopsis: 'Gets the cluster roles: the core groups, the AKS cloud agent (ca-<guid>) and one per VM.',
    params: [{ name: 'Name', type: 'String[]', position: 0 }],
    invoke: (ctx, args) =>
      named(ctx, groups(ctx.state()), args.Name ?? null, (name) =>
        cmdletError(
          `Cluster group '${name}' was not found.`,
          'GetClusterGroup',
          'ObjectNotFound',
          'ClusterCmdletException',
          name,
        ),
      ),
  },
]

export function registerHyperV(registry: Registry): void {
  registry.addView({
    key: 'VM',
    columns: [
      { label: 'Name', value: prop('Name') },
      { label: 'State', value: prop('State') },
      { label: 'CPUUsage(%)', value: prop('CPUUsage') },
      { label: 'MemoryAssigned(M)', value: (o) => String(Math.round(Number(o.get('MemoryAssigned')) / MiB)) },
      { label: 'Uptime', value: prop('Uptime') },
      { label: 'Status', value: prop('Status') },
      { label: 'Version', value: prop('Version') },
    ],
  })
  registry.addView({
    key: 'ClusterGroup',
    columns: ['Name', 'OwnerNode', 'State'].map((p) => ({ label: p, value: prop(p) })),
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
  registerVhd(registry)
}
