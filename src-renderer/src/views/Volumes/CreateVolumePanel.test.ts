import { afterEach, describe, expect, it } from 'vitest'
import { poolCapacity } from '@shared/capacity'
import { formatBytes, formatPercent } from '@shared/format'
import { resiliencyUnavailableReason, TiB } from '@shared/s2d'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab, settle } from '@/testing/mountWithLab'
import CreateVolumePanel from './CreateVolumePanel.vue'

describe('Create volume panel', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('offers only the resiliencies this cluster supports, with the reason for the others', async () => {
    const api = fakeApi() // 2 servers
    const { wrapper } = await mountWithLab(CreateVolumePanel, { api })
    const shape = poolCapacity(api.lab.state).shape
    const options = wrapper.findAll('[data-testid="volume-resiliency"] option')
    const state = Object.fromEntries(
      options.map((o) => [o.attributes('value'), o.attributes('disabled') !== undefined]),
    )
    expect(state).toEqual({
      'two-way-mirror': false,
      'three-way-mirror': true,
      'dual-parity': true,
      'nested-two-way-mirror': false,
      'mirror-accelerated-parity': true,
      'nested-mirror-accelerated-parity': false,
    })
    const reasons = wrapper.find('[data-testid="resiliency-reasons"]').text()
    expect(reasons).toContain(resiliencyUnavailableReason('three-way-mirror', shape))
    expect(reasons).toContain(resiliencyUnavailableReason('dual-parity', shape))
  })

  it('previews the footprint and shows the New-Volume command', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(CreateVolumePanel, { api })
    await wrapper.find('[data-testid="volume-name"]').setValue('Data')
    await wrapper.find('[data-testid="volume-size"]').setValue('1')
    await wrapper.find('[data-testid="volume-size-unit"]').setValue('TB')
    await settle()
    expect(wrapper.find('[data-testid="preview-footprint"]').text()).toBe(formatBytes(2 * TiB))
    expect(wrapper.find('[data-testid="preview-efficiency"]').text()).toBe(formatPercent(0.5))
    const pool = poolCapacity(api.lab.state)
    expect(wrapper.find('[data-testid="preview-free"]').text()).toBe(
      `${formatBytes(pool.freeBytes)} → ${formatBytes(pool.freeBytes - 2 * TiB)}`,
    )
    expect(wrapper.find('[data-testid="powershell-code"]').text()).toBe(
      'New-Volume -FriendlyName "Data" -Size 1TB -ResiliencySettingName Mirror -PhysicalDiskRedundancy 1 ' +
        '-ProvisioningType Fixed -FileSystem CSVFS_ReFS -StoragePoolFriendlyName S2D*',
    )
    expect(wrapper.find('[data-testid="create-volume-submit"]').attributes('disabled')).toBeUndefined()
  })

  // 1700 GB nested two-way mirror = 6800 GiB footprint: more than the 6.48 TiB outside the reserve.
  it('shows nested tiers in the command and warns when the reserve is used', async () => {
    const { wrapper } = await mountWithLab(CreateVolumePanel)
    await wrapper.find('[data-testid="volume-resiliency"]').setValue('nested-two-way-mirror')
    await wrapper.find('[data-testid="volume-size"]').setValue('1700')
    await wrapper.find('[data-testid="volume-size-unit"]').setValue('GB')
    await settle()
    expect(wrapper.find('[data-testid="powershell-code"]').text()).toContain(
      '-StorageTierFriendlyNames NestedMirrorOnSSD -StorageTierSizes 1700GB',
    )
    expect(wrapper.find('[data-testid="preview-reserve-warning"]').exists()).toBe(true)
  })

  it('shows the engine preview error inline and disables Create', async () => {
    const { wrapper } = await mountWithLab(CreateVolumePanel)
    await wrapper.find('[data-testid="volume-name"]').setValue('Volume01')
    await settle()
    expect(wrapper.find('[data-testid="create-volume-error"]').text()).toContain(
      "A volume named 'Volume01' already exists",
    )
    expect(wrapper.find('[data-testid="create-volume-submit"]').attributes('disabled')).toBeDefined()

    await wrapper.find('[data-testid="volume-name"]').setValue('Big')
    await wrapper.find('[data-testid="volume-size"]').setValue('40')
    await settle()
    expect(wrapper.find('[data-testid="create-volume-error"]').text()).toContain(
      'Not enough available capacity',
    )
  })

  it('creates the volume through lab:command', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(CreateVolumePanel, { api })
    await wrapper.find('[data-testid="volume-name"]').setValue('Data')
    await settle()
    await wrapper.find('[data-testid="create-volume-submit"]').trigger('click')
    await settle(0)
    expect(Object.values(api.lab.state.volumes).map((v) => v.name)).toContain('Data')
    expect(wrapper.emitted('created')).toEqual([['Data']])
  })
})
