import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { SAMPLE_MANIFESTS, STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'
import { provisionedCluster } from '@/testing/clusterLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import ApplyManifestPanel from './ApplyManifestPanel.vue'

// The Apply manifest panel's samples: the walkthrough's and the storage samples, in two groups.

const tick = () => new Promise((r) => setTimeout(r, 0)).then(flushPromises)

describe('Apply manifest samples', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('offers the walkthrough and the storage samples; sc-custom.yaml applies its class and claim', async () => {
    const api = fakeApi()
    provisionedCluster(api.lab, 'demo', false)
    const { wrapper } = await mountWithLab(ApplyManifestPanel, { api, props: { clusterName: 'demo' } })
    const select = wrapper.find('[data-testid="apply-sample"]')
    const groups = select.findAll('optgroup').map((g) => ({
      label: g.attributes('label'),
      names: g.findAll('option').map((o) => o.attributes('value')),
    }))
    expect(groups).toEqual([
      { label: 'Storage walkthrough', names: Object.keys(SAMPLE_MANIFESTS) },
      { label: 'Storage classes and volumes', names: Object.keys(STORAGE_SAMPLE_MANIFESTS) },
    ])
    await select.setValue('sc-custom.yaml')
    await tick()
    expect(wrapper.find('[data-testid="yaml-editor"]').text()).toContain('aks-hci-disk-custom')
    await wrapper.find('[data-testid="apply-submit"]').trigger('click')
    await tick()
    expect(wrapper.find('[data-testid="apply-results"]').text()).toBe(
      'storageclass.storage.k8s.io/aks-hci-disk-custom created\npersistentvolumeclaim/customclaim created',
    )
    await select.setValue('static-pv.yaml')
    await tick()
    expect(wrapper.find('[data-testid="yaml-editor"]').text()).toContain('static-claim')
  })

  it("names the editor's manifest in a YAML error", async () => {
    const api = fakeApi()
    provisionedCluster(api.lab, 'demo', false)
    const props = { clusterName: 'demo', initial: 'kind: Pod\nmetadata: [name: x\n' }
    const { wrapper } = await mountWithLab(ApplyManifestPanel, { api, props })
    await wrapper.find('[data-testid="apply-submit"]').trigger('click')
    await tick()
    const error = wrapper.find('[data-testid="apply-error"]').text()
    expect(error).toMatch(/^error: error parsing manifest.yaml: /)
  })
})
