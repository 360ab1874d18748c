import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'
import type { PersistentVolume } from 'kubernetes-types/core/v1'
import { ok } from '../../aks/testkit'
import { pvcOf, setup } from './testkit'

// The storage samples: the same text in resources/manifests/, and each works as its comments say.

const apply = (lab: ReturnType<typeof setup>['lab'], name: string) =>
  ok(lab, {
    type: 'kube.apply',
    cluster: 'demo',
    manifest: STORAGE_SAMPLE_MANIFESTS[name]!,
    mode: 'apply',
  })

describe('the storage sample manifests', () => {
  it('are the files of resources/manifests', () => {
    for (const [name, text] of Object.entries(STORAGE_SAMPLE_MANIFESTS))
      expect(readFileSync(join(__dirname, '../../../../resources/manifests', name), 'utf8')).toBe(text)
  })

  it('static-pv.yaml: the claim binds to the pre-created PV, nothing provisioned', () => {
    const { lab, id } = setup()
    apply(lab, 'static-pv.yaml')
    expect(pvcOf(lab, id, 'static-claim').status!.phase).toBe('Bound')
    const pv = getKube<PersistentVolume & KubeObject>(lab.state, id, 'PersistentVolume', '', 'static-pv')!
    expect(pv.status!.phase).toBe('Bound')
    expect(Object.values(lab.state.files).filter((f) => f.owner.kind === 'pv')).toEqual([])
  })

  it('sc-custom.yaml: after New-AksHciStorageContainer, the claim’s VHDX is in that folder', () => {
    const { lab, id } = setup()
    ok(lab, {
      type: 'aks.storageContainer.create',
      name: 'customStorageContainer',
      path: 'C:\\ClusterStorage\\Volume01\\customStorage',
    })
    apply(lab, 'sc-custom.yaml')
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvc = pvcOf(lab, id, 'customclaim')
    expect(pvc.status!.phase).toBe('Bound')
    expect(lab.state.files[`vhdx-${id}-${pvc.spec!.volumeName}`]!.path).toMatch(
      /^C:\\ClusterStorage\\Volume01\\customStorage\\[0-9a-f]{15}\\[0-9a-f-]{36}\.vhdx$/,
    )
  })
})
