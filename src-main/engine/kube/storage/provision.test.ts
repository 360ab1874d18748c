import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { getKube, listKube } from '@shared/kube'
import type { PersistentVolume } from 'kubernetes-types/core/v1'
import type { StorageClass } from 'kubernetes-types/storage/v1'
import { ok } from '../../aks/testkit'
import { deleteObject, updateObject } from '../store'
import { podClaimsBound } from './attach'
import { claim, eventsOf, imageVolumeFree, inTx, put, pvcOf, setup } from './testkit'

const GiB = 1024 ** 3
const MiB = 1024 ** 2
const fixedClass = (name: string, reclaimPolicy = 'Delete', mode = 'Immediate') => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: 'msvhd',
  parameters: { dynamic: 'false', container: 'MocStorageContainer' },
  reclaimPolicy,
  volumeBindingMode: mode,
  allowVolumeExpansion: true,
})

describe('the default StorageClass', () => {
  const { lab, id } = setup()
  it('is created with the cluster: default (default), msvhd, Immediate, expansion, Delete', () => {
    const sc = getKube<StorageClass>(lab.state, id, 'StorageClass', '', 'default')!
    expect(sc.metadata!.annotations).toEqual({ 'storageclass.kubernetes.io/is-default-class': 'true' })
    expect(sc).toMatchObject({
      provisioner: 'msvhd',
      volumeBindingMode: 'Immediate',
      allowVolumeExpansion: true,
      reclaimPolicy: 'Delete',
    })
    expect(sc.parameters).toMatchObject({
      blocksize: '33554432',
      dynamic: 'true',
      port: '55000',
      group: 'clustergroup-demo',
    })
    expect(sc.parameters!.hostname).toBe(`${lab.state.aks.cloudAgentRole}.${lab.state.cluster.domain}`)
  })
})

describe('dynamic provisioning of bigvolume (100Gi, default class)', () => {
  const { lab, id } = setup()
  const before = imageVolumeFree(lab)
  inTx(lab, id, (tx) => put(tx, id, claim('bigvolume', '100Gi')))
  const pending = pvcOf(lab, id, 'bigvolume')

  it('sets the default class and records ExternalProvisioning and Provisioning', () => {
    expect(pending.spec!.storageClassName).toBe('default')
    expect(pending.status!.phase).toBe('Pending')
    expect(inTx(lab, id, (tx) => podClaimsBound(tx, id, podUsing('bigvolume')))).toEqual({
      bound: false,
      message: 'pod has unbound immediate PersistentVolumeClaims',
    })
    const ev = eventsOf(lab, id, pending.metadata.uid)
    expect(ev.map((e) => e.reason)).toEqual(['ExternalProvisioning', 'Provisioning'])
    expect(ev[0]!.message).toBe(
      'waiting for a volume to be created, either by external provisioner "msvhd" or manually created by system administrator',
    )
    expect(ev[1]!.message).toBe('External provisioner is provisioning volume for claim "default/bigvolume"')
  })

  it('a few seconds later: a Bound PV pvc-<uid>, a dynamic VHDX in the ledger, the claim Bound', () => {
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvName = `pvc-${pending.metadata.uid}`
    const pv = getKube<PersistentVolume>(lab.state, id, 'PersistentVolume', '', pvName)!
    expect(pv.status!.phase).toBe('Bound')
    expect(pv.spec).toMatchObject({
      capacity: { storage: '100Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'default',
      claimRef: { namespace: 'default', name: 'bigvolume', uid: pending.metadata.uid },
      csi: { driver: 'msvhd', fsType: 'ext4' },
    })
    const pvc = pvcOf(lab, id, 'bigvolume')
    expect(pvc.spec!.volumeName).toBe(pvName)
    expect(pvc.status).toMatchObject({ phase: 'Bound', capacity: { storage: '100Gi' } })
    const file = Object.values(lab.state.files).find((f) => f.owner.kind === 'pv')!
    expect(file.path).toMatch(/^C:\\ClusterStorage\\Volume\d+\\.*\\[0-9a-f]{15}\\[0-9a-f-]{36}\.vhdx$/)
    expect(pv.spec!.csi!.volumeHandle).toBe(file.path)
    expect(file).toMatchObject({ sizeBytes: 100 * GiB, allocatedBytes: 4 * MiB })
    expect(file.owner).toEqual({
      kind: 'pv',
      id: pvName,
      label: `PV ${pvName} (default/bigvolume) in cluster demo`,
    })
    expect(before - imageVolumeFree(lab)).toBe(4 * MiB)
    expect(eventsOf(lab, id, pending.metadata.uid).at(-1)!.reason).toBe('ProvisioningSucceeded')
  })

  it('deleting the claim (reclaim Delete) removes the PV and the VHDX: the space comes back', () => {
    inTx(lab, id, (tx) => deleteObject(tx, id, 'PersistentVolumeClaim', 'default', 'bigvolume'))
    expect(listKube(lab.state, id, { kind: 'PersistentVolume' })).toEqual([])
    expect(Object.values(lab.state.files).some((f) => f.owner.kind === 'pv')).toBe(false)
    expect(imageVolumeFree(lab)).toBe(before)
  })
})

describe('fixed VHDX classes, full volumes, retain and expansion', () => {
  const { lab, id } = setup()
  inTx(lab, id, (tx) => {
    put(tx, id, fixedClass('fixed'))
    put(tx, id, fixedClass('keep', 'Retain'))
  })
  const free = imageVolumeFree(lab)
  const big = String(Math.floor((free * 0.6) / GiB)) + 'Gi'
  const bigBytes = Math.floor((free * 0.6) / GiB) * GiB

  it('a fixed VHDX takes its full size at once', () => {
    inTx(lab, id, (tx) => put(tx, id, claim('a', big, 'fixed')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    expect(pvcOf(lab, id, 'a').status!.phase).toBe('Bound')
    expect(free - imageVolumeFree(lab)).toBe(bigBytes)
  })

  it('no room for a second one: ProvisioningFailed, Pending, and a retry binds it once space is freed', () => {
    inTx(lab, id, (tx) => put(tx, id, claim('b', big, 'fixed')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const b = pvcOf(lab, id, 'b')
    expect(b.status!.phase).toBe('Pending')
    const failed = eventsOf(lab, id, b.metadata.uid).at(-1)!
    expect(failed).toMatchObject({ reason: 'ProvisioningFailed', type: 'Warning' })
    expect(failed.message).toMatch(
      /^failed to provision volume with StorageClass "fixed": rpc error: code = ResourceExhausted desc = Not enough disk space/,
    )
    ok(lab, { type: 'clock.advance', ms: 20_000 }) // the first retry fails too
    // Two failures: two events, or one counted twice where the recorder aggregates repeats.
    const failures = eventsOf(lab, id, b.metadata.uid).filter((e) => e.reason === 'ProvisioningFailed')
    expect(failures.reduce((n, e) => n + (e.count ?? 1), 0)).toBe(2)
    inTx(lab, id, (tx) => deleteObject(tx, id, 'PersistentVolumeClaim', 'default', 'a'))
    expect(imageVolumeFree(lab)).toBe(free)
    ok(lab, { type: 'clock.advance', ms: 60_000 })
    expect(pvcOf(lab, id, 'b').status!.phase).toBe('Bound')
  })

  it('expansion grows the VHDX (a fixed one allocates the new size), the PV and the claim', () => {
    inTx(lab, id, (tx) => put(tx, id, claim('c', '1Gi', 'fixed')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const c = pvcOf(lab, id, 'c')
    const afterCreate = imageVolumeFree(lab)
    inTx(lab, id, (tx) =>
      updateObject<KubeObject>(tx, id, 'PersistentVolumeClaim', 'default', 'c', (o) => ({
        ...o,
        spec: { ...(o.spec as object), resources: { requests: { storage: '3Gi' } } },
      })),
    )
    const pvName = `pvc-${c.metadata.uid}`
    const file = Object.values(lab.state.files).find((f) => f.owner.id === pvName)!
    expect(file).toMatchObject({ sizeBytes: 3 * GiB, allocatedBytes: 3 * GiB })
    expect(afterCreate - imageVolumeFree(lab)).toBe(2 * GiB)
    const pv = getKube<PersistentVolume>(lab.state, id, 'PersistentVolume', '', pvName)!
    expect(pv.spec!.capacity).toEqual({ storage: '3Gi' })
    expect(pvcOf(lab, id, 'c').status!.capacity).toEqual({ storage: '3Gi' })
  })

  it('reclaim Retain: the PV is Released and its VHDX stays', () => {
    inTx(lab, id, (tx) => put(tx, id, claim('r', '1Gi', 'keep')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvName = pvcOf(lab, id, 'r').spec!.volumeName!
    inTx(lab, id, (tx) => deleteObject(tx, id, 'PersistentVolumeClaim', 'default', 'r'))
    expect(getKube<PersistentVolume>(lab.state, id, 'PersistentVolume', '', pvName)!.status).toEqual({
      phase: 'Released',
    })
    expect(Object.values(lab.state.files).some((f) => f.owner.id === pvName)).toBe(true)
  })

  it('WaitForFirstConsumer: the claim waits, with one event, until a pod uses it', () => {
    inTx(lab, id, (tx) => put(tx, id, fixedClass('late', 'Delete', 'WaitForFirstConsumer')))
    inTx(lab, id, (tx) => put(tx, id, claim('w', '1Gi', 'late')))
    inTx(lab, id, () => undefined)
    const w = pvcOf(lab, id, 'w')
    expect(eventsOf(lab, id, w.metadata.uid).map((e) => [e.reason, e.message])).toEqual([
      ['WaitForFirstConsumer', 'waiting for first consumer to be created before binding'],
    ])
    expect(inTx(lab, id, (tx) => podClaimsBound(tx, id, podUsing('w')))).toEqual({ bound: true })
  })
})

function podUsing(claimName: string) {
  return {
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [], volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] },
  }
}
