import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { TiB } from '@shared/s2d'
import { setApi } from '@/api/client'
import { fakeApi } from '@/testing/fakeApi'
import { useHealthStore } from './health'
import { useLabStore } from './lab'

describe('health alerts', () => {
  it('warns when volumes use the reserve and when a thin pool passes its threshold', async () => {
    const api = fakeApi()
    setApi(api)
    setActivePinia(createPinia())
    await useLabStore().start()
    const health = useHealthStore()
    expect(health.alerts).toEqual([])

    // 13.97 TiB raw, 3.49 TiB reserve, Volume01 takes 4 TiB: 3.3 TiB more two-way mirror reaches into the reserve.
    const big = api.lab.dispatch({
      type: 'volume.create',
      name: 'Big',
      resiliency: 'two-way-mirror',
      sizeBytes: Math.round(3.3 * TiB),
      provisioning: 'Fixed',
    })
    expect(big.ok).toBe(true)
    expect(health.alerts.map((a) => a.id)).toEqual(['pool-reserve'])

    api.lab.dispatch({
      type: 'volume.create',
      name: 'Thin',
      resiliency: 'two-way-mirror',
      sizeBytes: TiB,
      provisioning: 'Thin',
    })
    expect(health.alerts.map((a) => a.id).sort()).toEqual(['pool-reserve', 'pool-thin-threshold'])
    expect(health.alerts.every((a) => a.area === 'volumes' && a.severity === 'Warning')).toBe(true)
  })
})
