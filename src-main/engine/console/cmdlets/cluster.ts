import type { Server } from '@shared/domain'
import { poolCapacity } from '@shared/capacity'
import { csvPath } from '@shared/s2d'
import type { LabState } from '../../core/state'
import { cmdletError } from '../errors'
import { prop } from '../format/cells'
import { hasWildcard, wildcardPattern } from '../wildcard'
import type { CmdletContext, CmdletDef, Registry, ViewDef } from '../registry'
import { PsObject, psEnum, toText, type PsValue } from '../values'
import { stableGuid, volumePath } from './storage-objects'

// FailoverClusters (Get-ClusterNode, Get-ClusterSharedVolume) and Hyper-V (Get-VMSwitch). Their
// state fields are .NET enums: tables show the name, ConvertTo-Json the number.

const FC = 'Microsoft.FailoverClusters.PowerShell'
const NODE_STATES: Record<Server['state'], number> = { Up: 0, Down: 1, Paused: 2 }
const SWITCH_TYPES = { Private: 0, Internal: 1, External: 2 } as const

function clusterNode(state: Readonly<LabState>, s: Server): PsObject {
  return new PsObject(
    `${FC}.ClusterNode`,
    {
      Name: s.name,
      Id: String(s.nodeId),
      State: psEnum(`${FC}.ClusterNodeState`, s.state, NODE_STATES[s.state]),
      Type: psEnum(`${FC}.ClusterNodeType`, 'Node', 0),
      NodeName: s.name,
      NodeWeight: 1,
      DynamicWeight: 1,
      DrainStatus: psEnum(`${FC}.NodeDrainStatus`, 'NotInitiated', 0),
      Model: s.model,
      Manufacturer: s.manufacturer,
      Cluster: state.cluster.name,
    },
    'ClusterNode',
    s.name,
  )
}

function nodes(state: Readonly<LabState>): PsObject[] {
  return Object.values(state.servers)
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((s) => clusterNode(state, s))
}

function sharedVolumes(state: Readonly<LabState>): PsObject[] {
  return poolCapacity(state).volumes.map((cap) => {
    const v = cap.volume
    const owner = state.servers[v.ownerServerId]
    const partition = new PsObject('Microsoft.FailoverClusters.PowerShell.ClusterDiskPartitionInfo', {
      Name: volumePath(v.id),
      FileSystem: 'CSVFS',
      Size: cap.fileSystemBytes,
      FreeSpace: cap.freeBytes,
      UsedSpace: cap.fileSystemBytes - cap.freeBytes,
      PercentFree: cap.fileSystemBytes > 0 ? (cap.freeBytes / cap.fileSystemBytes) * 100 : 0,
    })
    const info = new PsObject(
      `${FC}.ClusterSharedVolumeInfo`,
      {
        FaultState: 'NoFaults',
        FriendlyVolumeName: csvPath(v.name),
        MaintenanceMode: false,
        Partition: partition,
        PartitionNumber: 2,
        RedirectedAccess: false,
      },
      undefined,
      csvPath(v.name),
    )
    return new PsObject(
      `${FC}.ClusterSharedVolume`,
      {
        Name: `Cluster Virtual Disk (${v.name})`,
        State: psEnum(`${FC}.ClusterSharedVolumeState`, 'Online', 2),
        OwnerNode: owner ? clusterNode(state, owner) : null,
        SharedVolumeInfo: [info],
        Id: stableGuid(`csv:${v.id}`),
      },
      'ClusterSharedVolume',
      `Cluster Virtual Disk (${v.name})`,
    )
  })
}

function switches(state: Readonly<LabState>): PsObject[] {
  const host = Object.values(state.servers).sort((a, b) => a.nodeId - b.nodeId)[0]
  return Object.values(state.switches).map((sw) => {
    const id = stableGuid(`switch:${sw.id}`)
    return new PsObject(
      'Microsoft.HyperV.PowerShell.VMSwitch',
      {
        Name: sw.name,
        Id: id,
        SwitchType: psEnum(
          'Microsoft.HyperV.PowerShell.VMSwitchType',
          sw.switchType,
          SWITCH_TYPES[sw.switchType],
        ),
        AllowManagementOS: true,
        NetAdapterInterfaceDescription: sw.netAdapterInterfaceDescription,
        NetAdapterInterfaceDescriptions: [sw.netAdapterInterfaceDescription],
        EmbeddedTeamingEnabled: true,
        ComputerName: host?.name ?? '',
        IsDeleted: false,
      },
      'VMSwitch',
      `VMSwitch (Name = '${sw.name}') [Id = '${id}']`,
    )
  })
}

/** Name filter for these modules: a plain name that matches nothing is an error of `notFound`. */
export function named(
  ctx: CmdletContext,
  objects: PsObject[],
  names: PsValue,
  notFound: (name: string) => Error,
): PsObject[] {
  if (names === null) return objects
  const out: PsObject[] = []
  for (const name of (Array.isArray(names) ? names : [names]).map(toText)) {
    const hits = objects.filter((o) => wildcardPattern(name).test(toText(o.get('Name'))))
    if (hits.length === 0 && !hasWildcard(name)) ctx.writeError(notFound(name))
    for (const hit of hits) if (!out.includes(hit)) out.push(hit)
  }
  return out
}

const VIEWS: ViewDef[] = [
  { key: 'ClusterNode', columns: ['Name', 'State', 'Type'].map((p) => ({ label: p, value: prop(p) })) },
  {
    key: 'ClusterSharedVolume',
    columns: [
      { label: 'Name', value: prop('Name') },
      { label: 'State', value: prop('State') },
      { label: 'Node', value: prop('OwnerNode') },
    ],
  },
  {
    key: 'VMSwitch',
    columns: ['Name', 'SwitchType', 'NetAdapterInterfaceDescription'].map((p) => ({
      label: p,
      value: prop(p),
    })),
  },
]

const failover = { module: 'FailoverClusters', version: '2.0.0.0', commandType: 'Cmdlet' } as const
const nameParam = { name: 'Name', type: 'String[]', position: 0 } as const

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-ClusterNode',
    ...failover,
    implementingType: `${FC}.GetNodeCommand`,
    synopsis: 'Gets the servers (nodes) of the failover cluster.',
    params: [nameParam],
    invoke: (ctx, args) =>
      named(ctx, nodes(ctx.state()), args.Name ?? null, (name) =>
        cmdletError(
          `The node '${name}' was not found in the cluster.`,
          'GetClusterNode',
          'ObjectNotFound',
          'ClusterCmdletException',
          name,
        ),
      ),
  },
  {
    name: 'Get-ClusterSharedVolume',
    ...failover,
    implementingType: `${FC}.GetClusterSharedVolumeCommand`,
    synopsis: 'Gets the cluster shared volumes (one per volume, under C:\\ClusterStorage).',
    params: [nameParam],
    invoke: (ctx, args) =>
      named(ctx, sharedVolumes(ctx.state()), args.Name ?? null, (name) =>
        cmdletError(
          `The resource '${name}' was not found.`,
          'GetClusterSharedVolume',
          'ObjectNotFound',
          'ClusterCmdletException',
          name,
        ),
      ),
  },
  {
    name: 'Get-VMSwitch',
    module: 'Hyper-V',
    version: '2.0.0.0',
    commandType: 'Cmdlet',
    implementingType: 'Microsoft.HyperV.PowerShell.Commands.GetVMSwitch',
    synopsis: 'Gets the Hyper-V virtual switches (the same switch exists on every server).',
    params: [nameParam],
    invoke: (ctx, args) =>
      named(ctx, switches(ctx.state()), args.Name ?? null, (name) =>
        cmdletError(
          `Hyper-V was unable to find a virtual switch with name "${name}".`,
          'ObjectNotFound',
          'ObjectNotFound',
          'VirtualizationException',
          name,
        ),
      ),
  },
]

export function registerCluster(registry: Registry): void {
  for (const view of VIEWS) registry.addView(view)
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
