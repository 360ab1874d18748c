import type { AksCluster } from '@shared/aks-cluster'
import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'

// Test objects shaped as the API server returns them, for the printers before (and besides) the
// engine's own: a control-plane node, a worker, and pods in kube-system and default.

export const T0 = Date.parse('2024-03-01T10:00:00Z')
const ts = (ms: number) => new Date(T0 + ms).toISOString().replace('.000', '')

function meta(name: string, namespace: string | undefined, at: number, labels: Record<string, string> = {}) {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    uid: `uid-${name}`,
    resourceVersion: '1',
    creationTimestamp: ts(at),
    labels,
  }
}

export function node(name: string, ip: string, controlPlane: boolean, at = 0): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta(name, undefined, at, {
      'kubernetes.io/os': 'linux',
      ...(controlPlane ? { 'node-role.kubernetes.io/master': '' } : {}),
    }),
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    status: {
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.20.7',
        osImage: 'CBL-Mariner/Linux',
        kernelVersion: '5.10.78.1-1.cm1',
        containerRuntimeVersion: 'containerd://1.4.4',
      },
    },
  }
}

export function pod(
  name: string,
  namespace: string,
  nodeName: string,
  at: number,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, namespace, at, { app: name.split('-')[0]! }),
    spec: { containers: [{ name: 'main', image: 'mcr.microsoft.com/x:1' }], nodeName },
    status: {
      phase: 'Running',
      podIP: '10.244.0.5',
      podIPs: [{ ip: '10.244.0.5' }],
      containerStatuses: [
        { name: 'main', ready: true, restartCount: 0, state: { running: { startedAt: ts(at) } } },
      ],
    },
    ...extra,
  }
}

export function withCluster(
  state: Readonly<LabState>,
  objects: KubeObject[],
  current: string | null = 'demo',
): LabState {
  const cluster = {
    id: 'c1',
    name: 'demo',
    kubernetesVersion: 'v1.20.7',
    apiServerVip: '192.168.0.201',
    phase: 'Provisioned',
  } as AksCluster
  const kube = Object.fromEntries(
    objects.map((o) => [`c1/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]),
  )
  return {
    ...state,
    clock: { ...state.clock, now: T0 + 5 * 60_000 + 21_000 },
    aksClusters: { c1: cluster },
    kube,
    kubeconfig: { contexts: ['demo'], current },
  }
}
