import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes } from '@shared/format'
import { SAMPLE_MANIFESTS, STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import { advanceUntil, provisionedCluster, retainedClaim } from '@/testing/clusterLab'
import DeleteClusterDialog from './DeleteClusterDialog.vue'

// The cluster delete dialog says what goes: every file (node disks, the claims' VHDX) with the bytes
// freed on each volume, and the Retain volumes' VHDX that stay; then the volume gets exactly that back.

const RETAIN = retainedClaim('1Gi')

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

  it('gives each volume’s share when the cluster’s files are on several', async () => {
    const api = fakeApi()
    provisionedCluster(api.lab, 'demo', false)
    const commands = [
      {
        type: 'volume.create',
        name: 'Volume02',
        resiliency: 'two-way-mirror',
        sizeBytes: 1024 ** 4,
        provisioning: 'Fixed',
      },
      {
        type: 'aks.storageContainer.create',
        name: 'customStorageContainer',
        path: 'C:\\ClusterStorage\\Volume02\\claims',
      },
      {
        type: 'kube.apply',
        cluster: 'demo',
        manifest: STORAGE_SAMPLE_MANIFESTS['sc-custom.yaml']!,
        mode: 'apply',
      },
    ]
    for (const command of commands) expect(api.lab.dispatch(command).ok).toBe(true)
    const onVolume02 = () => Object.values(api.lab.state.files).find((f) => f.path.includes('Volume02'))
    advanceUntil(api.lab, () => !!onVolume02(), 'the custom claim’s VHDX')
    const bytesOn = (volume: string) =>
      Object.values(api.lab.state.files)
        .filter((f) => f.path.includes(`\\${volume}\\`) && f.owner.kind !== 'aks-host')
        .reduce((n, f) => n + f.allocatedBytes, 0)

    const { wrapper } = await mountWithLab(DeleteClusterDialog, { api, props: { name: 'demo' } })
    const total = bytesOn('Volume01') + bytesOn('Volume02')
    expect(wrapper.find('[data-testid="cluster-delete-freed"]').text()).toBe(
      `4 files deleted, freeing ${formatBytes(total)} (${formatBytes(bytesOn('Volume01'))} on Volume01, ` +
        `${formatBytes(bytesOn('Volume02'))} on Volume02):`,
    )
  })
})
