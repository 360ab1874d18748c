import type { ClusterGroup } from '@shared/aks'
import type { LabState } from '../core/state'

// The failover cluster's own groups, present on every cluster before anything is installed
// (Get-ClusterGroup on a fresh cluster), and the workload clusters the AKS host is responsible for.

/** "Cluster Group" and "Available Storage", owned by the first server. */
export function defaultClusterGroups(state: Pick<LabState, 'servers'>): Record<string, ClusterGroup> {
  const first = Object.values(state.servers).sort((a, b) => a.nodeId - b.nodeId)[0]
  const owner = first?.id ?? ''
  return {
    'cluster-group': {
      id: 'cluster-group',
      name: 'Cluster Group',
      ownerServerId: owner,
      state: 'Online',
      groupType: 'Cluster',
    },
    'available-storage': {
      id: 'available-storage',
      name: 'Available Storage',
      ownerServerId: owner,
      state: 'Offline', // no disks are left outside the pool with Storage Spaces Direct
      groupType: 'AvailableStorage',
    },
  }
}

/** Adds the default groups to a lab being built (before any transaction exists). */
export function addDefaultClusterGroups(state: LabState): void {
  state.clusterGroups = { ...defaultClusterGroups(state), ...state.clusterGroups }
}

/** Names of the workload clusters the AKS host runs (Uninstall-AksHci refuses while any exist). */
export function workloadClusterNames(state: Pick<LabState, 'aksClusters'>): string[] {
  return Object.values(state.aksClusters)
    .map((c) => c.name)
    .sort()
}
