import type { KubeCommandResult } from '@shared/kube-results'
import { ok } from '../aks/testkit'
import type { Lab } from '../lab'

// Fixtures of the workload command tests (not a test file): kubectl apply on cluster 'demo', the clock.

export function apply(lab: Lab, manifest: string, mode: 'apply' | 'create' = 'apply'): KubeCommandResult {
  return ok(lab, {
    type: 'kube.apply',
    cluster: 'demo',
    manifest,
    mode,
    namespace: null,
  }) as KubeCommandResult
}

export const advance = (lab: Lab, ms: number) => ok(lab, { type: 'clock.advance', ms })
