import { afterEach, describe, expect, it } from 'vitest'
import { formatBytes } from '@shared/format'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import { advanceUntil, provisionedCluster, retainedClaim } from '@/testing/clusterLab'
import VolumeFiles from './VolumeFiles.vue'

// The Files table's Delete: offered for a file nothing owns (here a Retain volume's VHDX after its
// cluster was removed), confirmed, and the file goes; an owned file says what owns it instead.

const RETAIN = retainedClaim('1Gi')

/** A lab whose removed cluster left its Retain VHDX on Volume01, owned by nothing. */
function labWithRetainedVhdx() {
  const api = fakeApi()
  const cluster = provisionedCluster(api.lab, 'demo', false)
  api.lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest: RETAIN, mode: 'apply' })
  const vhdx = () => Object.values(api.lab.state.files).find((f) => f.owner.kind === 'pv')
  advanceUntil(api.lab, () => !!vhdx(), 'the VHDX')
  api.lab.dispatch({ type: 'aks.cluster.delete', name: 'demo' })
  advanceUntil(api.lab, () => !api.lab.state.aksClusters[cluster.id], 'the cluster to go')
  return { api, file: vhdx()! }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('Delete in the volume’s Files table', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('deletes a file nothing owns after a confirmation, freeing its bytes', async () => {
    const { api, file } = labWithRetainedVhdx()
    const { wrapper, router } = await mountWithLab(VolumeFiles, { api, props: { volumeId: file.volumeId } })
    const row = () => wrapper.find(`[data-row="${file.id}"]`)
    expect(row().find('[data-testid="file-unowned"]').text()).toBe('· nothing owns it now')
    expect(wrapper.find('[data-testid="file-delete"]').attributes('disabled')).toBeDefined() // nothing selected

    await row().trigger('click')
    await tick()
    expect(router.currentRoute.value.query.file).toBe(file.id)
    await wrapper.find('[data-testid="file-delete"]').trigger('click')
    const dialog = wrapper.find('[data-testid="delete-file-dialog"]')
    expect(dialog.text()).toContain(file.path)
    expect(wrapper.find('[data-testid="delete-file-summary"]').text()).toContain(
      `frees ${formatBytes(file.allocatedBytes)} on Volume01`,
    )
    expect(dialog.text()).toContain(`Remove-Item -Path '${file.path}'`)
    await wrapper.find('[data-testid="delete-file-yes"]').trigger('click')
    await tick()
    expect(api.lab.state.files[file.id]).toBeUndefined()
    expect(row().exists()).toBe(false)
    expect(wrapper.find('[data-testid="delete-file-dialog"]').exists()).toBe(false)
  })

  it('offers no Delete for an owned file and says what owns it', async () => {
    const { api, file } = labWithRetainedVhdx()
    const image = Object.values(api.lab.state.files).find((f) => f.owner.kind === 'aks-host')!
    const { wrapper, router } = await mountWithLab(VolumeFiles, { api, props: { volumeId: file.volumeId } })
    expect(wrapper.find(`[data-row="${image.id}"] [data-testid="file-unowned"]`).exists()).toBe(false)
    await router.push(`/?file=${image.id}`)
    await tick()
    expect(wrapper.find('[data-testid="file-delete"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="file-owned-note"]').text()).toBe(
      'Owned by the AKS host. Uninstall-AksHci removes it with the host.',
    )
  })
})
