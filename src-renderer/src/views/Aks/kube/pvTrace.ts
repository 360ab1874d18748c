import type { LabView } from '@shared/contract'
import type { FileEntry } from '@shared/domain'
import { listKube } from '@shared/kube'
import { podsUsingClaim } from './kubeTables'
import { str } from '@shared/kube-fields'

// From a persistent volume to its VHDX on a cluster volume and back: the file the engine keeps for a
// PV (owner {kind: 'pv', id: <pv name>}), the claim bound to it, the cluster and the pods mounting it.

type View = Pick<LabView, 'kube' | 'files' | 'volumes' | 'aksClusters'>

export interface PvTrace {
  pv: string
  clusterId: string
  clusterName: string
  namespace: string
  claim: string
  pods: string[]
}

/** The VHDX of a PV, and the route of the volume page that highlights it. */
export function pvFile(view: View, pvName: string): { file: FileEntry; route: string } | null {
  const file = Object.values(view.files).find((f) => f.owner.kind === 'pv' && f.owner.id === pvName)
  const volume = file ? view.volumes[file.volumeId] : undefined
  if (!file || !volume) return null
  return { file, route: `/volumes/${encodeURIComponent(volume.name)}?file=${encodeURIComponent(file.id)}` }
}

/** Who uses a PV-owned file: PV, claim, cluster and pods, read from the kube objects. */
export function traceFile(view: View, file: FileEntry): PvTrace | null {
  if (file.owner.kind !== 'pv') return null
  for (const cluster of Object.values(view.aksClusters)) {
    const pv = view.kube[`${cluster.id}/PersistentVolume//${file.owner.id}`]
    if (!pv) continue
    const namespace = str(pv, 'spec.claimRef.namespace')
    const claim = str(pv, 'spec.claimRef.name')
    const pods = podsUsingClaim(listKube(view, cluster.id, { kind: 'Pod', namespace }), namespace, claim)
    return {
      pv: file.owner.id,
      clusterId: cluster.id,
      clusterName: cluster.name,
      namespace,
      claim,
      pods: pods.map((p) => p.metadata.name),
    }
  }
  return null
}

/** The cluster page's Storage tab with a claim selected. */
export const claimRoute = (clusterName: string, namespace: string, claim: string) =>
  `/aks/clusters/${encodeURIComponent(clusterName)}?tab=storage&kind=PersistentVolumeClaim&obj=${encodeURIComponent(`${namespace}/${claim}`)}`
