import { volumeOfPath } from '@shared/aks-paths'
import { volumeCapacity } from '@shared/capacity'
import type { KubeObject } from '@shared/contract'
import { DEMO_IMAGE } from '@shared/kube-storage'
import { getKube, listKube } from '@shared/kube'
import { poolShape } from '@shared/s2d'
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { clusterOf, withCluster } from '../../aks/cluster-testkit'
import type { LabState } from '../../core/state'
import { Tx } from '../../core/tx'
import type { Lab } from '../../lab'
import { putObject } from '../store'
import { reconcileStorage } from './reconcile'

// Fixtures of the storage tests (not a test file): a Provisioned cluster, claims and pods written
// straight into the store (as kubectl apply would), and the image volume's free space.

export function setup(workers = 1) {
  const lab = withCluster('demo', workers)
  const id = clusterOf(lab, 'demo').id
  return { lab, id }
}

/** Runs `fn` in a transaction on the lab's state, then the storage controller (as reconcile would). */
export function inTx<T>(lab: Lab, id: string, fn: (tx: Tx) => T): T {
  const tx = new Tx(lab.state as LabState)
  const out = fn(tx)
  reconcileStorage(tx, id)
  tx.flush()
  return out
}

export function claim(name: string, storage: string, storageClassName?: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: {
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage } },
      ...(storageClassName ? { storageClassName } : {}),
      volumeMode: 'Filesystem',
    },
    status: { phase: 'Pending' },
  }
}

export const cid = (a: string, b: string) => `containerd://${a}${'0'.repeat(48)}${b}`

/** A demo pod mounting `claimName` at /storage; Running since `startedMs` when a container id is given. */
export function demoPod(name: string, claimName: string, node: string, startedMs?: number, id?: string): Pod {
  const running = startedMs !== undefined && id !== undefined
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      nodeName: node,
      containers: [
        { name: 'demo', image: DEMO_IMAGE, volumeMounts: [{ name: 'vol', mountPath: '/storage' }] },
      ],
      volumes: [{ name: 'vol', persistentVolumeClaim: { claimName } }],
    },
    status: running
      ? {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'demo',
              image: DEMO_IMAGE,
              imageID: '',
              ready: true,
              restartCount: 0,
              containerID: id,
              state: { running: { startedAt: new Date(startedMs).toISOString().replace('.000Z', 'Z') } },
            },
          ],
        }
      : { phase: 'Pending' },
  }
}

export const put = (tx: Tx, id: string, obj: object) => putObject(tx, id, obj as KubeObject)

export function pvcOf(lab: Lab, id: string, name: string) {
  return getKube<PersistentVolumeClaim & KubeObject>(lab.state, id, 'PersistentVolumeClaim', 'default', name)!
}

export function eventsOf(lab: Lab, id: string, uid: string) {
  return listKube<Event>(lab.state, id, { kind: 'Event' })
    .filter((e) => e.involvedObject.uid === uid)
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
}

export function imageVolumeFree(lab: Lab): number {
  const volume = volumeOfPath(lab.state, lab.state.aks.config!.imageDir)!
  const shape = poolShape(Object.keys(lab.state.servers), Object.values(lab.state.drives))
  return volumeCapacity(volume, shape, lab.state.files).freeBytes
}

export function workers(lab: Lab, id: string): string[] {
  return listKube<KubeObject>(lab.state, id, { kind: 'Node' })
    .map((n) => n.metadata.name)
    .filter((n) => n.startsWith('moc-l'))
}
