import { describe, expect, it } from 'vitest'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { ok } from '../../aks/testkit'
import { eventsOf, pvcOf, setup } from './testkit'

// A VHDX holds at most 64 TB: a claim past it stays Pending with the driver's ProvisioningFailed,
// and no file appears on the volume. A dynamic claim of many TiB on a 2 TiB volume is fine: it takes
// 4 MiB until the disk inside fills (the volume then shows it overprovisioned).

const claimOf = (name: string, size: string) =>
  SAMPLE_MANIFESTS['pvc.yaml']!.replace('bigvolume', name).replace('100Gi', size)

describe('VHDX limits', () => {
  it('refuses a claim larger than 64 TiB in the driver’s words', () => {
    const { lab, id } = setup()
    const files = Object.keys(lab.state.files).length
    ok(lab, { type: 'kube.apply', cluster: 'demo', manifest: claimOf('toobig', '65Ti'), mode: 'apply' })
    ok(lab, { type: 'clock.advance', ms: 10_000 })
    const pvc = pvcOf(lab, id, 'toobig')
    expect(pvc.status!.phase).toBe('Pending')
    const failed = eventsOf(lab, id, pvc.metadata.uid).filter((e) => e.reason === 'ProvisioningFailed')
    expect(failed[0]).toMatchObject({
      type: 'Warning',
      message:
        'failed to provision volume with StorageClass "default": rpc error: code = OutOfRange desc = the requested size (65 TiB) is larger than the largest VHDX (64 TiB)',
    })
    expect(Object.keys(lab.state.files)).toHaveLength(files)
  })

  it('provisions a 64 TiB dynamic claim on a 2 TiB volume: 4 MiB on disk', () => {
    const { lab, id } = setup()
    ok(lab, { type: 'kube.apply', cluster: 'demo', manifest: claimOf('largest', '64Ti'), mode: 'apply' })
    ok(lab, { type: 'clock.advance', ms: 10_000 })
    const pvc = pvcOf(lab, id, 'largest')
    expect(pvc.status!.phase).toBe('Bound')
    expect(lab.state.files[`vhdx-${id}-${pvc.spec!.volumeName}`]).toMatchObject({
      sizeBytes: 64 * 1024 ** 4,
      allocatedBytes: 4 * 1024 ** 2,
    })
  })
})
