import { z } from 'zod'

// Workload Kubernetes clusters on the AKS host (aks-hci-facts.md §2): their shapes and commands.
// Shared by the engine, the console (New-AksHciCluster …) and the renderer's Create Kubernetes
// cluster wizard.

export const nodePoolSchema = z.object({
  name: z.string(),
  osType: z.enum(['Linux', 'Windows']).default('Linux'),
  vmSize: z.string().default('Standard_K8S3_v1'),
  count: z.number().int().default(1),
  maxPods: z.number().int().default(110),
  taints: z.array(z.string()).default([]), // e.g. 'sku=gpu:NoSchedule'
})
export type NodePoolSpec = z.infer<typeof nodePoolSchema>

export const clusterSpecSchema = z.object({
  name: z.string(),
  kubernetesVersion: z.string().nullable().default(null), // null = the latest available
  controlPlaneNodeCount: z.number().int().default(1),
  controlPlaneVmSize: z.string().default('Standard_A4_v2'),
  loadBalancerVmSize: z.string().default('Standard_A4_v2'),
  nodePools: z.array(nodePoolSchema),
  primaryNetworkPlugin: z.enum(['flannel', 'calico']).default('flannel'),
  enableArc: z.boolean().default(false),
  /** Which parameter set created it: -linuxNodeCount/-windowsNodeCount (pools <name>-linux/-windows) or node pools. */
  parameterSet: z.enum(['nodeCounts', 'nodePools']).default('nodePools'),
})
export type ClusterSpec = z.infer<typeof clusterSpecSchema>

export type ClusterPhase = 'Creating' | 'Provisioned' | 'Updating' | 'Deleting' | 'Failed'

export interface AksNodePool extends NodePoolSpec {
  phase: 'Deploying' | 'Deployed' | 'Scaling' | 'Deleting'
  /** The pool's worker VMs, oldest first (scaling down removes from the end). */
  vmIds: string[]
}

/** A workload cluster (Get-AksHciCluster); its Kubernetes objects live in `kube` keyed by cluster id. */
export interface AksCluster {
  id: string
  name: string
  kubernetesVersion: string
  controlPlaneNodeCount: number
  controlPlaneVmSize: string
  loadBalancerVmSize: string
  nodePools: AksNodePool[]
  primaryNetworkPlugin: 'flannel' | 'calico'
  enableArc: boolean
  parameterSet: 'nodeCounts' | 'nodePools'
  phase: ClusterPhase
  taskId: string | null // the task of the running create/scale/delete
  apiServerVip: string | null
  createdAt: number
  controlPlaneVmIds: string[]
  loadBalancerVmIds: string[]
  /** The cluster's Kubernetes resourceVersion counter: every object write bumps it. */
  resourceVersion: number
  /** Next node's pod subnet index: node n gets 10.244.n.0/24. */
  nextPodSubnet: number
}

/** kubectl's configuration on the servers: one context per cluster (Get-AksHciCredential). */
export interface KubeconfigState {
  contexts: string[] // cluster names
  current: string | null
}
