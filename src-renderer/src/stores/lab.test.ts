import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { TiB } from '@shared/s2d'
import { setApi } from '@/api/client'
import { fakeApi, type FakeApi } from '@/testing/fakeApi'
import { useLabStore } from './lab'

const snapshots = (api: FakeApi) => api.calls.filter((c) => c.channel === 'lab:snapshot').length
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('lab store', () => {
  let api: FakeApi
  beforeEach(() => {
    api = fakeApi()
    setApi(api)
    setActivePinia(createPinia())
  })

  it('pulls a snapshot, then applies batches that follow its version', async () => {
    const lab = useLabStore()
    await lab.start()
    expect(lab.ready).toBe(true)
    expect(Object.values(lab.view.volumes).map((v) => v.name)).toEqual(['Volume01'])
    const before = lab.version

    api.lab.dispatch({
      type: 'volume.create',
      name: 'Data',
      resiliency: 'two-way-mirror',
      sizeBytes: TiB,
      provisioning: 'Fixed',
    })
    api.lab.dispatch({ type: 'clock.advance', ms: 60_000 })

    expect(lab.version).toBe(before + 2)
    expect(
      Object.values(lab.view.volumes)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['Data', 'Volume01'])
    expect(lab.view.clock.now).toBe(api.lab.now)
    expect(snapshots(api)).toBe(1)
  })

  it('removes entities whose change value is null', async () => {
    const lab = useLabStore()
    await lab.start()
    api.lab.dispatch({ type: 'volume.delete', name: 'Volume01' })
    expect(Object.keys(lab.view.volumes)).toEqual([])
  })

  it('re-pulls the snapshot when a batch does not follow its version', async () => {
    const lab = useLabStore()
    await lab.start()
    const v = lab.version
    api.emit('lab:changes', { from: v + 5, version: v + 6, changes: [] })
    await flush()
    expect(snapshots(api)).toBe(2)
    expect(lab.version).toBe(api.lab.changeVersion)
  })

  it('re-pulls the snapshot on a summary of changes too many to send', async () => {
    const lab = useLabStore()
    await lab.start()
    const v = lab.version
    // What the page lacks when the host summarised the changes instead of sending them.
    const volumes = lab.view.volumes as Record<string, unknown>
    for (const id of Object.keys(volumes)) delete volumes[id]
    api.emit('lab:changes', { from: v, version: v, changes: [], resync: true })
    await flush()
    expect(snapshots(api)).toBe(2)
    expect(Object.values(lab.view.volumes).map((x) => x.name)).toEqual(['Volume01'])
  })

  it('re-pulls when another lab is opened', async () => {
    const lab = useLabStore()
    await lab.start()
    api.emit('lab:switched', {
      name: 'Other',
      file: '/labs/other.hcilab',
      recent: [],
      readOnly: false,
      recovery: null,
    })
    await flush()
    expect(snapshots(api)).toBe(2)
    expect(lab.info?.name).toBe('Other')
  })
})

describe('lab store while pulling', () => {
  it('replays batches that arrive while the snapshot is on its way', async () => {
    const api = fakeApi()
    setApi(api)
    setActivePinia(createPinia())
    const lab = useLabStore()
    const started = lab.start() // the fake takes the snapshot now and answers on a later tick
    api.lab.dispatch({ type: 'clock.advance', ms: 1000 }) // arrives before the snapshot reply
    await started
    expect(lab.view.clock.now).toBe(api.lab.now)
    api.lab.dispatch({ type: 'clock.advance', ms: 1000 })
    expect(lab.version).toBe(api.lab.changeVersion)
    expect(snapshots(api)).toBe(1)
  })

  it('pulls again when a summary arrives while the snapshot is on its way', async () => {
    const api = fakeApi()
    setApi(api)
    setActivePinia(createPinia())
    const lab = useLabStore()
    const started = lab.start()
    const v = api.lab.changeVersion
    api.emit('lab:changes', { from: v, version: v + 1, changes: [], resync: true })
    await started
    expect(snapshots(api)).toBe(2)
    expect(lab.version).toBe(api.lab.changeVersion)
  })
})
