import type { AksCluster, NodePoolSpec } from '@shared/aks-cluster'
import { poolsFromNodeCounts } from '@shared/aks-cluster-rules'
import type { CommandInput } from '@shared/commands'
import { cmdletError } from '../errors'
import type { BoundArgs, CmdletContext, CmdletDef, ParamDef, Registry } from '../registry'
import { toText, type PsValue } from '../values'
import { dispatch } from './aks'
import {
  clusterObject,
  kubernetesVersionObjects,
  nodePoolObject,
  registerClusterViews,
  vmSizeObjects,
} from './aks-cluster-objects'

// The AksHci module's workload-cluster functions (facts §2). Creating, scaling and removing block the
// line until the engine's task ends, as the real functions return only when the work is done; the
// engine checks every rule (shared/aks-cluster-rules) and words the refusals.

const AKSHCI = { module: 'AksHci', version: '1.0.8', commandType: 'Function' } as const
const str = (name: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, type: 'String', ...extra })
const int = (name: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, type: 'Int32', ...extra })
const sw = (name: string): ParamDef => ({ name, type: 'Switch' })
// The seed and older docs write -clusterName where the module's parameter is -name.
const clusterName = str('name', { mandatory: true, aliases: ['clusterName'] })
const OS_TYPE = { validateSet: ['Linux', 'Windows'] } as const

function findCluster(ctx: CmdletContext, name: string): AksCluster {
  const cluster = Object.values(ctx.state().aksClusters).find((c) => c.name === name)
  if (!cluster)
    throw cmdletError(
      `A workload cluster with the name '${name}' was not found.`,
      'ClusterNotFound',
      'ObjectNotFound',
      'Exception',
    )
  return cluster
}

const given = (args: BoundArgs, name: string) => args[name] !== undefined
const text = (args: BoundArgs, name: string, fallback: string) =>
  given(args, name) ? toText(args[name]!) : fallback
const num = (args: BoundArgs, name: string, fallback: number) =>
  given(args, name) ? Number(args[name]) : fallback
const taints = (args: BoundArgs, name: string) =>
  given(args, name) ? (Array.isArray(args[name]) ? (args[name] as PsValue[]) : [args[name]!]).map(toText) : []

/** Starts the work, then blocks until its task ends; `then` is the output once it is done. */
function runAndWait(
  ctx: CmdletContext,
  command: CommandInput,
  clusterName: string,
  cancel: CommandInput | null,
  then?: () => PsValue[],
): PsValue[] {
  const started = dispatch(ctx, command) as { taskId?: string } | undefined
  const taskId =
    started?.taskId ?? Object.values(ctx.state().aksClusters).find((c) => c.name === clusterName)?.taskId
  if (taskId) ctx.waitFor(taskId, cancel, then)
  return taskId ? [] : (then?.() ?? [])
}

const NODE_COUNT_PARAMS = ['linuxNodeCount', 'windowsNodeCount', 'linuxNodeVmSize', 'windowsNodeVmSize']
const NODE_POOL_PARAMS = ['nodePoolName', 'nodeCount', 'nodeVmSize', 'osType', 'taints']

/** The node-count set (-linuxNodeCount …) or the node-pool set (-nodePoolName …), not both. */
function checkClusterParameterSets(args: BoundArgs): void {
  const poolSet = NODE_POOL_PARAMS.some((p) => given(args, p))
  if (poolSet && NODE_COUNT_PARAMS.some((p) => given(args, p)))
    throw cmdletError(
      'Parameter set cannot be resolved using the specified named parameters.',
      'AmbiguousParameterSet',
      'InvalidArgument',
      'ParameterBindingException',
    )
  if (poolSet && !given(args, 'nodePoolName'))
    throw cmdletError(
      'Cannot process command because of one or more missing mandatory parameters: nodePoolName.',
      'MissingMandatoryParameter',
      'InvalidArgument',
      'ParameterBindingException',
    )
}

function newCluster(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  const name = toText(args.name!)
  const poolSet = NODE_POOL_PARAMS.some((p) => given(args, p))
  const maxPods = num(args, 'nodeMaxPodCount', 110)
  const pools: NodePoolSpec[] = poolSet
    ? [
        {
          name: toText(args.nodePoolName!),
          osType: text(args, 'osType', 'Linux') === 'Windows' ? 'Windows' : 'Linux',
          vmSize: text(args, 'nodeVmSize', 'Standard_K8S3_v1'),
          count: num(args, 'nodeCount', 1),
          maxPods,
          taints: taints(args, 'taints'),
        },
      ]
    : poolsFromNodeCounts(name, {
        linuxNodeCount: num(args, 'linuxNodeCount', 1),
        windowsNodeCount: num(args, 'windowsNodeCount', 0),
        linuxNodeVmSize: text(args, 'linuxNodeVmSize', 'Standard_K8S3_v1'),
        windowsNodeVmSize: text(args, 'windowsNodeVmSize', 'Standard_K8S3_v1'),
      }).map((p) => ({ ...p, maxPods }))
  const plugin = text(args, 'primaryNetworkPlugin', 'flannel').toLowerCase()
  const command: CommandInput = {
    type: 'aks.cluster.create',
    name,
    kubernetesVersion: given(args, 'kubernetesVersion') ? toText(args.kubernetesVersion!) : null,
    controlPlaneNodeCount: num(args, 'controlPlaneNodeCount', 1),
    controlPlaneVmSize: text(args, 'controlPlaneVmSize', 'Standard_A4_v2'),
    loadBalancerVmSize: text(args, 'loadBalancerVmSize', 'Standard_A4_v2'),
    nodePools: pools,
    primaryNetworkPlugin: plugin === 'calico' ? 'calico' : 'flannel',
    enableArc: false,
    parameterSet: poolSet ? 'nodePools' : 'nodeCounts',
  }
  if (!ctx.shouldProcess(name, 'New-AksHciCluster')) return []
  // Ctrl+C stops the create the way the lab can: by removing what was made so far.
  return runAndWait(ctx, command, name, { type: 'aks.cluster.delete', name }, () => [
    clusterObject(findCluster(ctx, name), false),
  ])
}

function getClusters(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  if (given(args, 'name')) return [clusterObject(findCluster(ctx, toText(args.name!)), true)]
  return Object.values(ctx.state().aksClusters)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((c) => clusterObject(c, true))
}

function getNodePools(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  const cluster = findCluster(ctx, toText(args.clusterName!))
  const pools = given(args, 'name')
    ? cluster.nodePools.filter((p) => p.name === toText(args.name!))
    : cluster.nodePools
  if (given(args, 'name') && pools.length === 0)
    throw cmdletError(
      `A node pool with the name '${toText(args.name!)}' was not found in cluster '${cluster.name}'.`,
      'NodePoolNotFound',
      'ObjectNotFound',
      'Exception',
    )
  return pools.map((p) => nodePoolObject(cluster, p))
}

const NOT_MODELLED = [
  sw('enableAdAuth'),
  sw('enableMonitoring'),
  sw('enableSecretsEncryption'),
  { name: 'vnet', type: 'Object' } as ParamDef,
]

const CMDLETS: CmdletDef[] = [
  {
    name: 'New-AksHciCluster',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis:
      'Creates a workload Kubernetes cluster: -linuxNodeCount/-windowsNodeCount (pools <name>-linux, <name>-windows) or one node pool (-nodePoolName, -nodeCount, -nodeVmSize, -osType, -taints). Returns when the cluster is provisioned. Accepted and ignored: -enableAdAuth, -enableMonitoring, -enableSecretsEncryption, -vnet.',
    params: [
      clusterName,
      str('kubernetesVersion'),
      int('controlPlaneNodeCount'),
      str('controlPlaneVmSize'),
      str('loadBalancerVmSize'),
      int('linuxNodeCount'),
      int('windowsNodeCount'),
      str('linuxNodeVmSize'),
      str('windowsNodeVmSize'),
      str('nodePoolName'),
      int('nodeCount'),
      str('nodeVmSize'),
      str('osType', OS_TYPE),
      { name: 'taints', type: 'String[]' },
      int('nodeMaxPodCount'),
      str('primaryNetworkPlugin', { validateSet: ['flannel', 'calico'] }),
      ...NOT_MODELLED,
    ],
    checkParameterSets: checkClusterParameterSets,
    invoke: newCluster,
  },
  {
    name: 'Get-AksHciCluster',
    ...AKSHCI,
    synopsis: 'Lists the workload clusters, or the one named.',
    params: [str('name', { aliases: ['clusterName'] })],
    invoke: getClusters,
  },
  {
    name: 'Set-AksHciCluster',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis: 'Scales the control plane (-controlPlaneNodeCount 1, 3 or 5); returns when done.',
    params: [clusterName, int('controlPlaneNodeCount', { mandatory: true })],
    invoke: (ctx, args) => {
      const name = toText(args.name!)
      if (!ctx.shouldProcess(name, 'Set-AksHciCluster')) return []
      const command: CommandInput = {
        type: 'aks.cluster.setControlPlane',
        name,
        controlPlaneNodeCount: Number(args.controlPlaneNodeCount),
      }
      return runAndWait(ctx, command, name, null)
    },
  },
  {
    name: 'Remove-AksHciCluster',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis:
      'Removes a workload cluster: its VMs, disks, Kubernetes objects and kubectl context. Returns when done.',
    params: [clusterName, sw('Force')],
    invoke: (ctx, args) => {
      const name = toText(args.name!)
      findCluster(ctx, name)
      if (!ctx.shouldProcess(name, 'Remove-AksHciCluster')) return []
      return runAndWait(ctx, { type: 'aks.cluster.delete', name }, name, null)
    },
  },
  {
    name: 'Get-AksHciNodePool',
    ...AKSHCI,
    synopsis: "Lists a workload cluster's node pools, or the one named.",
    params: [str('clusterName', { mandatory: true }), str('name')],
    invoke: getNodePools,
  },
  {
    name: 'New-AksHciNodePool',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis: 'Adds a node pool to a workload cluster; returns when its nodes are Ready.',
    params: [
      str('clusterName', { mandatory: true }),
      str('name', { mandatory: true }),
      int('count'),
      str('osType', OS_TYPE),
      str('vmSize'),
      { name: 'taints', type: 'String[]' },
      int('maxPodCount'),
    ],
    invoke: (ctx, args) => {
      const cluster = toText(args.clusterName!)
      if (!ctx.shouldProcess(toText(args.name!), 'New-AksHciNodePool')) return []
      const command: CommandInput = {
        type: 'aks.nodepool.create',
        clusterName: cluster,
        name: toText(args.name!),
        osType: text(args, 'osType', 'Linux') === 'Windows' ? 'Windows' : 'Linux',
        vmSize: text(args, 'vmSize', 'Standard_K8S3_v1'),
        count: num(args, 'count', 1),
        maxPods: num(args, 'maxPodCount', 110),
        taints: taints(args, 'taints'),
      }
      return runAndWait(ctx, command, cluster, null)
    },
  },
  {
    name: 'Set-AksHciNodePool',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis: "Scales a node pool's worker nodes (-count); returns when done.",
    params: [
      str('clusterName', { mandatory: true }),
      str('name', { mandatory: true }),
      int('count', { mandatory: true }),
    ],
    invoke: (ctx, args) => {
      const cluster = toText(args.clusterName!)
      if (!ctx.shouldProcess(toText(args.name!), 'Set-AksHciNodePool')) return []
      const command: CommandInput = {
        type: 'aks.nodepool.scale',
        clusterName: cluster,
        name: toText(args.name!),
        count: Number(args.count),
      }
      return runAndWait(ctx, command, cluster, null)
    },
  },
  {
    name: 'Get-AksHciCredential',
    ...AKSHCI,
    synopsis:
      "Writes the cluster's kubeconfig and makes it kubectl's current context (named <cluster>-admin@<cluster>).",
    params: [clusterName, str('configPath'), sw('adAuth')],
    invoke: (ctx, args) => {
      dispatch(ctx, { type: 'aks.credential', name: toText(args.name!) })
      return []
    },
  },
  {
    name: 'Get-AksHciKubernetesVersion',
    ...AKSHCI,
    synopsis: 'Lists the Kubernetes versions workload clusters can run, per node OS.',
    params: [],
    invoke: () => kubernetesVersionObjects(),
  },
  {
    name: 'Get-AksHciVmSize',
    ...AKSHCI,
    synopsis: 'Lists the VM sizes for control plane, load balancer and worker nodes.',
    params: [],
    invoke: () => vmSizeObjects(),
  },
]

export function registerAksClusters(registry: Registry): void {
  registerClusterViews(registry)
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
