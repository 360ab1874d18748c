import type { KubeObject } from '@shared/contract'
import { T0 } from './fixtures'

// Storage and workload objects as the API server returns them after the walkthrough's steps: the
// default msvhd StorageClass, a bound claim and its volume, a pending claim, a stateful set, a
// LoadBalancer service and a job.

const ts = (ms: number) => new Date(T0 + ms).toISOString().replace('.000', '')
const meta = (name: string, namespace: string | undefined, at: number, extra: object = {}) => ({
  name,
  ...(namespace === undefined ? {} : { namespace }),
  uid: `uid-${name}`,
  resourceVersion: '1',
  creationTimestamp: ts(at),
  ...extra,
})

export const STORAGE_OBJECTS: KubeObject[] = [
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: meta('default', undefined, 0, {
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    }),
    provisioner: 'disk.csi.akshci.com',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('bigvolume', 'default', 5 * 60_000),
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '100Gi' } },
      storageClassName: 'default',
      volumeName: 'pvc-e11dbfa2-3fc1-4d2c-9c5e-0a1b2c3d4e5f',
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '100Gi' } },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('waiting', 'default', 5 * 60_000 + 20_000),
    spec: {
      accessModes: ['ReadWriteOnce', 'ReadWriteMany'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'slow',
    },
    status: { phase: 'Pending' },
  },
  {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: meta('pvc-e11dbfa2-3fc1-4d2c-9c5e-0a1b2c3d4e5f', undefined, 5 * 60_000 + 1_000),
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '100Gi' },
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'bigvolume' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'default',
      volumeMode: 'Filesystem',
      csi: { driver: 'disk.csi.akshci.com', volumeHandle: 'vhd-1' },
    },
    status: { phase: 'Bound' },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('demo3', 'default', 2 * 60_000 + 46_000),
    spec: {
      replicas: 5,
      serviceName: 'demo3',
      selector: { matchLabels: { mylabel: 'demo3' } },
      template: {
        spec: { containers: [{ name: 'demo3', image: 'mcr.microsoft.com/azurestackhci/aks-demo:latest' }] },
      },
    },
    status: { replicas: 5, readyReplicas: 5 },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web', 'default', 60_000),
    spec: {
      type: 'LoadBalancer',
      clusterIP: '10.96.12.34',
      ports: [{ port: 80, nodePort: 30572, protocol: 'TCP' }],
      selector: { app: 'web' },
    },
    status: { loadBalancer: {} },
  },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('pi', 'default', 60_000),
    spec: {
      completions: 1,
      selector: { matchLabels: { 'controller-uid': 'uid-pi' } },
      template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } },
    },
    status: { succeeded: 1, startTime: ts(60_000), completionTime: ts(60_000 + 37_000) },
  },
]
