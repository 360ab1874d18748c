import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { ownerRef } from './objects'
import { recordEvent } from './events'
import { putObject } from './store'
import type { WorkloadSpec } from './system'

// Creating Deployments (with their first ReplicaSet) and DaemonSets from a WorkloadSpec. Pods come
// from the controllers' reconcile, so a workload created here and one applied later by a user (next
// issue) are driven the same way.

export function tolerationsFor(spec: Pick<WorkloadSpec, 'kind' | 'onControlPlane'>): Toleration[] {
  const base: Toleration[] =
    spec.kind === 'DaemonSet'
      ? [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        ]
      : [{ key: 'CriticalAddonsOnly', operator: 'Exists' }]
  if (!spec.onControlPlane) return base
  return spec.kind === 'DaemonSet'
    ? [...base, { operator: 'Exists', effect: 'NoSchedule' }]
    : [...base, { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }]
}

function template(spec: WorkloadSpec, extraLabels: Record<string, string> = {}): PodTemplateSpec {
  return {
    metadata: { labels: { ...spec.labels, ...extraLabels } },
    spec: {
      containers: spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        imagePullPolicy: 'IfNotPresent',
        resources: { requests: { cpu: c.cpu, ...(c.memory ? { memory: c.memory } : {}) } },
      })),
      nodeSelector: { 'kubernetes.io/os': spec.os },
      ...(spec.hostNetwork ? { hostNetwork: true } : {}),
      tolerations: tolerationsFor(spec),
      ...(spec.priorityClassName ? { priorityClassName: spec.priorityClassName } : {}),
    },
  }
}

export function createWorkload(tx: Tx, clusterId: string, spec: WorkloadSpec): void {
  const meta = { name: spec.name, namespace: spec.namespace, labels: spec.labels, generation: 1 }
  if (spec.kind === 'DaemonSet') {
    const ds: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: meta,
      spec: {
        selector: { matchLabels: spec.labels },
        template: template(spec),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        revisionHistoryLimit: 10,
      },
      status: {
        currentNumberScheduled: 0,
        desiredNumberScheduled: 0,
        numberMisscheduled: 0,
        numberReady: 0,
        observedGeneration: 1,
      },
    }
    putObject(tx, clusterId, ds)
    return
  }
  const hash = tx.rng.kubeSuffix(10)
  const replicas = spec.replicas ?? 1
  const deployment = putObject(tx, clusterId, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...meta, annotations: { 'deployment.kubernetes.io/revision': '1' } },
    spec: {
      replicas,
      selector: { matchLabels: spec.labels },
      template: template(spec),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas: 0,
      updatedReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
    },
  } as Deployment)
  const rsName = `${spec.name}-${hash}`
  const labels = { ...spec.labels, 'pod-template-hash': hash }
  const rs = putObject(tx, clusterId, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      namespace: spec.namespace,
      labels,
      generation: 1,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(replicas),
        'deployment.kubernetes.io/max-replicas': String(replicas + 1),
        'deployment.kubernetes.io/revision': '1',
      },
      ownerReferences: [ownerRef(deployment)],
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: template(spec, { 'pod-template-hash': hash }),
    },
    status: {
      replicas: 0,
      fullyLabeledReplicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      observedGeneration: 1,
    },
  } as ReplicaSet)
  recordEvent(
    tx,
    clusterId,
    deployment,
    'ScalingReplicaSet',
    `Scaled up replica set ${rs.metadata.name} to ${replicas}`,
    { component: 'deployment-controller' },
  )
}
