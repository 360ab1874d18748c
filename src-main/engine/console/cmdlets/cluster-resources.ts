import type { ClusterGroupState } from '@shared/aks'
import type { LabState } from '../../core/state'
import { cmdletError } from '../errors'
import { prop } from '../format/cells'
import type { CmdletDef, Registry, ViewDef } from '../registry'
import { PsObject, psEnum } from '../values'
import { named } from './cluster'
import { stableGuid } from './storage-objects'

// Get-Cluster and Get-ClusterResource (FailoverClusters), and Get-StorageJob (Storage). The
// resources follow the lab's groups: the core resources of "Cluster Group" on every Storage Spaces
// Direct cluster, the AKS cloud agent's generic service, and each VM's two resources.

const FC = 'Microsoft.FailoverClusters.PowerShell'
const RESOURCE_STATES: Record<ClusterGroupState, number> = { Online: 2, Offline: 3, Failed: 4, Pending: 129 }

interface Resource {
  name: string
  state: ClusterGroupState
  group: string
  type: string
}

/** The resources every S2D cluster has in its core group (as Get-ClusterResource lists them). */
const CORE_RESOURCES: [string, string][] = [
  ['Cluster IP Address', 'IP Address'],
  ['Cluster Name', 'Network Name'],
  ['Cluster Pool 1', 'Storage Pool'],
  ['Health', 'Health Service'],
  ['Storage Qos Resource', 'Storage QoS Policy Manager'],
  ['Virtual Machine Cluster WMI', 'Virtual Machine Cluster WMI'],
]

function resources(state: Readonly<LabState>): Resource[] {
  const out: Resource[] = CORE_RESOURCES.map(([name, type]) => ({
    name,
    type,
    state: 'Online',
    group: 'Cluster Group',
  }))
  for (const g of Object.values(state.clusterGroups))
    if (g.groupType === 'GenericService')
      out.push({ name: g.name, state: g.state, group: g.name, type: 'Generic Service' })
  for (const vm of Object.values(state.vms)) {
    const running = vm.state === 'Running' ? 'Online' : vm.state === 'Off' ? 'Offline' : 'Pending'
    out.push({ name: `Virtual Machine ${vm.name}`, state: running, group: vm.name, type: 'Virtual Machine' })
    out.push({
      name: `Virtual Machine Configuration ${vm.name}`,
      state: 'Online',
      group: vm.name,
      type: 'Virtual Machine Configuration',
    })
  }
  return out.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1))
}

function resourceObject(state: Readonly<LabState>, r: Resource): PsObject {
  return new PsObject(
    `${FC}.ClusterResource`,
    {
      Cluster: state.cluster.name,
      Name: r.name,
      State: psEnum(`${FC}.ClusterResourceState`, r.state, RESOURCE_STATES[r.state]),
      OwnerGroup: r.group,
      ResourceType: r.type,
      IsCoreResource: r.group === 'Cluster Group',
      Id: stableGuid(`resource:${r.name}`),
    },
    'ClusterResource',
    r.name,
  )
}

function clusterObject(state: Readonly<LabState>): PsObject {
  const name = state.cluster.name.split('.')[0]!
  return new PsObject(
    `${FC}.Cluster`,
    {
      Name: name,
      Domain: state.cluster.domain,
      Id: stableGuid(`cluster:${name}`),
      SharedVolumesRoot: 'C:\\ClusterStorage',
      S2DEnabled: 1,
      S2DCacheDesiredState: 0,
    },
    'Cluster',
    name,
  )
}

const VIEWS: ViewDef[] = [
  { key: 'Cluster', columns: [{ label: 'Name', value: prop('Name') }] },
  {
    key: 'ClusterResource',
    columns: ['Name', 'State', 'OwnerGroup', 'ResourceType'].map((p) => ({ label: p, value: prop(p) })),
  },
  {
    key: 'StorageJob',
    columns: [
      'Name',
      'IsBackgroundTask',
      'ElapsedTime',
      'JobState',
      'PercentComplete',
      'BytesProcessed',
      'BytesTotal',
    ].map((p) => ({ label: p, value: prop(p) })),
  },
]

const failover = { module: 'FailoverClusters', version: '2.0.0.0', commandType: 'Cmdlet' } as const

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-Cluster',
    ...failover,
    implementingType: `${FC}.GetClusterCommand`,
    synopsis: 'Gets the failover cluster the console runs on.',
    params: [{ name: 'Name', type: 'String', position: 0 }],
    invoke: (ctx) => [clusterObject(ctx.state())],
  },
  {
    name: 'Get-ClusterResource',
    ...failover,
    implementingType: `${FC}.GetResourceCommand`,
    synopsis:
      "Gets the cluster's resources: its core resources, the AKS cloud agent's service and each VM's.",
    params: [{ name: 'Name', type: 'String[]', position: 0 }],
    invoke: (ctx, args) => {
      const state = ctx.state()
      const all = resources(state).map((r) => resourceObject(state, r))
      return named(ctx, all, args.Name ?? null, (name) =>
        cmdletError(
          `The resource '${name}' was not found.`,
          'GetClusterResource',
          'ObjectNotFound',
          'ClusterCmdletException',
          name,
        ),
      )
    },
  },
  {
    name: 'Get-StorageJob',
    module: 'Storage',
    version: '2.0.0.0',
    commandType: 'Function',
    synopsis:
      "Gets the pool's running storage jobs (repairs, rebalancing). The lab's pool never needs repairing, so there are none.",
    params: [{ name: 'Name', type: 'String[]', position: 0 }],
    invoke: () => [],
  },
]

export function registerClusterResources(registry: Registry): void {
  for (const view of VIEWS) registry.addView(view)
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
