import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { formatBytes } from '@shared/format'
import { GiB, TiB } from '@shared/s2d'
import { installedAks } from '@/testing/aksLab'
import { fakeApi } from '@/testing/fakeApi'
import { mountWithLab } from '@/testing/mountWithLab'
import VolumeDetail from './VolumeDetail.vue'
import { changeRows, describeChange, formatSpan } from './volumeChanges'

describe('a volume’s capacity changes', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('describes each kind of change as a person reads it', () => {
    const path = 'C:\\ClusterStorage\\Volume01\\images\\pvc-1.vhdx'
    expect(describeChange({ kind: 'file-created', path, deltaBytes: 4 * 1024 ** 2 }).text).toBe(
      'pvc-1.vhdx created (+4 MiB)',
    )
    expect(describeChange({ kind: 'file-changed', path, deltaBytes: 32 * 1024 ** 2 }).text).toBe(
      'pvc-1.vhdx grew by 32 MiB',
    )
    expect(describeChange({ kind: 'file-deleted', path, deltaBytes: -GiB }).text).toBe(
      'pvc-1.vhdx deleted (−1 GiB)',
    )
    expect(describeChange({ kind: 'volume-resized', path: 'Volume01', deltaBytes: TiB }).text).toBe(
      'Volume Volume01 extended by 1 TiB',
    )
  })

  it('shows before → after with just enough decimals to tell them apart', () => {
    expect(formatSpan(51 * GiB, 51 * GiB + 4 * 1024 ** 2)).toBe('51 GiB → 51.004 GiB')
    expect(formatSpan(GiB, 2 * GiB)).toBe('1 GiB → 2 GiB')
    // A few KiB on GiB of used space: no "27.00001 GiB"; the row's delta shows the change.
    expect(formatSpan(27 * GiB, 27 * GiB + 6 * 1024)).toBe('27 GiB → 27 GiB')
    expect(formatSpan(1.973572 * TiB, 1.973572 * TiB - 3 * 1024)).toBe('1.97 TiB → 1.97 TiB')
    expect(formatSpan(null, 2 * TiB)).toBe('2 TiB')
  })

  it('reads each point against the one before, newest first', () => {
    const rows = changeRows({
      volumeId: 'v',
      points: [
        { t: 1, usedBytes: 0, sizeBytes: 10 * GiB, footprintBytes: 0 },
        { t: 2, usedBytes: 3 * GiB, sizeBytes: 10 * GiB, footprintBytes: 0, moreChanges: 2 },
      ],
    })
    expect(rows.map((r) => r.t)).toEqual([2, 1])
    expect(rows[0]).toMatchObject({
      usedBefore: 0,
      usedAfter: 3 * GiB,
      freeBefore: 10 * GiB,
      freeAfter: 7 * GiB,
    })
    expect(rows[0]!.lines.map((l) => l.text)).toEqual(['and 2 more changes'])
    expect(rows[1]).toMatchObject({ usedBefore: null, freeBefore: null })
    expect(rows[1]!.lines.map((l) => l.text)).toEqual(['Capacity changed'])
  })

  it('lists the volume’s extension with size and free space before → after', async () => {
    const api = fakeApi()
    api.lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    api.lab.dispatch({ type: 'volume.resize', name: 'Volume01', sizeBytes: 3 * TiB })
    const { wrapper, router } = await mountWithLab(VolumeDetail, { api, props: { name: 'Volume01' } })
    await router.push('/?tab=changes')
    await flushPromises()
    const rows = wrapper.findAll('[data-testid="volume-changes"] tbody tr')
    expect(rows).toHaveLength(2)
    const [extended, created] = rows.map((r) => r.findAll('td').map((td) => td.text()))
    expect(extended![1]).toBe('Volume Volume01 extended by 1 TiB')
    const [before, after] = api.lab.state.samples['volume-1']!.points
    const free = (p: typeof before) => formatBytes(p!.sizeBytes - p!.usedBytes)
    expect(extended![3]).toBe(`${free(before)} → ${free(after)}`)
    expect(created![1]).toMatch(/^Volume Volume01 created/)
  })

  it('links a file’s change to its row in the files table and filters with the search box', async () => {
    const api = fakeApi()
    installedAks(api.lab)
    const { wrapper, router } = await mountWithLab(VolumeDetail, { api, props: { name: 'Volume01' } })
    await router.push('/?tab=changes')
    await flushPromises()
    const table = () => wrapper.find('[data-testid="volume-changes"]')
    const all = table().findAll('tbody tr').length
    await wrapper.find('input[type="search"]').setValue('created: fixed VHDX')
    const created = table().findAll('tbody tr')
    expect(created.length).toBeGreaterThan(0)
    expect(created.length).toBeLessThan(all)
    const link = created[0]!.find('[data-testid="change-file-link"]')
    const name = link.text().replace(/ created.*$/, '')
    await link.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.tab).toBe('files')
    const selected = wrapper.find('[data-testid="volume-files"] tr.selected')
    expect(selected.find('td').text()).toMatch(new RegExp(`${name.replace(/[.]/g, '\\.')}$`))
  })
})
