// What AKS on Azure Stack HCI runs in kube-system (facts §3 and the seed's `kubectl get pod -A`):
// static control plane pods, Deployments and DaemonSets, as data the controllers reconcile. The next
// issue's user workloads go through the same controllers with their own specs.

export interface ContainerSpec {
  name: string
  image: string
  cpu: string // requests.cpu
  memory?: string // requests.memory
}

export interface WorkloadSpec {
  kind: 'Deployment' | 'DaemonSet'
  name: string
  namespace: string
  labels: Record<string, string> // also the selector and the pod template's labels
  replicas?: number // Deployments
  os: 'linux' | 'windows' // nodeSelector kubernetes.io/os
  /** Tolerates node-role.kubernetes.io/master:NoSchedule, so it may run on control plane nodes. */
  onControlPlane: boolean
  hostNetwork: boolean
  containers: ContainerSpec[]
  priorityClassName?: string
}

const MCR = 'mcr.microsoft.com/oss/kubernetes'

function etcdVersion(k8s: string): string {
  return k8s.startsWith('v1.17') || k8s.startsWith('v1.18') ? '3.4.3-0' : '3.4.13-0'
}

function corednsVersion(k8s: string): string {
  return k8s.startsWith('v1.20') ? '1.7.0' : '1.6.7'
}

/** The static pods on each control plane node, named `<component>-<node>` (mirror pods). */
export function staticPodSpecs(k8s: string): ContainerSpec[] {
  return [
    { name: 'etcd', image: `${MCR}/etcd:${etcdVersion(k8s)}`, cpu: '100m', memory: '100Mi' },
    { name: 'kube-apiserver', image: `${MCR}/kube-apiserver:${k8s}`, cpu: '250m' },
    { name: 'kube-controller-manager', image: `${MCR}/kube-controller-manager:${k8s}`, cpu: '200m' },
    { name: 'kube-scheduler', image: `${MCR}/kube-scheduler:${k8s}`, cpu: '100m' },
  ]
}

const CSI = 'mcr.microsoft.com/oss/kubernetes-csi'

/** kube-system's Deployments and DaemonSets for a cluster's version and network plugin. */
export function systemWorkloads(k8s: string, plugin: 'flannel' | 'calico'): WorkloadSpec[] {
  const ns = 'kube-system'
  const critical = 'system-cluster-critical'
  const node = 'system-node-critical'
  const workloads: WorkloadSpec[] = [
    {
      kind: 'Deployment',
      name: 'coredns',
      namespace: ns,
      labels: { 'k8s-app': 'kube-dns' },
      replicas: 2,
      os: 'linux',
      onControlPlane: true,
      hostNetwork: false,
      containers: [
        { name: 'coredns', image: `${MCR}/coredns:${corednsVersion(k8s)}`, cpu: '100m', memory: '70Mi' },
      ],
      priorityClassName: critical,
    },
    {
      kind: 'Deployment',
      name: 'csi-msk8scsi-controller',
      namespace: ns,
      labels: { app: 'csi-msk8scsi-controller' },
      replicas: 1,
      os: 'linux',
      onControlPlane: true,
      hostNetwork: false,
      containers: [
        { name: 'csi-provisioner', image: `${CSI}/csi-provisioner:v1.4.0`, cpu: '10m', memory: '20Mi' },
        { name: 'csi-attacher', image: `${CSI}/csi-attacher:v1.2.0`, cpu: '10m', memory: '20Mi' },
        { name: 'csi-resizer', image: `${CSI}/csi-resizer:v0.5.0`, cpu: '10m', memory: '20Mi' },
        { name: 'liveness-probe', image: `${CSI}/livenessprobe:v2.0.0`, cpu: '10m', memory: '20Mi' },
        { name: 'msk8scsi', image: 'mcr.microsoft.com/aks/hci/msk8scsi:v0.1.0', cpu: '10m', memory: '20Mi' },
      ],
      priorityClassName: critical,
    },
    {
      kind: 'Deployment',
      name: 'moc-cloud-controller-manager',
      namespace: ns,
      labels: { 'k8s-app': 'moc-cloud-controller-manager' },
      replicas: 1,
      os: 'linux',
      onControlPlane: true,
      hostNetwork: true,
      containers: [
        {
          name: 'moc-cloud-controller-manager',
          image: 'mcr.microsoft.com/aks/hci/moc-ccm:v0.1.0',
          cpu: '100m',
        },
      ],
      priorityClassName: critical,
    },
    {
      kind: 'DaemonSet',
      name: 'csi-msk8scsi-node',
      namespace: ns,
      labels: { app: 'csi-msk8scsi-node' },
      os: 'linux',
      onControlPlane: false, // the seed: 2 csi node pods on a 3-node cluster
      hostNetwork: true,
      containers: [
        { name: 'liveness-probe', image: `${CSI}/livenessprobe:v2.0.0`, cpu: '10m', memory: '20Mi' },
        { name: 'node-driver-registrar', image: `${CSI}/csi-node-driver-registrar:v1.2.0`, cpu: '10m' },
        { name: 'msk8scsi', image: 'mcr.microsoft.com/aks/hci/msk8scsi:v0.1.0', cpu: '10m', memory: '20Mi' },
      ],
      priorityClassName: node,
    },
    {
      kind: 'DaemonSet',
      name: 'kube-proxy',
      namespace: ns,
      labels: { 'k8s-app': 'kube-proxy' },
      os: 'linux',
      onControlPlane: true,
      hostNetwork: true,
      containers: [{ name: 'kube-proxy', image: `${MCR}/kube-proxy:${k8s}`, cpu: '0' }],
      priorityClassName: node,
    },
    {
      kind: 'DaemonSet',
      name: 'kube-proxy-windows',
      namespace: ns,
      labels: { 'k8s-app': 'kube-proxy-windows' },
      os: 'windows',
      onControlPlane: false,
      hostNetwork: true,
      containers: [{ name: 'kube-proxy', image: `${MCR}/kube-proxy:${k8s}-windows`, cpu: '0' }],
      priorityClassName: node,
    },
  ]
  if (plugin === 'flannel')
    workloads.push(
      {
        kind: 'DaemonSet',
        name: 'kube-flannel-ds-amd64',
        namespace: ns,
        labels: { app: 'flannel', tier: 'node' },
        os: 'linux',
        onControlPlane: true,
        hostNetwork: true,
        containers: [
          {
            name: 'kube-flannel',
            image: 'quay.io/coreos/flannel:v0.12.0-amd64',
            cpu: '100m',
            memory: '50Mi',
          },
        ],
        priorityClassName: node,
      },
      {
        kind: 'DaemonSet',
        name: 'kube-flannel-ds-windows-amd64',
        namespace: ns,
        labels: { app: 'flannel', tier: 'node-windows' },
        os: 'windows',
        onControlPlane: false,
        hostNetwork: true,
        containers: [
          {
            name: 'kube-flannel',
            image: 'mcr.microsoft.com/oss/kubernetes/flannel:v0.12.0-windows',
            cpu: '100m',
          },
        ],
        priorityClassName: node,
      },
    )
  else
    workloads.push(
      {
        kind: 'Deployment',
        name: 'calico-kube-controllers',
        namespace: ns,
        labels: { 'k8s-app': 'calico-kube-controllers' },
        replicas: 1,
        os: 'linux',
        onControlPlane: true,
        hostNetwork: false,
        containers: [{ name: 'calico-kube-controllers', image: 'calico/kube-controllers:v3.17.2', cpu: '0' }],
        priorityClassName: critical,
      },
      {
        kind: 'DaemonSet',
        name: 'calico-node',
        namespace: ns,
        labels: { 'k8s-app': 'calico-node' },
        os: 'linux',
        onControlPlane: true,
        hostNetwork: true,
        containers: [{ name: 'calico-node', image: 'calico/node:v3.17.2', cpu: '250m' }],
        priorityClassName: node,
      },
      {
        kind: 'DaemonSet',
        name: 'calico-node-windows',
        namespace: ns,
        labels: { 'k8s-app': 'calico-node-windows' },
        os: 'windows',
        onControlPlane: false,
        hostNetwork: true,
        containers: [{ name: 'calico-node', image: 'calico/windows:v3.17.2', cpu: '250m' }],
        priorityClassName: node,
      },
    )
  return workloads
}
