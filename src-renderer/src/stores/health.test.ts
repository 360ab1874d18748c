import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { TiB } from '@shared/s2d'
import { setApi } from '@/api/client'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { provisionedCluster } from '@/testing/clusterLab'
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

  it('warns when a volume’s dynamic VHDX files can grow past its free space', async () => {
    const api = fakeApi()
    provisionedCluster(api.lab, 'demo', false)
    setApi(api)
    setActivePinia(createPinia())
    await useLabStore().start()
    const health = useHealthStore()
    const claim = (name: string, size: string) =>
      SAMPLE_MANIFESTS['pvc.yaml']!.replace('bigvolume', name).replace('100Gi', size)
    const apply = (manifest: string) => {
      expect(api.lab.dispatch({ type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' }).ok).toBe(true)
      api.lab.dispatch({ type: 'clock.advance', ms: 10_000 })
    }
    apply(claim('one', '1Ti'))
    expect(health.alerts.map((a) => a.id)).toEqual([])
    apply(claim('two', '1Ti'))
    const alert = health.alerts.find((a) => a.id === 'volume-vhdx-overprovisioned-volume-1')!
    expect(alert).toMatchObject({
      area: 'volumes',
      severity: 'Warning',
      title: 'Volume Volume01 is overprovisioned',
    })
    expect(alert.detail).toMatch(/^Its dynamic VHDX files can grow by 2 TiB; 1\.\d+ TiB is free\.$/)
  })
})
