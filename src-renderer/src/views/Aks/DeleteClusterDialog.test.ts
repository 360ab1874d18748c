import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes } from '@shared/format'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import { advanceUntil, provisionedCluster } from '@/testing/clusterLab'
import DeleteClusterDialog from './DeleteClusterDialog.vue'

// The cluster delete dialog says what goes: every file (node disks, the claims' VHDX) with the bytes
// freed on each volume, and the Retain volumes' VHDX that stay; then the volume gets exactly that back.

const RETAIN = `apiVersion: storage.k8s.io/v1
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
      storage: 1Gi
`

describe('Delete Kubernetes cluster dialog', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists every file that goes and the bytes freed, and the Retain VHDX that stays', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab)
    for (const manifest of [SAMPLE_MANIFESTS['demo1.yaml']!, RETAIN])
      api.lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })
    const pvFiles = () => Object.values(api.lab.state.files).filter((f) => f.owner.kind === 'pv')
    advanceUntil(api.lab, () => pvFiles().length === 2, 'both VHDX')
    const vmDisks = Object.values(api.lab.state.vms)
      .filter((vm) => vm.owner.id === cluster.id)
      .flatMap((vm) => vm.diskFileIds.map((id) => api.lab.state.files[id]!))
    const kept = pvFiles().find((f) => f.owner.label.includes('default/kept'))!
    const goes = [...vmDisks, pvFiles().find((f) => f !== kept)!]
    const freed = goes.reduce((n, f) => n + f.allocatedBytes, 0)

    const { wrapper } = await mountWithLab(DeleteClusterDialog, { api, props: { name: 'demo' } })
    const listed = wrapper.findAll('[data-testid="cluster-delete-files"] li').map((li) => li.text())
    expect(listed).toHaveLength(goes.length)
    for (const f of goes) expect(listed.some((t) => t.includes(f.path))).toBe(true)
    expect(wrapper.find('[data-testid="cluster-delete-freed"]').text()).toBe(
      `${goes.length} files deleted, freeing ${formatBytes(freed)} on Volume01:`,
    )
    expect(wrapper.find('[data-testid="cluster-delete-kept"]').text()).toContain(kept.path)
    expect(wrapper.text()).toContain('Remove-AksHciCluster -name demo')

    await wrapper.find('[data-testid="cluster-delete-sure"]').setValue(true)
    await wrapper.find('[data-testid="cluster-delete-confirm"]').trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    advanceUntil(api.lab, () => !api.lab.state.aksClusters[cluster.id], 'the cluster to go')
    for (const f of goes) expect(api.lab.state.files[f.id]).toBeUndefined()
    expect(api.lab.state.files[kept.id]).toEqual(kept)
  })
})
