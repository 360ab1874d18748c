import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { SAMPLE_MANIFESTS } from '@shared/manifests'
import type { PersistentVolume, Pod } from 'kubernetes-types/core/v1'
import { ok } from '../../aks/testkit'
import { eventsOf, pvcOf, setup } from './testkit'

// Storage object in-use protection: kubectl delete of a claim a pod uses, or of a PV bound to a
// claim, leaves it Terminating (deletionTimestamp, finalizer) until it is free; then it goes and the
// reclaim policy runs.

type Lab = ReturnType<typeof setup>['lab']

const apply = (lab: Lab, manifest: string) =>
  ok(lab, { type: 'kube.apply', cluster: 'demo', manifest, mode: 'apply' })
const del = (lab: Lab, kind: string, name: string) =>
  ok(lab, { type: 'kube.delete', cluster: 'demo', kind, name })
const pvOf = (lab: Lab, id: string, name: string) =>
  getKube<PersistentVolume & KubeObject>(lab.state, id, 'PersistentVolume', '', name)
const podOf = (lab: Lab, id: string, name: string) =>
  getKube<Pod & KubeObject>(lab.state, id, 'Pod', 'default', name)

const pod = (name: string, claimName: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
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
`

describe('deleting a claim a pod uses (demo1)', () => {
  const { lab, id } = setup()
  apply(lab, SAMPLE_MANIFESTS['demo1.yaml']!)
  ok(lab, { type: 'clock.advance', ms: 3 * 60_000 })
  const pvName = pvcOf(lab, id, 'myvolumeclaim').spec!.volumeName!
  const fileId = `vhdx-${id}-${pvName}`

  it('reports it deleted but keeps it Terminating, with kubernetes.io/pvc-protection', () => {
    expect(podOf(lab, id, 'demo1')!.status!.phase).toBe('Running')
    expect(del(lab, 'pvc', 'myvolumeclaim')).toEqual({
      results: [
        {
          kind: 'PersistentVolumeClaim',
          name: 'myvolumeclaim',
          namespace: 'default',
          resource: 'persistentvolumeclaim',
          action: 'deleted',
        },
      ],
    })
    const pvc = pvcOf(lab, id, 'myvolumeclaim')
    expect(pvc.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection'])
    expect(pvc.status!.phase).toBe('Bound')
    expect(pvOf(lab, id, pvName)!.status!.phase).toBe('Bound')
    expect(lab.state.files[fileId]).toBeDefined()
  })

  it('the pod keeps running and writing; a second delete changes nothing', () => {
    const before = pvcOf(lab, id, 'myvolumeclaim').metadata.resourceVersion
    ok(lab, { type: 'clock.advance', ms: 2 * 60_000 })
    del(lab, 'pvc', 'myvolumeclaim')
    expect(pvcOf(lab, id, 'myvolumeclaim').metadata.resourceVersion).toBe(before)
    expect(podOf(lab, id, 'demo1')!.status!.phase).toBe('Running')
  })

  it('a new pod of the Terminating claim is not scheduled: the claim is being deleted', () => {
    apply(lab, pod('latecomer', 'myvolumeclaim'))
    ok(lab, { type: 'clock.advance', ms: 10_000 })
    const late = podOf(lab, id, 'latecomer')!
    expect(late.spec!.nodeName).toBeUndefined()
    expect(eventsOf(lab, id, late.metadata.uid).at(-1)!.message).toMatch(
      /^0\/\d nodes are available: persistentvolumeclaim "myvolumeclaim" is being deleted\./,
    )
  })

  it('once the pod is deleted the claim goes, and with it (Delete) the PV and the VHDX', () => {
    del(lab, 'pod', 'demo1')
    // The pod is Terminating for its 30 s grace period (the demo app ignores SIGTERM), the claim with it.
    expect(getKube(lab.state, id, 'PersistentVolumeClaim', 'default', 'myvolumeclaim')).toBeDefined()
    ok(lab, { type: 'clock.advance', ms: 30_000 })
    expect(getKube(lab.state, id, 'PersistentVolumeClaim', 'default', 'myvolumeclaim')).toBeUndefined()
    expect(pvOf(lab, id, pvName)).toBeUndefined()
    expect(lab.state.files[fileId]).toBeUndefined()
  })
})

describe('deleting a claim no pod uses', () => {
  const { lab, id } = setup()
  apply(lab, SAMPLE_MANIFESTS['pvc.yaml']!)
  ok(lab, { type: 'clock.advance', ms: 5000 })

  it('goes at once, as before', () => {
    del(lab, 'pvc', 'bigvolume')
    expect(getKube(lab.state, id, 'PersistentVolumeClaim', 'default', 'bigvolume')).toBeUndefined()
    expect(Object.values(lab.state.files).filter((f) => f.owner.kind === 'pv')).toEqual([])
  })
})

describe('deleting a PV', () => {
  const { lab, id } = setup()
  const staticPv = (name: string, policy: string) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: 1Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: ${policy}
  hostPath:
    path: /mnt/${name}
`
  const claim = (name: string, volumeName: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  storageClassName: ""
  volumeName: ${volumeName}
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`

  it('an Available PV goes at once', () => {
    apply(lab, staticPv('pv-free', 'Retain'))
    del(lab, 'pv', 'pv-free')
    expect(pvOf(lab, id, 'pv-free')).toBeUndefined()
  })

  it('a Bound PV stays Terminating (pv-protection) while its claim holds it, then goes (Retain)', () => {
    apply(lab, staticPv('pv-held', 'Retain') + '---\n' + claim('holder', 'pv-held'))
    expect(pvOf(lab, id, 'pv-held')!.status!.phase).toBe('Bound')
    del(lab, 'pv', 'pv-held')
    const held = pvOf(lab, id, 'pv-held')!
    expect(held.metadata.deletionTimestamp).toBeDefined()
    expect(held.metadata.finalizers).toEqual(['kubernetes.io/pv-protection'])
    expect(held.status!.phase).toBe('Bound')
    expect(pvcOf(lab, id, 'holder').status!.phase).toBe('Bound')
    del(lab, 'pvc', 'holder')
    expect(pvOf(lab, id, 'pv-held')).toBeUndefined()
  })

  it('a provisioned PV deleted while bound: Terminating; its claim’s deletion removes PV and VHDX', () => {
    apply(lab, SAMPLE_MANIFESTS['pvc.yaml']!)
    ok(lab, { type: 'clock.advance', ms: 5000 })
    const pvName = pvcOf(lab, id, 'bigvolume').spec!.volumeName!
    del(lab, 'pv', pvName)
    expect(pvOf(lab, id, pvName)!.metadata.deletionTimestamp).toBeDefined()
    expect(lab.state.files[`vhdx-${id}-${pvName}`]).toBeDefined()
    del(lab, 'pvc', 'bigvolume')
    expect(pvOf(lab, id, pvName)).toBeUndefined()
    expect(lab.state.files[`vhdx-${id}-${pvName}`]).toBeUndefined()
  })
})
