import type { ClusterPhase } from '@shared/aks-cluster'
import type { StatusKind } from '@/components/StatusIcon.vue'

/** The status icon of a cluster phase. */
export function phaseKind(phase: ClusterPhase | undefined): StatusKind {
  switch (phase) {
    case 'Provisioned':
      return 'success'
    case 'Failed':
      return 'error'
    case undefined:
      return 'neutral'
    default:
      return 'progress'
  }
}
