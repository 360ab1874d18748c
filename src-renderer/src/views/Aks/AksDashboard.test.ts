import { afterEach, describe, expect, it } from 'vitest'
import { AKS_IMAGES } from '@shared/aks-assumptions'
import { formatBytes } from '@shared/format'
import { installedAks } from '@/testing/aksLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import { formatUptime } from '@/stores/vms'
import VmsView from '@/views/Vms/VmsView.vue'
import AksView from './AksView.vue'

describe('after the AKS host is installed', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the host dashboard: management VM, pools, image store, Add cluster', async () => {
    const api = fakeApi()
    installedAks(api.lab)
    const { wrapper } = await mountWithLab(AksView, { api })
    const vm = Object.values(api.lab.state.vms)[0]!
    expect(wrapper.find('[data-testid="aks-dashboard"]').exists()).toBe(true)
    const mgmt = wrapper.find('[data-testid="aks-mgmt"]').text()
    expect(mgmt).toContain(vm.name)
    expect(mgmt).toContain(api.lab.state.servers[vm.serverId]!.name)
    expect(mgmt).toContain('Running')
    expect(mgmt).toContain(vm.ip!)
    const pools = wrapper.findAll('[data-testid="aks-pools"] tbody tr').map((tr) => tr.text())
    expect(pools[1]).toContain('1 of 21')
    expect(pools[1]).toContain('Management cluster API server')
    const images = wrapper.find('[data-testid="aks-image-files"]').text()
    for (const i of AKS_IMAGES) expect(images).toContain(i.fileName)
    expect(wrapper.find('[data-testid="aks-add-cluster"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="aks-clusters-table"]').text()).toContain('No Kubernetes clusters yet')
    expect(wrapper.find('[data-testid="aks-registration"]').text()).toContain('aks-hci-rg')
  })

  it("lists the storage containers with their volumes, the install's own first", async () => {
    const api = fakeApi()
    installedAks(api.lab)
    const made = api.lab.dispatch({
      type: 'aks.storageContainer.create',
      name: 'customStorageContainer',
      path: 'C:\\ClusterStorage\\Volume01\\custom',
    })
    expect(made.ok).toBe(true)
    const { wrapper } = await mountWithLab(AksView, { api })
    const rows = wrapper
      .findAll('[data-testid="aks-storage-containers"] tbody tr')
      .map((tr) => tr.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['MocStorageContainer', 'C:\\ClusterStorage\\Volume01\\images', 'Volume01'],
      ['customStorageContainer', 'C:\\ClusterStorage\\Volume01\\custom', 'Volume01'],
    ])
    const link = wrapper.find('[data-testid="aks-storage-containers"] [data-row="customStorageContainer"] a')
    expect(link.attributes('href')).toBe('/volumes/Volume01')
  })

  it('shows the engine refusal inline when Uninstall is refused, and uninstalls otherwise', async () => {
    const api = fakeApi()
    installedAks(api.lab)
    const { wrapper } = await mountWithLab(AksView, { api })
    await wrapper.find('[data-testid="aks-uninstall"]').trigger('click')
    const confirm = wrapper.find('[data-testid="aks-uninstall-confirm"]')
    expect(confirm.attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="aks-uninstall-sure"]').setValue(true)
    await confirm.trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    expect(api.lab.state.aks.phase).toBe('NotConfigured')
    await wrapper.vm.$nextTick()
    expect(wrapper.find('[data-testid="aks-landing"]').exists()).toBe(true)
  })

  it('lists the management VM in the VM inventory with host, size, disk and uptime', async () => {
    const api = fakeApi()
    installedAks(api.lab)
    const { wrapper, router } = await mountWithLab(VmsView, { api })
    await router.push('/vms?tab=inventory')
    await wrapper.vm.$nextTick()
    const vm = Object.values(api.lab.state.vms)[0]!
    const disk = vm.diskFileIds.reduce((n, id) => n + api.lab.state.files[id]!.allocatedBytes, 0)
    const cells = wrapper
      .find(`[data-row="${vm.id}"]`)
      .findAll('td')
      .map((td) => td.text())
    expect(cells).toEqual([
      vm.name,
      'Running',
      api.lab.state.servers[vm.serverId]!.name,
      '4',
      formatBytes(vm.memoryBytes),
      formatBytes(disk),
      vm.ip,
      formatUptime(api.lab.state.clock.now - vm.startedAt!),
      vm.owner.label,
    ])
    await wrapper.find(`[data-row="${vm.id}"]`).trigger('click')
    expect(wrapper.find('[data-testid="vm-details"]').text()).toContain(vm.os)
  })
})
