import { parseQuantity } from '@shared/kube-quantity'
import type { Node } from 'kubernetes-types/core/v1'
import { isControlPlane, nodeReady } from './objects'

// What the scheduler and the kubelet read of a node, worked out once per stored node object (stored
// objects never change): its readiness and capacity, its address, pod range and container runtime.

export interface NodeFacts {
  ready: boolean
  controlPlane: boolean
  maxPods: number
  cpu: number
  memory: number
  internalIp: string
  podRangeBase: string // the pod /24's first three octets
  runtime: string // `containerd`, `docker`: as container IDs name it
}

const quantities = new Map<string, number>()

/** A node's allocatable cpu or memory, parsed once per quantity text. */
export function allocatable(alloc: Record<string, unknown>, r: 'cpu' | 'memory'): number {
  const text = alloc[r] as string | undefined
  if (text === undefined) return 0
  let n = quantities.get(text)
  if (n === undefined) quantities.set(text, (n = parseQuantity(text) ?? 0))
  return n
}

const memo = new WeakMap<Node, NodeFacts>()

export function nodeFacts(node: Node): NodeFacts {
  let f = memo.get(node)
  if (!f) {
    const alloc = node.status?.allocatable ?? {}
    f = {
      ready: nodeReady(node),
      controlPlane: isControlPlane(node),
      maxPods: Number(alloc.pods ?? 110),
      cpu: allocatable(alloc, 'cpu'),
      memory: allocatable(alloc, 'memory'),
      internalIp: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
      podRangeBase: node.spec?.podCIDR?.replace(/\.0\/24$/, '') ?? '',
      runtime: node.status?.nodeInfo?.containerRuntimeVersion.split(':')[0] ?? '',
    }
    memo.set(node, f)
  }
  return f
}
