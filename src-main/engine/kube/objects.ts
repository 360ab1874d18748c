import type { VirtualMachine } from '@shared/aks'
import type { AksCluster } from '@shared/aks-cluster'
import {
  LINUX_NODE_INFO,
  NODE_EVICTION_KI,
  NODE_KERNEL_RESERVED_KI,
  WINDOWS_NODE_INFO,
} from '@shared/aks-cluster-assumptions'
import type { KubeObject } from '@shared/contract'
import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1'
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { Tx } from '../core/tx'
import { SYSTEM_PRIORITIES } from './defaults'
import { kubeTime, putObject } from './store'
import type { ContainerSpec } from './system'

// Builders of the cluster-made objects (namespaces, nodes, pods) in kubernetes-types shapes.

export type Stored<T> = T & KubeObject

export const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'] as const

export function createNamespaces(tx: Tx, clusterId: string): void {
  for (const name of NAMESPACES) {
    const ns: Namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }
    putObject(tx, clusterId, ns)
  }
}

export function ownerRef(obj: KubeObject, controller = true): OwnerReference {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    controller,
    blockOwnerDeletion: true,
  }
}

const minorOf = (version: string) => Number(version.split('.')[1])

export function isControlPlane(node: Node): boolean {
  return node.metadata?.labels?.['node-role.kubernetes.io/master'] !== undefined
}

export function nodeOs(node: Node): 'linux' | 'windows' {
  return node.metadata?.labels?.['kubernetes.io/os'] === 'windows' ? 'windows' : 'linux'
}

export function nodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false
}

/** A node as its kubelet registers it: NotReady until the network plugin is up. */
export function registerNode(
  tx: Tx,
  cluster: AksCluster,
  vm: VirtualMachine,
  opts: {
    controlPlane: boolean
    os: 'linux' | 'windows'
    maxPods: number
    taints: { key: string; value: string; effect: string }[]
  },
): Stored<Node> {
  const info = opts.os === 'windows' ? WINDOWS_NODE_INFO : LINUX_NODE_INFO
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': opts.os,
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': vm.name,
    'kubernetes.io/os': opts.os,
  }
  const taints = [...opts.taints]
  if (opts.controlPlane) {
    labels['node-role.kubernetes.io/master'] = ''
    if (minorOf(cluster.kubernetesVersion) >= 20) labels['node-role.kubernetes.io/control-plane'] = ''
    taints.push({ key: 'node-role.kubernetes.io/master', value: '', effect: 'NoSchedule' })
  }
  const subnet = cluster.nextPodSubnet
  tx.put('aksClusters', cluster.id, { ...tx.get('aksClusters', cluster.id)!, nextPodSubnet: subnet + 1 })
  const memoryKi = vm.memoryBytes / 1024 - NODE_KERNEL_RESERVED_KI
  const time = kubeTime(tx.now)
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: vm.name, labels, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: {
      podCIDR: `10.244.${subnet}.0/24`,
      podCIDRs: [`10.244.${subnet}.0/24`],
      providerID: `moc://${vm.name}`,
      ...(taints.length
        ? {
            taints: taints.map((t) => ({
              key: t.key,
              ...(t.value ? { value: t.value } : {}),
              effect: t.effect,
            })),
          }
        : {}),
    },
    status: {
      capacity: { cpu: String(vm.processorCount), memory: `${memoryKi}Ki`, pods: String(opts.maxPods) },
      allocatable: {
        cpu: String(vm.processorCount),
        memory: `${memoryKi - NODE_EVICTION_KI}Ki`,
        pods: String(opts.maxPods),
      },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
        {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message:
            'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
        },
      ],
      addresses: [
        { type: 'InternalIP', address: vm.ip ?? '' },
        { type: 'Hostname', address: vm.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: tx.rng.guid(),
        machineID: tx.rng.hex(32),
        systemUUID: tx.rng.guid().toUpperCase(),
        containerRuntimeVersion: info.containerRuntimeVersion,
        kernelVersion: info.kernelVersion,
        kubeProxyVersion: cluster.kubernetesVersion,
        kubeletVersion: cluster.kubernetesVersion,
        operatingSystem: info.operatingSystem,
        osImage: info.osImage,
      },
    },
  }
  return putObject(tx, cluster.id, node)
}

/** The node's Ready condition turned True (its CNI came up). */
export function markNodeReady(node: Stored<Node>, now: number): Stored<Node> {
  const time = kubeTime(now)
  return {
    ...node,
    status: {
      ...node.status,
      conditions: node.status!.conditions!.map((c) =>
        c.type === 'Ready'
          ? {
              ...c,
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
              lastHeartbeatTime: time,
              lastTransitionTime: time,
            }
          : c,
      ),
    },
  }
}

export interface PodInput {
  name: string
  namespace: string
  labels: Record<string, string>
  owner: OwnerReference
  node: Stored<Node> | null // null: not yet scheduled
  hostNetwork: boolean
  containers: ContainerSpec[]
  os: 'linux' | 'windows'
  tolerations: { key?: string; operator: string; effect?: string }[]
  priorityClassName?: string
}

/** A new pod in phase Pending; the lifecycle moves it on. */
export function newPod(input: PodInput): Stored<Pod> {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: input.labels,
      ownerReferences: [input.owner],
    },
    spec: {
      containers: input.containers.map((c) => ({
        name: c.name,
        image: c.image,
        imagePullPolicy: 'IfNotPresent',
        resources: { requests: { cpu: c.cpu, ...(c.memory ? { memory: c.memory } : {}) } },
      })),
      nodeSelector: { 'kubernetes.io/os': input.os },
      ...(input.node ? { nodeName: input.node.metadata.name } : {}),
      ...(input.hostNetwork ? { hostNetwork: true } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'default',
      tolerations: input.tolerations,
      ...(input.priorityClassName
        ? {
            priorityClassName: input.priorityClassName,
            priority: SYSTEM_PRIORITIES[input.priorityClassName] ?? 0, // the Priority admission plugin
          }
        : {}),
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  }
  return pod as Stored<Pod>
}
