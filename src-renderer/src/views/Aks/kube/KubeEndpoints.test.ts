import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { provisionedCluster } from '@/testing/clusterLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import ClusterDetail from '../ClusterDetail.vue'

// The Services tab's Endpoints list, against a real engine Lab: the kubernetes Service's endpoints
// are the control plane's API server, as kubectl get endpoints shows them.

const tick = () => new Promise((r) => setTimeout(r, 0)).then(flushPromises)

describe('Endpoints on the cluster page', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it("lists the kubernetes Service's endpoints (the API server on 6443) under Services", async () => {
    const api = fakeApi()
    provisionedCluster(api.lab, 'demo', false)
    const { wrapper, router } = await mountWithLab(ClusterDetail, { api, props: { name: 'demo' } })
    await router.push('/?tab=services')
    await tick()
    await wrapper.find('[data-testid="kube-kind-Endpoints"]').trigger('click')
    await tick()
    const table = wrapper.find('[data-testid="cluster-endpoints-table"]')
    expect(table.findAll('th').map((th) => th.text())).toEqual(['NAMESPACE', 'NAME', 'ENDPOINTS', 'AGE'])
    const row = table.find('[data-row="default/kubernetes"]')
    expect(row.findAll('td')[2]!.text()).toMatch(/^\d+\.\d+\.\d+\.\d+:6443$/)
  })
})
