import { describe, expect, it } from 'vitest'
import { getKube } from '@shared/kube'
import { findStorageContainer, storageContainers } from '@shared/storage-containers'
import type { PersistentVolume } from 'kubernetes-types/core/v1'
import { ok } from '../../aks/testkit'
import { eventsOf, pvcOf, setup } from './testkit'

// New-AksHciStorageContainer and a custom StorageClass whose `container` parameter puts its VHDX on
// another cluster shared volume (facts §4: "custom SC → New-AksHciStorageContainer -Name x -Path").

const GiB = 1024 ** 3
const TiB = 1024 ** 4

function customClass(container: string, dynamic = 'true') {
  return `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: aks-hci-disk-custom
provisioner: disk.csi.akshci.com
parameters:
  blocksize: "33554432"
  container: ${container}
  dynamic: "${dynamic}"
  logicalsectorsize: "4096"
  physicalsectorsize: "4096"
  port: "55000"
  fsType: ext4
allowVolumeExpansion: true
reclaimPolicy: Delete
volumeBindingMode: Immediate
`
}

const claimYaml = (name: string, storage: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  storageClassName: aks-hci-disk-custom
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`

const apply = (manifest: string) => ({ type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })

function withSecondVolume(sizeBytes = TiB) {
  const { lab, id } = setup()
  ok(lab, {
    type: 'volume.create',
    name: 'Volume02',
    resiliency: 'two-way-mirror',
    sizeBytes,
    provisioning: 'Fixed',
  })
  return { lab, id }
}

const failureOf = (lab: ReturnType<typeof setup>['lab'], id: string, uid: string) =>
  eventsOf(lab, id, uid).filter((e) => e.reason === 'ProvisioningFailed')

describe('New-AksHciStorageContainer (aks.storageContainer.create)', () => {
  const { lab } = withSecondVolume()

  it('lists the install’s MocStorageContainer (the image directory) first, then the new one', () => {
    const made = ok(lab, {
      type: 'aks.storageContainer.create',
      name: 'customStorageContainer',
      path: 'C:\\ClusterStorage\\Volume02\\customStorage\\',
    })
    expect(made).toEqual({
      name: 'customStorageContainer',
      path: 'C:\\ClusterStorage\\Volume02\\customStorage',
    })
    expect(storageContainers(lab.state)).toEqual([
      { name: 'MocStorageContainer', path: lab.state.aks.config!.imageDir.replace(/\\+$/, '') },
      { name: 'customStorageContainer', path: 'C:\\ClusterStorage\\Volume02\\customStorage' },
    ])
    expect(findStorageContainer(lab.state, 'CUSTOMSTORAGECONTAINER')?.name).toBe('customStorageContainer')
  })

  it('refuses a duplicate name, a path off the CSVs and a bad name, with nothing written', () => {
    const before = structuredClone(lab.state.kube)
    const fails = (cmd: object) => {
      const r = lab.dispatch({ type: 'aks.storageContainer.create', ...cmd })
      return r.ok ? null : r.error.code
    }
    expect(fails({ name: 'customstoragecontainer', path: 'C:\\ClusterStorage\\Volume02\\x' })).toBe(
      'StorageContainerExists',
    )
    expect(fails({ name: 'MocStorageContainer', path: 'C:\\ClusterStorage\\Volume02\\x' })).toBe(
      'StorageContainerExists',
    )
    expect(fails({ name: 'other', path: 'D:\\data' })).toBe('InvalidAksPath')
    expect(fails({ name: 'other', path: 'C:\\ClusterStorage\\Nope\\x' })).toBe('InvalidAksPath')
    expect(fails({ name: 'bad name', path: 'C:\\ClusterStorage\\Volume02\\x' })).toBe(
      'InvalidStorageContainerName',
    )
    expect(lab.state.kube).toEqual(before)
  })

  it('is refused before the AKS host is installed', () => {
    const { lab: fresh } = setup()
    ok(fresh, { type: 'aks.cluster.delete', name: 'demo' })
    ok(fresh, { type: 'clock.advance', ms: 15 * 60_000 })
    ok(fresh, { type: 'aks.uninstall' })
    ok(fresh, { type: 'clock.advance', ms: 15 * 60_000 })
    const r = fresh.dispatch({
      type: 'aks.storageContainer.create',
      name: 'c',
      path: 'C:\\ClusterStorage\\Volume01\\c',
    })
    expect(r.ok ? null : r.error.code).toBe('AksHciNotInstalled')
  })
})

describe('a StorageClass with container: customStorageContainer', () => {
  const { lab, id } = withSecondVolume()
  ok(lab, {
    type: 'aks.storageContainer.create',
    name: 'customStorageContainer',
    path: 'C:\\ClusterStorage\\Volume02\\customStorage',
  })
  const volume02 = Object.values(lab.state.volumes).find((v) => v.name === 'Volume02')!

  it('puts the claim’s VHDX in the container’s folder on Volume02', () => {
    ok(lab, apply(customClass('customStorageContainer')))
    ok(lab, apply(claimYaml('fastclaim', '10Gi')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvc = pvcOf(lab, id, 'fastclaim')
    expect(pvc.status!.phase).toBe('Bound')
    const pvName = pvc.spec!.volumeName!
    const file = lab.state.files[`vhdx-${id}-${pvName}`]!
    expect(file.volumeId).toBe(volume02.id)
    expect(file.path).toMatch(
      /^C:\\ClusterStorage\\Volume02\\customStorage\\[0-9a-f]{15}\\[0-9a-f-]{36}\.vhdx$/,
    )
    expect(file.allocatedBytes).toBeLessThan(file.sizeBytes) // dynamic: "true"
    const pv = getKube<PersistentVolume>(lab.state, id, 'PersistentVolume', '', pvName)!
    expect(pv.spec!.csi).toMatchObject({
      driver: 'disk.csi.akshci.com',
      volumeHandle: file.path,
      fsType: 'ext4',
    })
    expect(pv.spec!.csi!.volumeAttributes!.container).toBe('customStorageContainer')
  })

  it('deleting the claim removes the VHDX from Volume02', () => {
    const pvName = pvcOf(lab, id, 'fastclaim').spec!.volumeName!
    ok(lab, { type: 'kube.delete', cluster: 'demo', kind: 'pvc', name: 'fastclaim' })
    expect(lab.state.files[`vhdx-${id}-${pvName}`]).toBeUndefined()
    expect(getKube(lab.state, id, 'PersistentVolume', '', pvName)).toBeUndefined()
  })

  it('dynamic: "false" allocates the whole VHDX on Volume02 at once', () => {
    ok(lab, { type: 'kube.delete', cluster: 'demo', kind: 'sc', name: 'aks-hci-disk-custom' })
    ok(lab, apply(customClass('customStorageContainer', 'false')))
    ok(lab, apply(claimYaml('fixedclaim', '20Gi')))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvName = pvcOf(lab, id, 'fixedclaim').spec!.volumeName!
    const file = lab.state.files[`vhdx-${id}-${pvName}`]!
    expect(file).toMatchObject({ volumeId: volume02.id, sizeBytes: 20 * GiB, allocatedBytes: 20 * GiB })
  })
})

describe('a class naming a container that does not exist', () => {
  const { lab, id } = withSecondVolume()
  ok(lab, apply(customClass('nosuchcontainer')))
  ok(lab, apply(claimYaml('lost', '1Gi')))
  ok(lab, { type: 'clock.advance', ms: 5000 })

  it('keeps the claim Pending with ProvisioningFailed in the driver’s words', () => {
    const pvc = pvcOf(lab, id, 'lost')
    expect(pvc.status!.phase).toBe('Pending')
    const failed = failureOf(lab, id, pvc.metadata.uid)
    expect(failed[0]).toMatchObject({ type: 'Warning' })
    expect(failed[0]!.message).toBe(
      `failed to provision volume with StorageClass "aks-hci-disk-custom": rpc error: code = NotFound desc = storage container 'nosuchcontainer' not found`,
    )
  })

  it('binds on a later retry once the container is created', () => {
    ok(lab, {
      type: 'aks.storageContainer.create',
      name: 'nosuchcontainer',
      path: 'C:\\ClusterStorage\\Volume02\\late',
    })
    ok(lab, { type: 'clock.advance', ms: 60_000 })
    const pvc = pvcOf(lab, id, 'lost')
    expect(pvc.status!.phase).toBe('Bound')
    expect(lab.state.files[`vhdx-${id}-${pvc.spec!.volumeName}`]!.path).toMatch(
      /^C:\\ClusterStorage\\Volume02\\late\\/,
    )
  })
})

describe('a container on a volume without room', () => {
  const { lab, id } = withSecondVolume(50 * GiB)
  ok(lab, { type: 'aks.storageContainer.create', name: 'small', path: 'C:\\ClusterStorage\\Volume02\\small' })
  ok(lab, apply(customClass('small', 'false')))
  ok(lab, apply(claimYaml('toobig', '100Gi')))
  ok(lab, { type: 'clock.advance', ms: 5000 })

  it('fails with ResourceExhausted naming that volume, and stays Pending', () => {
    const pvc = pvcOf(lab, id, 'toobig')
    expect(pvc.status!.phase).toBe('Pending')
    expect(failureOf(lab, id, pvc.metadata.uid)[0]!.message).toMatch(
      /rpc error: code = ResourceExhausted desc = Not enough disk space on volume 'Volume02'/,
    )
  })
})
