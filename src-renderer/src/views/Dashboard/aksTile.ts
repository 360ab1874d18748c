import type { AksHostPhase } from '@shared/aks'
import type { ClusterPhase } from '@shared/aks-cluster'
import type { KubeObject, LabView } from '@shared/contract'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { StatusKind } from '@/components/StatusIcon.vue'
import { countStates, type StateCount } from '@/components/status'
import { phaseKind } from '@/views/Aks/clusterStatus'

// The Dashboard's Azure Kubernetes Service tile: the host's state, its clusters by state, and their
// nodes and running pods, read from the engine's state.

export const HOST_PHASE: Record<AksHostPhase, { label: string; kind: StatusKind }> = {
  NotConfigured: { label: 'Not set up', kind: 'neutral' },
  Configured: { label: 'Configured', kind: 'neutral' },
  Installing: { label: 'Installing', kind: 'progress' },
  Installed: { label: 'Installed', kind: 'success' },
  Failed: { label: 'Failed', kind: 'error' },
}

const CLUSTER_PHASES: ClusterPhase[] = ['Provisioned', 'Creating', 'Updating', 'Deleting', 'Failed']
const clusterKinds = Object.fromEntries(CLUSTER_PHASES.map((p) => [p, phaseKind(p)])) as Record<
  ClusterPhase,
  StatusKind
>

export interface AksSummary {
  clusters: StateCount[]
  clusterCount: number
  nodes: number
  nodesReady: number
  podsRunning: number
}

export function aksSummary(view: Pick<LabView, 'aksClusters' | 'kube'>): AksSummary {
  const clusters = Object.values(view.aksClusters)
  let nodes = 0
  let nodesReady = 0
  let podsRunning = 0
  for (const o of Object.values(view.kube) as KubeObject[]) {
    if (o.kind === 'Node') {
      nodes++
      if ((o as Node & KubeObject).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        nodesReady++
    } else if (o.kind === 'Pod' && (o as Pod & KubeObject).status?.phase === 'Running') podsRunning++
  }
  return {
    clusters: countStates(
      CLUSTER_PHASES,
      clusters.map((c) => c.phase),
      clusterKinds,
    ),
    clusterCount: clusters.length,
    nodes,
    nodesReady,
    podsRunning,
  }
}
