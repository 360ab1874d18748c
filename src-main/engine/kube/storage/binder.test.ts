import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { getKube, listKube } from '@shared/kube'
import { readPodFile } from '@shared/kube-storage'
import type { PersistentVolume, Pod } from 'kubernetes-types/core/v1'
import { ok } from '../../aks/testkit'
import { eventsOf, pvcOf, setup } from './testkit'

// Pre-created (static) PersistentVolumes and the persistentvolume-controller's binder: Available on
// creation, bound by name (spec.volumeName) or by fit (class, size, access modes), never re-bound once
// Released.

type Lab = ReturnType<typeof setup>['lab']

const apply = (lab: Lab, manifest: string) =>
  ok(lab, { type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })
const del = (lab: Lab, kind: string, name: string) =>
  ok(lab, { type: 'kube.delete', cluster: 'demo', kind, name })

function hostPathPv(name: string, storage: string, extra = '') {
  return `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: ${storage}
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /mnt/data/${name}
${extra}`
}

function claim(name: string, storage: string, extra = '  storageClassName: ""\n') {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${extra}  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`
}

const pv = (lab: Lab, id: string, name: string) =>
  getKube<PersistentVolume & KubeObject>(lab.state, id, 'PersistentVolume', '', name)!

describe('a PV created with kubectl apply', () => {
  const { lab, id } = setup()
  apply(lab, hostPathPv('pv-small', '2Gi') + '---\n' + hostPathPv('pv-large', '5Gi'))

  it('is Available, with the API defaults (Retain, Filesystem) and the pv-protection finalizer', () => {
    const small = pv(lab, id, 'pv-small')
    expect(small.status).toEqual({ phase: 'Available' })
    expect(small.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' })
    expect(small.metadata.finalizers).toEqual(['kubernetes.io/pv-protection'])
  })

  it('a claim with storageClassName "" binds to the smallest PV that fits, no provisioning', () => {
    const files = Object.keys(lab.state.files).length
    apply(lab, claim('data', '1Gi'))
    const pvc = pvcOf(lab, id, 'data')
    expect(pvc.status).toEqual({
      phase: 'Bound',
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: '2Gi' },
    })
    expect(pvc.spec!.volumeName).toBe('pv-small')
    expect(pvc.metadata.annotations).toMatchObject({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    })
    const small = pv(lab, id, 'pv-small')
    expect(small.status!.phase).toBe('Bound')
    expect(small.spec!.claimRef).toMatchObject({ namespace: 'default', name: 'data', uid: pvc.metadata.uid })
    expect(small.metadata.annotations).toMatchObject({ 'pv.kubernetes.io/bound-by-controller': 'yes' })
    expect(pv(lab, id, 'pv-large').status!.phase).toBe('Available')
    expect(Object.keys(lab.state.files)).toHaveLength(files)
  })

  it('a claim too big for every PV stays Pending: no PV available and no class set (once)', () => {
    apply(lab, claim('huge', '50Gi'))
    apply(lab, claim('huge', '50Gi')) // another pass of the controllers records nothing new
    const pvc = pvcOf(lab, id, 'huge')
    expect(pvc.status!.phase).toBe('Pending')
    expect(eventsOf(lab, id, pvc.metadata.uid).map((e) => [e.type, e.reason, e.message])).toEqual([
      [
        'Normal',
        'FailedBinding',
        'no persistent volumes available for this claim and no storage class is set',
      ],
    ])
  })

  it('Released with Retain once its claim is deleted, and never bound again', () => {
    del(lab, 'pvc', 'data')
    expect(pv(lab, id, 'pv-small').status!.phase).toBe('Released')
    apply(lab, claim('again', '1Gi'))
    expect(pvcOf(lab, id, 'again').spec!.volumeName).toBe('pv-large') // the Released one is skipped
    apply(lab, claim('third', '1Gi'))
    expect(pvcOf(lab, id, 'third').status!.phase).toBe('Pending')
    expect(pv(lab, id, 'pv-small').status!.phase).toBe('Released')
  })

  it('Available again once the administrator removes its claimRef; the waiting claim takes it', () => {
    ok(lab, {
      type: 'kube.patch',
      cluster: 'demo',
      kind: 'pv',
      name: 'pv-small',
      patch: '{"spec":{"claimRef":null}}',
    })
    expect(pvcOf(lab, id, 'third').spec!.volumeName).toBe('pv-small')
    expect(pv(lab, id, 'pv-small').status!.phase).toBe('Bound')
  })
})

describe('a claim naming its PV (spec.volumeName)', () => {
  const { lab, id } = setup()
  apply(lab, hostPathPv('pv-a', '1Gi') + '---\n' + hostPathPv('pv-b', '10Gi'))

  it('binds to that PV even when a smaller one fits', () => {
    apply(lab, claim('mine', '1Gi', '  storageClassName: ""\n  volumeName: pv-b\n'))
    const pvc = pvcOf(lab, id, 'mine')
    expect(pvc.status!.phase).toBe('Bound')
    expect(pvc.status!.capacity).toEqual({ storage: '10Gi' })
    // The user chose the volume: only bind-completed, not bound-by-controller, on the claim.
    expect(pvc.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBeUndefined()
    expect(pv(lab, id, 'pv-b').spec!.claimRef!.name).toBe('mine')
  })

  it('a PV that does not exist keeps the claim Pending, quietly, until it is created', () => {
    apply(lab, claim('later', '1Gi', '  storageClassName: ""\n  volumeName: pv-later\n'))
    const pvc = pvcOf(lab, id, 'later')
    expect(pvc.status!.phase).toBe('Pending')
    expect(eventsOf(lab, id, pvc.metadata.uid)).toEqual([])
    apply(lab, hostPathPv('pv-later', '1Gi'))
    expect(pvcOf(lab, id, 'later').status!.phase).toBe('Bound')
    expect(pv(lab, id, 'pv-later').spec!.claimRef!.uid).toBe(pvc.metadata.uid)
  })

  it('a PV too small, or of another class, is a VolumeMismatch', () => {
    apply(lab, claim('big', '5Gi', '  storageClassName: ""\n  volumeName: pv-a\n'))
    const big = pvcOf(lab, id, 'big')
    expect(big.status!.phase).toBe('Pending')
    expect(eventsOf(lab, id, big.metadata.uid).map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'VolumeMismatch', 'Cannot bind to requested volume "pv-a": requested PV is too small'],
    ])
    // No storageClassName: admission gives the claim the default class, which pv-a does not have.
    apply(lab, claim('classy', '1Gi', '  volumeName: pv-a\n'))
    const classy = pvcOf(lab, id, 'classy')
    expect(eventsOf(lab, id, classy.metadata.uid).at(-1)!.message).toBe(
      'Cannot bind to requested volume "pv-a": storageClassName does not match',
    )
  })

  it('a PV bound to another claim: FailedBinding, Pending', () => {
    apply(lab, claim('thief', '1Gi', '  storageClassName: ""\n  volumeName: pv-b\n'))
    const thief = pvcOf(lab, id, 'thief')
    expect(thief.status!.phase).toBe('Pending')
    expect(eventsOf(lab, id, thief.metadata.uid).map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'FailedBinding', 'volume "pv-b" already bound to a different claim.'],
    ])
  })
})

describe('static PVs beside dynamic provisioning', () => {
  const { lab, id } = setup()

  it('a claim of the default class takes a fitting static PV of that class before provisioning', () => {
    apply(lab, hostPathPv('pv-default', '3Gi', '  storageClassName: default\n'))
    apply(lab, claim('dflt', '1Gi', ''))
    ok(lab, { type: 'clock.advance', ms: 5000 })
    expect(pvcOf(lab, id, 'dflt').spec!.volumeName).toBe('pv-default')
    expect(Object.values(lab.state.files).filter((f) => f.owner.kind === 'pv')).toEqual([])
  })

  it('a storageClassName that names no class: ProvisioningFailed, storageclass not found', () => {
    apply(lab, claim('nofast', '1Gi', '  storageClassName: fast\n'))
    const pvc = pvcOf(lab, id, 'nofast')
    expect(eventsOf(lab, id, pvc.metadata.uid).map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "fast" not found'],
    ])
  })

  it('pods run and write on a static CSI PV (attached: a VolumeAttachment) and a hostPath PV (none)', () => {
    apply(
      lab,
      `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-csi
spec:
  capacity:
    storage: 4Gi
  accessModes: [ReadWriteOnce]
  storageClassName: ""
  csi:
    driver: disk.csi.akshci.com
    volumeHandle: C:\\ClusterStorage\\Volume01\\images\\restored.vhdx
    fsType: ext4
`,
    )
    apply(lab, claim('csiclaim', '4Gi') + '---\n' + claim('hostclaim', '1Gi'))
    apply(lab, hostPathPv('pv-host', '1Gi'))
    for (const [pod, claimName] of [
      ['csipod', 'csiclaim'],
      ['hostpod', 'hostclaim'],
    ])
      apply(
        lab,
        `apiVersion: v1
kind: Pod
metadata:
  name: ${pod}
spec:
  volumes:
    - name: v
      persistentVolumeClaim:
        claimName: ${claimName}
  containers:
    - name: demo
      image: mcr.microsoft.com/azurestackhci/aks-demo:latest
      volumeMounts:
        - mountPath: /storage
          name: v
`,
      )
    ok(lab, { type: 'clock.advance', ms: 3 * 60_000 })
    const running = (name: string) => getKube<Pod>(lab.state, id, 'Pod', 'default', name)!.status!.phase
    expect([running('csipod'), running('hostpod')]).toEqual(['Running', 'Running'])
    // The demo app writes into both volumes (the lab's record of the files inside a PV).
    expect(readPodFile(lab.state, id, 'hostpod', 'default', '/storage/log.txt')).toMatch(
      /Hello from container/,
    )
    expect(readPodFile(lab.state, id, 'csipod', 'default', '/storage/log.txt')).toMatch(
      /Hello from container/,
    )
    const attachments = listKube<KubeObject & { spec: { source: { persistentVolumeName: string } } }>(
      lab.state,
      id,
      { kind: 'VolumeAttachment' },
    ).map((a) => a.spec.source.persistentVolumeName)
    expect(attachments).toEqual(['pv-csi'])
  })
})
