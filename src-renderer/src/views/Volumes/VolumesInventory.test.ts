import { afterEach, describe, expect, it } from 'vitest'
import { poolCapacity } from '@shared/capacity'
import { formatBytes } from '@shared/format'
import { TiB } from '@shared/s2d'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import VolumesInventory from './VolumesInventory.vue'
import VolumesSummary from './VolumesSummary.vue'

describe('Volumes inventory', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each volume with the figures the engine computes', async () => {
    const api = fakeApi()
    api.lab.dispatch({
      type: 'volume.create',
      name: 'Thin01',
      resiliency: 'two-way-mirror',
      sizeBytes: 3 * TiB,
      provisioning: 'Thin',
    })
    const { wrapper } = await mountWithLab(VolumesInventory, { api })
    const expected = poolCapacity(api.lab.state).volumes.find((v) => v.volume.name === 'Volume01')!

    const row = wrapper.find(`[data-row="${expected.volume.id}"]`)
    const cells = row.findAll('td').map((td) => td.text())
    expect(cells[0]).toBe('Volume01')
    expect(cells[1]).toBe('C:\\ClusterStorage\\Volume01')
    expect(cells[2]).toBe('Two-way mirror')
    expect(cells[3]).toBe('Fixed')
    expect(cells[4]).toBe(formatBytes(expected.volume.sizeBytes))
    expect(cells[4]).toBe('2 TiB')
    expect(cells[5]).toBe(formatBytes(expected.footprintBytes))
    expect(cells[5]).toBe('4 TiB')
    expect(cells[6]).toContain(`of ${formatBytes(expected.fileSystemBytes)}`)
    // The bar shows used of size, so the column says Used (not "Used / Free").
    expect(wrapper.findAll('thead th')[6]!.text()).toMatch(/^Used\b(?! \/)/)
    expect(cells[7]).toContain('Healthy')
    expect(wrapper.findAll('tbody tr')).toHaveLength(2)
  })

  it('filters with the search box and shows the match count', async () => {
    const api = fakeApi()
    api.lab.dispatch({
      type: 'volume.create',
      name: 'Data',
      resiliency: 'two-way-mirror',
      sizeBytes: TiB,
      provisioning: 'Fixed',
    })
    const { wrapper } = await mountWithLab(VolumesInventory, { api })
    await wrapper.find('input[type="search"]').setValue('data')
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
    expect(wrapper.text()).toContain('1 of 2 items')
  })

  it('enables Extend and Delete only with a selected volume', async () => {
    const { wrapper } = await mountWithLab(VolumesInventory)
    expect(wrapper.find('[data-testid="volumes-delete"]').attributes('disabled')).toBeDefined()
    await wrapper.find('tbody tr').trigger('click')
    expect(wrapper.find('[data-testid="volumes-delete"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="volumes-extend"]').attributes('disabled')).toBeUndefined()
  })

  it('summarises the pool with the shared capacity maths', async () => {
    const api = fakeApi()
    const { wrapper } = await mountWithLab(VolumesSummary, { api })
    const pool = poolCapacity(api.lab.state)
    expect(wrapper.find('[data-testid="pool-raw"]').text()).toBe(formatBytes(pool.rawBytes))
    expect(wrapper.find('[data-testid="pool-raw"]').text()).toBe('13.97 TiB')
    expect(wrapper.find('[data-testid="pool-allocated"]').text()).toBe('4 TiB')
    expect(wrapper.find('[data-testid="pool-reserve"]').text()).toBe(formatBytes(pool.reserveBytes))
    expect(wrapper.find('[data-testid="pool-free"]').text()).toBe(formatBytes(pool.freeOutsideReserveBytes))

    api.lab.dispatch({
      type: 'volume.create',
      name: 'Thin01',
      resiliency: 'two-way-mirror',
      sizeBytes: 10 * TiB,
      provisioning: 'Thin',
    })
    await wrapper.vm.$nextTick()
    const after = poolCapacity(api.lab.state)
    expect(wrapper.find('[data-testid="pool-committed"]').text()).toContain(
      `committed ${formatBytes(after.committedBytes)} of ${formatBytes(after.rawBytes)}`,
    )
  })
})
