import type { AksCluster, AksNodePool } from '@shared/aks-cluster'
import { KUBERNETES_VERSIONS } from '@shared/aks-cluster-rules'
import { AKS_VM_SIZES } from '@shared/aks-sizes'
import { prop } from '../format/cells'
import type { Registry } from '../registry'
import { PsObject } from '../values'

// The AksHci module's workload-cluster objects (facts §2.1–2.3): what New-/Get-AksHciCluster,
// Get-AksHciNodePool, Get-AksHciVmSize and Get-AksHciKubernetesVersion return.

const PROVISIONING_STATE: Record<AksCluster['phase'], string> = {
  Creating: 'provisioning',
  Provisioned: 'provisioned',
  Updating: 'updating',
  Deleting: 'deleting',
  Failed: 'failed',
}

const count = (c: AksCluster, os: 'Linux' | 'Windows') =>
  c.nodePools.filter((p) => p.osType === os).reduce((n, p) => n + p.count, 0)

/**
 * New-AksHciCluster's object; Get-AksHciCluster adds the VM size and autoscaler fields. With the
 * node-pool parameter set the module reports 0 Linux/Windows nodes (Get-AksHciNodePool has them).
 */
export function clusterObject(c: AksCluster, full: boolean): PsObject {
  const counts = c.parameterSet === 'nodeCounts'
  return new PsObject(
    'AksHciCluster',
    {
      ProvisioningState: PROVISIONING_STATE[c.phase],
      KubernetesVersion: c.kubernetesVersion,
      NodePools: c.nodePools.map((p) => p.name),
      WindowsNodeCount: counts ? count(c, 'Windows') : 0,
      LinuxNodeCount: counts ? count(c, 'Linux') : 0,
      ControlPlaneNodeCount: c.controlPlaneNodeCount,
      ...(full
        ? { ControlPlaneVmSize: c.controlPlaneVmSize, AutoScalerEnabled: false, AutoScalerProfileName: null }
        : {}),
      Name: c.name,
    },
    'AksHciCluster',
    c.name,
  )
}

const POOL_PHASE: Record<AksNodePool['phase'], string> = {
  Deploying: 'Deploying',
  Deployed: 'Deployed',
  Scaling: 'Scaling',
  Deleting: 'Deleting',
}

export function nodePoolObject(c: AksCluster, p: AksNodePool): PsObject {
  return new PsObject(
    'AksHciNodePool',
    {
      ClusterName: c.name,
      NodePoolName: p.name,
      Version: c.kubernetesVersion,
      OsType: p.osType,
      NodeCount: p.count,
      VmSize: p.vmSize,
      Phase: POOL_PHASE[p.phase],
    },
    'AksHciNodePool',
    p.name,
  )
}

export const vmSizeObjects = (): PsObject[] =>
  AKS_VM_SIZES.map((s) => new PsObject('AksHciVmSize', { VmSize: s.name, CPU: s.cpu, MemoryGB: s.memoryGB }))

/** One row per version and OS it runs on (Windows nodes only on some versions). */
export const kubernetesVersionObjects = (): PsObject[] =>
  KUBERNETES_VERSIONS.flatMap((v) =>
    (v.windows ? ['Linux', 'Windows'] : ['Linux']).map(
      (os) =>
        new PsObject('AksHciKubernetesVersion', {
          OrchestratorType: 'Kubernetes',
          OrchestratorVersion: v.version,
          OS: os,
          IsPreview: false,
        }),
    ),
  )

export function registerClusterViews(registry: Registry): void {
  const listed = (key: string, props: string[]) =>
    registry.addView({ key, listByDefault: true, columns: props.map((p) => ({ label: p, value: prop(p) })) })
  listed('AksHciCluster', ['Name', 'ProvisioningState', 'KubernetesVersion'])
  listed('AksHciNodePool', ['ClusterName', 'NodePoolName', 'NodeCount'])
}
