import { describe, expect, it } from 'vitest'
import type { FileEntry } from '@shared/domain'
import { fileOwner, vhdxFileId } from '@shared/file-owners'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { clusterOf, MIN, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { Tx } from '../core/tx'
import type { LabState } from '../core/state'
import type { Lab } from '../lab'
import { putFile } from './ledger'

// file.delete (Remove-Item, the Files table's Delete): a file nothing owns goes and frees its bytes;
// an owned one, a missing one or a folder is refused with what to do, and nothing changes.

/** A lab with the demo cluster running demo1, and a VHDX an older lab leaked (its cluster is gone). */
function labWithLeak(): { lab: Lab; leak: FileEntry } {
  const lab = withCluster('demo', 1)
  ok(lab, { type: 'kube.apply', cluster: 'demo', manifest: SAMPLE_MANIFESTS['demo1.yaml']!, mode: 'apply' })
  ok(lab, { type: 'clock.advance', ms: 2 * MIN })
  const leak: FileEntry = {
    id: vhdxFileId('aks-cluster-99', 'pvc-0d7a1f3e'),
    volumeId: Object.keys(lab.state.volumes)[0]!,
    path: 'C:\\ClusterStorage\\Volume01\\images\\0a1b2c3d4e5f607\\5d2a7c41-0c4e-4f0e-9a61-2f1e0c9b7d11.vhdx',
    sizeBytes: 1024 ** 3,
    allocatedBytes: 36 * 1024 ** 2,
    owner: { kind: 'pv', id: 'pvc-0d7a1f3e', label: 'PV pvc-0d7a1f3e (default/old) in cluster gone' },
    createdAt: lab.now,
  }
  const tx = new Tx(lab.state as LabState)
  putFile(tx, leak)
  tx.flush()
  ok(lab, { type: 'clock.advance', ms: MIN })
  return { lab, leak }
}

const refusal = (lab: Lab, path: string) => {
  const before = structuredClone(lab.state.files)
  const r = lab.dispatch({ type: 'file.delete', path })
  expect(lab.state.files).toEqual(before)
  if (r.ok) throw new Error('expected a refusal')
  return r.error
}

describe('deleting a file nothing owns', () => {
  it('deletes a leaked VHDX, by its path in any case, and frees its bytes in the capacity log', () => {
    const { lab, leak } = labWithLeak()
    expect(fileOwner(lab.state, leak)).toBeNull()
    const reply = ok(lab, { type: 'file.delete', path: leak.path.toUpperCase() })
    expect(reply).toEqual({ path: leak.path, freedBytes: leak.allocatedBytes })
    expect(lab.state.files[leak.id]).toBeUndefined()
    const points = lab.state.samples[leak.volumeId]!.points
    expect(points[points.length - 1]!.changes).toContainEqual({
      kind: 'file-deleted',
      path: leak.path,
      deltaBytes: -leak.allocatedBytes,
    })
  })

  it('refuses a claim’s VHDX while its volume exists, naming the volume and the kubectl command', () => {
    const { lab } = labWithLeak()
    const id = clusterOf(lab, 'demo').id
    const vhdx = Object.values(lab.state.files).find((f) => f.id.startsWith(`vhdx-${id}-`))!
    const error = refusal(lab, vhdx.path)
    expect(error.code).toBe('FileInUse')
    expect(error.message).toBe(
      `Cannot delete '${vhdx.path}': it belongs to persistent volume ${vhdx.owner.id} in Kubernetes cluster demo. ` +
        `Delete the volume instead (kubectl delete pv ${vhdx.owner.id}; with reclaim policy Delete its VHDX goes too).`,
    )
  })

  it('refuses a node VM’s disk and the AKS host’s images', () => {
    const { lab } = labWithLeak()
    const worker = Object.values(lab.state.vms).find((v) => v.role === 'aks-linux-worker')!
    const disk = lab.state.files[worker.diskFileIds[0]!]!
    expect(refusal(lab, disk.path).message).toContain(
      `it belongs to virtual machine ${worker.name} of Kubernetes cluster demo.`,
    )
    const image = Object.values(lab.state.files).find((f) => f.owner.kind === 'aks-host')!
    expect(refusal(lab, image.path).message).toContain(
      'it belongs to the AKS host. Uninstall-AksHci removes it',
    )
  })

  it('refuses a path that is no file, a folder, or nothing', () => {
    const { lab, leak } = labWithLeak()
    const missing = 'C:\\ClusterStorage\\Volume01\\nothing.vhdx'
    expect(refusal(lab, missing)).toEqual({
      code: 'FileNotFound',
      message: `Cannot find path '${missing}' because it does not exist.`,
      category: 'ObjectNotFound',
      target: missing,
    })
    const folder = leak.path.slice(0, leak.path.lastIndexOf('\\'))
    expect(refusal(lab, `${folder}\\`).message).toBe(
      `'${folder}' is a folder, not a file: delete the files in it one at a time.`,
    )
    expect(refusal(lab, '  ').code).toBe('FilePathRequired')
  })
})
