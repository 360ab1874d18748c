import { clusterSpecSchema } from '@shared/aks-cluster'
import { poolsFromNodeCounts } from '@shared/aks-cluster-rules'
import type { Pod } from 'kubernetes-types/core/v1'
import { listKube } from '@shared/kube'
import type { Lab } from '../lab'
import { installed, ok } from './testkit'

// Fixtures of the workload cluster tests (not a test file).

export const MIN = 60_000

/** New-AksHciCluster -name <name> -linuxNodeCount n -windowsNodeCount m, as the console resolves it. */
export function createCommand(name: string, linuxNodeCount = 1, windowsNodeCount = 0, extra: object = {}) {
  return {
    type: 'aks.cluster.create',
    ...clusterSpecSchema.parse({
      name,
      parameterSet: 'nodeCounts',
      nodePools: poolsFromNodeCounts(name, { linuxNodeCount, windowsNodeCount }),
      ...extra,
    }),
  }
}

export function withCluster(name = 'demo', linux = 1, windows = 0, seed = 1): Lab {
  const lab = installed(seed)
  ok(lab, createCommand(name, linux, windows))
  ok(lab, { type: 'clock.advance', ms: 15 * MIN })
  return lab
}

export const clusterOf = (lab: Lab, name: string) =>
  Object.values(lab.state.aksClusters).find((c) => c.name === name)!

export function pods(lab: Lab, name: string): Pod[] {
  return listKube<Pod>(lab.state, clusterOf(lab, name).id, { kind: 'Pod', namespace: 'kube-system' })
}

/** Memory, files and pool usage: what a deleted cluster must give back exactly. */
export function resources(lab: Lab) {
  const s = structuredClone(lab.state)
  return { vms: s.vms, files: s.files, clusterGroups: s.clusterGroups, volumes: s.volumes, pool: s.pool }
}

/** A storage class that reclaims with Retain and a claim `kept` on it: its VHDX outlives the cluster. */
export function retainedClaim(size: string): string {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: keep
provisioner: msvhd
reclaimPolicy: Retain
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: kept
spec:
  storageClassName: keep
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
`
}
