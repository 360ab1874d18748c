import { describe, expect, it } from 'vitest'
import { volumeOfPath } from '@shared/aks-paths'
import { vhdxProvisioning, volumeCapacity } from '@shared/capacity'
import { SAMPLE_MANIFESTS, STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'
import { poolShape } from '@shared/s2d'
import type { Lab } from '../../lab'
import { ok } from '../../aks/testkit'
import { pvcOf, setup } from './testkit'

// The blog's "before and after" on Volume01: pvc.yaml (the default class, dynamic VHDX) adds a file of
// 4 MiB on disk for a 100 GiB disk; pvc-fixed.yaml (a fixed class) adds the whole 100 GiB at once.

const GiB = 1024 ** 3
const MiB = 1024 ** 2

function apply(lab: Lab, manifest: string) {
  ok(lab, { type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })
  ok(lab, { type: 'clock.advance', ms: 10_000 })
}

function volume01(lab: Lab) {
  const volume = volumeOfPath(lab.state, 'C:\\ClusterStorage\\Volume01')!
  const shape = poolShape(
    Object.values(lab.state.servers).map((s) => s.id),
    Object.values(lab.state.drives),
  )
  const cap = volumeCapacity(volume, shape, lab.state.files)
  return { used: cap.usedBytes, vhdx: vhdxProvisioning(cap, lab.state.files) }
}

const fileOf = (lab: Lab, id: string, claim: string) =>
  lab.state.files[`vhdx-${id}-${pvcOf(lab, id, claim).spec!.volumeName}`]!

describe('pvc-fixed.yaml, the blog’s picture', () => {
  it('adds 100 GiB to Volume01’s used space when it binds, where pvc.yaml adds 4 MiB', () => {
    const { lab, id } = setup()
    const before = volume01(lab)
    apply(lab, SAMPLE_MANIFESTS['pvc.yaml']!)
    const dynamic = volume01(lab)
    expect(pvcOf(lab, id, 'bigvolume').status!.phase).toBe('Bound')
    expect(dynamic.used - before.used).toBe(4 * MiB)
    expect(fileOf(lab, id, 'bigvolume')).toMatchObject({ sizeBytes: 100 * GiB, allocatedBytes: 4 * MiB })
    expect(dynamic.vhdx.provisionedBytes - before.vhdx.provisionedBytes).toBe(100 * GiB)

    apply(lab, STORAGE_SAMPLE_MANIFESTS['pvc-fixed.yaml']!)
    const fixed = volume01(lab)
    expect(pvcOf(lab, id, 'bigvolume-fixed').status!.phase).toBe('Bound')
    expect(fixed.used - dynamic.used).toBe(100 * GiB)
    expect(fileOf(lab, id, 'bigvolume-fixed')).toMatchObject({
      sizeBytes: 100 * GiB,
      allocatedBytes: 100 * GiB,
      vhd: { type: 'Fixed', blockSizeBytes: 0, logicalSectorBytes: 4096, physicalSectorBytes: 4096 },
    })
    // Its capacity-changes entry names the fixed VHDX and its 100 GiB.
    const last = lab.state.samples[fileOf(lab, id, 'bigvolume-fixed').volumeId]!.points.at(-1)!
    expect(last.changes).toEqual([
      {
        kind: 'file-created',
        path: fileOf(lab, id, 'bigvolume-fixed').path,
        deltaBytes: 100 * GiB,
        vhdx: { type: 'Fixed', virtualBytes: 100 * GiB, virtualDeltaBytes: 100 * GiB },
      },
    ])
  })
})
