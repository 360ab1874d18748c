import { describe, expect, it } from 'vitest'
import { volumeCapacity } from '@shared/capacity'
import { clusterTeardown } from '@shared/file-owners'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import { poolShape } from '@shared/s2d'
import type { Lab } from '../lab'
import { clusterOf, MIN, retainedClaim, withCluster } from './cluster-testkit'
import { ok } from './testkit'

// Removing a workload cluster gives back what it owned in the cloud agent: its VMs' disks and the
// VHDX of its claims. A Retain volume's VHDX stays (its data was asked to be kept), owned by nothing.

const RETAIN_CLASS = retainedClaim('2Gi')

const apply = (lab: Lab, manifest: string) =>
  ok(lab, { type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })

const usedBytes = (lab: Lab) => {
  const volume = Object.values(lab.state.volumes)[0]!
  const shape = poolShape(Object.keys(lab.state.servers), Object.values(lab.state.drives))
  return volumeCapacity(volume, shape, lab.state.files).usedBytes
}
const pvFiles = (lab: Lab) => Object.values(lab.state.files).filter((f) => f.owner.kind === 'pv')

/** A cluster running demo1 and demo3 (six dynamic VHDX) and a claim of a Retain class. */
function clusterWithClaims(): Lab {
  const lab = withCluster('demo', 1)
  apply(lab, SAMPLE_MANIFESTS['demo1.yaml']!)
  apply(lab, SAMPLE_MANIFESTS['demo3.yaml']!)
  apply(lab, RETAIN_CLASS)
  ok(lab, { type: 'clock.advance', ms: 10 * MIN })
  return lab
}

describe('removing a workload cluster', () => {
  it('deletes the VHDX of its claims with its VMs; a Retain volume’s VHDX stays', () => {
    const lab = clusterWithClaims()
    const id = clusterOf(lab, 'demo').id
    expect(pvFiles(lab)).toHaveLength(7)
    const retained = pvFiles(lab).find((f) => f.owner.label.includes('default/kept'))!
    const plan = clusterTeardown(lab.state, id)
    const before = usedBytes(lab)

    ok(lab, { type: 'aks.cluster.delete', name: 'demo' })
    ok(lab, { type: 'clock.advance', ms: 5 * MIN })

    expect(lab.state.aksClusters[id]).toBeUndefined()
    expect(pvFiles(lab)).toEqual([retained])
    expect(Object.values(lab.state.files).filter((f) => f.owner.kind === 'aks-cluster')).toEqual([])
    expect(plan.kept).toEqual([retained])
    expect(plan.removed.filter((f) => f.owner.kind === 'pv')).toHaveLength(6)
    expect(plan.removed.filter((f) => f.owner.kind === 'aks-cluster')).toHaveLength(3) // LB, control plane, worker
    for (const f of plan.removed) expect(lab.state.files[f.id]).toBeUndefined()
    // What the dialog promised is what the volume got back, byte for byte.
    expect(before - usedBytes(lab)).toBe(plan.freedBytes)
  })

  it('names every file in the capacity changes of the volume', () => {
    const lab = clusterWithClaims()
    const plan = clusterTeardown(lab.state, clusterOf(lab, 'demo').id)
    ok(lab, { type: 'aks.cluster.delete', name: 'demo' })
    ok(lab, { type: 'clock.advance', ms: 5 * MIN })
    const points = Object.values(lab.state.samples)[0]!.points
    const last = points[points.length - 1]!
    const deleted = (last.changes ?? []).filter((c) => c.kind === 'file-deleted')
    expect(deleted.map((c) => c.path).sort()).toEqual(plan.removed.map((f) => f.path).sort())
    expect(deleted.reduce((sum, c) => sum - c.deltaBytes, 0)).toBe(plan.freedBytes)
  })

  it('after Uninstall-AksHci only the Retain VHDX is left, and it can then be deleted', () => {
    const lab = clusterWithClaims()
    ok(lab, { type: 'aks.cluster.delete', name: 'demo' })
    ok(lab, { type: 'clock.advance', ms: 5 * MIN })
    ok(lab, { type: 'aks.uninstall' })
    const left = Object.values(lab.state.files)
    expect(left.map((f) => f.owner.kind)).toEqual(['pv'])
    expect(ok(lab, { type: 'file.delete', path: left[0]!.path })).toEqual({
      path: left[0]!.path,
      freedBytes: left[0]!.allocatedBytes,
    })
    expect(lab.state.files).toEqual({})
  })
})
