import { afterEach, describe, expect, it } from 'vitest'
import type { Lab } from '../../../../src-main/engine/lab'
import { installedAks } from '@/testing/aksLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab, settle } from '@/testing/mountWithLab'
import AksView from './AksView.vue'
import ClusterDetail from './ClusterDetail.vue'
import { kubeObjects, nodeRow } from './kubeRows'

// The clusters list and the cluster page against a real engine Lab: a cluster created as the wizard
// creates it (1 Linux + 1 Windows worker), the clock run until it is provisioned.

function provisionedCluster(lab: Lab, name = 'demo') {
  installedAks(lab)
  const reply = lab.dispatch({
    type: 'aks.cluster.create',
    name,
    nodePools: [
      { name: 'linuxpool1', osType: 'Linux' },
      { name: 'windowspool1', osType: 'Windows' },
    ],
  })
  if (!reply.ok) throw new Error(reply.error.message)
  for (let i = 0; i < 240; i++) {
    const c = Object.values(lab.state.aksClusters).find((x) => x.name === name)
    if (c?.phase === 'Provisioned') return c
    lab.dispatch({ type: 'clock.advance', ms: 30_000 })
  }
  throw new Error('The cluster was not provisioned')
}

describe('Kubernetes clusters on the AKS tool', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the cluster with status, version, pools and node counts; Add cluster is enabled', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab)
    const { wrapper } = await mountWithLab(AksView, { api })
    expect(wrapper.find('[data-testid="aks-add-cluster"]').attributes('disabled')).toBeUndefined()
    const cells = wrapper
      .find(`[data-testid="aks-clusters-table"] [data-row="${cluster.id}"]`)
      .findAll('td')
      .map((td) => td.text())
    expect(cells).toEqual([
      'demo',
      'Provisioned',
      cluster.kubernetesVersion,
      'linuxpool1, windowspool1',
      '1',
      '1',
      String(cluster.controlPlaneNodeCount),
      cluster.apiServerVip ?? '—',
    ])
  })

  it('shows the nodes tab as kubectl get nodes, the VMs and the capacity taken', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab)
    const { wrapper, router } = await mountWithLab(ClusterDetail, { api, props: { name: 'demo' } })
    expect(wrapper.find('[data-testid="cluster-props"]').text()).toContain(
      `https://${cluster.apiServerVip}:6443`,
    )
    const vms = Object.values(api.lab.state.vms).filter((vm) => vm.owner.id === cluster.id)
    const cap = wrapper.find('[data-testid="cluster-capacity"]').text()
    expect(cap).toContain(String(vms.reduce((n, vm) => n + vm.processorCount, 0)))

    await router.push('/?tab=nodes')
    await wrapper.vm.$nextTick()
    const rows = wrapper.findAll('[data-testid="cluster-nodes-table"] tbody tr')
    expect(rows).toHaveLength(3)
    const now = api.lab.state.clock.now
    const expected = kubeObjects(api.lab.state, cluster.id, 'Node').map((n) => nodeRow(n, now))
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual(
      expected.map((n) => [n.name, n.status, n.roles, n.age, n.version, n.internalIp, n.osImage]),
    )
    expect(expected.map((n) => n.status)).toEqual(['Ready', 'Ready', 'Ready'])
    expect(expected.filter((n) => n.name.startsWith('moc-w'))).toHaveLength(1)

    await router.push('/?tab=vms')
    await wrapper.vm.$nextTick()
    expect(wrapper.findAll('[data-testid="cluster-vms-table"] tbody tr')).toHaveLength(vms.length)
  })

  it('scales a node pool from the right panel and deletes the cluster behind a tick box', async () => {
    const api = fakeApi()
    const cluster = provisionedCluster(api.lab)
    const { wrapper, router } = await mountWithLab(ClusterDetail, { api, props: { name: 'demo' } })
    await router.push('/?tab=nodepools')
    await wrapper.vm.$nextTick()
    await wrapper.find('[data-testid="cluster-pools-table"] [data-row="linuxpool1"]').trigger('click')
    await wrapper.find('[data-testid="pool-scale"]').trigger('click')
    await wrapper.find('[data-testid="scale-count"]').setValue(2)
    const submit = () => wrapper.find('[data-testid="scale-submit"]')
    for (let i = 0; i < 100 && submit().attributes('disabled') !== undefined; i++) await settle(50)
    expect(wrapper.find('[data-testid="scale-error"]').exists()).toBe(false)
    await submit().trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    expect(api.lab.state.aksClusters[cluster.id]!.nodePools.find((p) => p.name === 'linuxpool1')!.count).toBe(
      2,
    )

    await wrapper.find('[data-testid="cluster-delete"]').trigger('click')
    expect(wrapper.find('[data-testid="cluster-delete-confirm"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="cluster-delete-sure"]').setValue(true)
    await wrapper.find('[data-testid="cluster-delete-confirm"]').trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    const after = api.lab.state.aksClusters[cluster.id]
    expect(after === undefined || after.phase === 'Deleting').toBe(true)
  })
})
