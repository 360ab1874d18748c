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

/** A Deployment of `replicas` pods of one container; `podSpec`: more pod spec lines (6-space indented). */
export const deployment = (name: string, image: string, replicas = 1, podSpec = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${podSpec}      containers:
      - {name: ${name}, image: '${image}'}
`
