import type { KubeObject, LabView } from './contract'
import type { FileEntry } from './domain'
import { getKube, listKube } from './kube'
import { str } from './kube-fields'

// Who owns a file in a volume's ledger, and what removing a workload cluster takes with it. The
// engine refuses to delete an owned file and removes a cluster's files by the same rules the
// renderer shows (the Files table's Delete action, the cluster delete dialog), so they never differ.
//
// A file belongs to whatever made it while that still exists: the AKS host (images, the management
// VM's disk), a node VM (its OS disk), a PersistentVolume (its VHDX). Files of any other owner kind
// (a file an administrator made) and files whose owner is gone (a leak from an older lab, a Retain
// volume's VHDX after its PV or cluster went) belong to nothing: they may be deleted.

type View = Pick<LabView, 'aks' | 'vms' | 'aksClusters' | 'kube'>

/** The ledger id of the VHDX the msvhd driver makes for a PersistentVolume of a cluster. */
export const vhdxFileId = (clusterId: string, pvName: string) => `vhdx-${clusterId}-${pvName}`

/** What holds a file, in words, and how a person frees it instead of deleting the file. */
export interface FileOwner {
  owner: string
  remedy: string
}

/** The owner of a file, or null when nothing owns it any more. */
export function fileOwner(view: View, file: FileEntry): FileOwner | null {
  switch (file.owner.kind) {
    case 'aks-host':
      return view.aks.phase === 'NotConfigured'
        ? null
        : { owner: 'the AKS host', remedy: 'Uninstall-AksHci removes it with the host.' }
    case 'aks-cluster': {
      const vm = Object.values(view.vms).find((v) => v.diskFileIds.includes(file.id))
      const cluster = vm ? view.aksClusters[vm.owner.id] : undefined
      if (!vm) return null
      return {
        owner: `virtual machine ${vm.name}${cluster ? ` of Kubernetes cluster ${cluster.name}` : ''}`,
        remedy: 'It goes with its VM: scale the node pool down or remove the cluster (Remove-AksHciCluster).',
      }
    }
    case 'pv':
      for (const cluster of Object.values(view.aksClusters))
        if (
          vhdxFileId(cluster.id, file.owner.id) === file.id &&
          getKube(view, cluster.id, 'PersistentVolume', '', file.owner.id)
        )
          return {
            owner: `persistent volume ${file.owner.id} in Kubernetes cluster ${cluster.name}`,
            remedy: `Delete the volume instead (kubectl delete pv ${file.owner.id}; with reclaim policy Delete its VHDX goes too).`,
          }
      return null
    default:
      return null
  }
}

/** What removing a workload cluster does to the ledger: the files that go, those kept, the bytes freed. */
export interface ClusterTeardown {
  /** Its node VMs' disks and the VHDX of its volumes whose reclaim policy is Delete, by path. */
  removed: FileEntry[]
  /** The VHDX of its Retain volumes: they stay, owned by nothing, until deleted by hand. */
  kept: FileEntry[]
  freedBytes: number
}

export function clusterTeardown(view: View & Pick<LabView, 'files'>, clusterId: string): ClusterTeardown {
  const removed: FileEntry[] = []
  const kept: FileEntry[] = []
  for (const vm of Object.values(view.vms))
    if (vm.owner.kind === 'aks-cluster' && vm.owner.id === clusterId)
      for (const id of vm.diskFileIds) if (view.files[id]) removed.push(view.files[id])
  for (const pv of listKube<KubeObject>(view, clusterId, { kind: 'PersistentVolume' })) {
    const file = view.files[vhdxFileId(clusterId, pv.metadata.name)]
    if (!file) continue
    if (str(pv, 'spec.persistentVolumeReclaimPolicy') === 'Retain') kept.push(file)
    else removed.push(file)
  }
  const byPath = (a: FileEntry, b: FileEntry) => a.path.localeCompare(b.path)
  return {
    removed: removed.sort(byPath),
    kept: kept.sort(byPath),
    freedBytes: removed.reduce((sum, f) => sum + f.allocatedBytes, 0),
  }
}
