import { afterEach, describe, expect, it } from 'vitest'
import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { fullReconcile } from './derived'
import { advance, apply } from './kube-testkit'

// The StatefulSet controller's update strategies: RollingUpdate replaces pods from the highest
// ordinal down to the partition, one at a time, each once the one above is Running and Ready;
// OnDelete waits for the user's deletes. Claims stay.

const db = (image: string, strategy = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
${strategy}  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: db, image: '${image}', volumeMounts: [{name: data, mountPath: /data}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`

function lab(strategy = '') {
  const l = withCluster('demo', 2)
  const id = clusterOf(l, 'demo').id
  apply(l, db('nginx:1.21', strategy))
  advance(l, 10 * 60_000)
  const pods = () =>
    listKube<Pod>(l.state, id, { kind: 'Pod', namespace: 'default', selector: { app: 'db' } })
  const sts = () => getKube<StatefulSet>(l.state, id, 'StatefulSet', 'default', 'db')!
  const images = () => pods().map((p) => `${p.metadata!.name} ${p.spec!.containers[0]!.image}`)
  const claims = () =>
    listKube<PersistentVolumeClaim>(l.state, id, { kind: 'PersistentVolumeClaim', namespace: 'default' }).map(
      (c) => `${c.metadata!.name} ${c.metadata!.uid}`,
    )
  const events = (reason: string) =>
    listKube<Event>(l.state, id, { kind: 'Event', namespace: 'default' })
      .filter((e) => e.involvedObject.kind === 'StatefulSet' && e.reason === reason)
      .map((e) => e.message)
  return { lab: l, pods, sts, images, claims, events }
}

afterEach(() => {
  fullReconcile.on = false
})

describe('StatefulSet revisions', () => {
  it('names the revision <sts>-<hash>, on the status and on every pod', () => {
    const { pods, sts } = lab()
    const revision = sts().status!.updateRevision!
    expect(revision).toMatch(/^db-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/)
    expect(sts().status).toMatchObject({
      currentRevision: revision,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
    })
    expect(pods().map((p) => p.metadata!.labels!['controller-revision-hash'])).toEqual(
      Array(3).fill(revision),
    )
  })
})

describe('StatefulSet RollingUpdate', () => {
  it('replaces the pods from the highest ordinal down, one at a time, and keeps the claims', () => {
    const l = lab()
    const claims = l.claims()
    const first = l.sts().status!.updateRevision!
    apply(l.lab, db('nginx:1.22'))
    const next = l.sts().status!.updateRevision!
    expect(next).not.toBe(first)
    expect(l.sts().metadata!.generation).toBe(2)
    // db-2 goes first (Terminating), and comes back from the new template once it is gone.
    expect(
      l
        .pods()
        .filter((p) => p.metadata!.deletionTimestamp)
        .map((p) => p.metadata!.name),
    ).toEqual(['db-2'])
    advance(l.lab, 2_000)
    expect(l.images()).toEqual(['db-0 nginx:1.21', 'db-1 nginx:1.21', 'db-2 nginx:1.22'])
    expect(l.sts().status).toMatchObject({ currentRevision: first, updatedReplicas: 1, currentReplicas: 2 })
    // db-1 waits for the new db-2 to be Running and Ready.
    const order: string[] = []
    for (let i = 0; i < 60 && l.sts().status!.currentRevision !== next; i++) {
      advance(l.lab, 5_000)
      const updated = l.pods().filter((p) => p.spec!.containers[0]!.image === 'nginx:1.22')
      const notReady = updated.filter((p) => !p.status?.containerStatuses?.every((s) => s.ready))
      expect(notReady.length).toBeLessThanOrEqual(1)
      for (const p of updated) if (!order.includes(p.metadata!.name!)) order.push(p.metadata!.name!)
    }
    expect(order).toEqual(['db-2', 'db-1', 'db-0'])
    expect(l.images()).toEqual(['db-0 nginx:1.22', 'db-1 nginx:1.22', 'db-2 nginx:1.22'])
    expect(l.sts().status).toMatchObject({
      currentRevision: next,
      updateRevision: next,
      currentReplicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      observedGeneration: 2,
    })
    expect(l.pods().every((p) => p.metadata!.labels!['controller-revision-hash'] === next)).toBe(true)
    expect(l.claims()).toEqual(claims)
    expect(l.events('SuccessfulDelete').sort()).toEqual([
      'delete Pod db-0 in StatefulSet db successful',
      'delete Pod db-1 in StatefulSet db successful',
      'delete Pod db-2 in StatefulSet db successful',
    ])
  })

  it('keeps the ordinals below the partition at the current revision', () => {
    const strategy = '  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: 2}}\n'
    const l = lab(strategy)
    const first = l.sts().status!.updateRevision!
    apply(l.lab, db('nginx:1.22', strategy))
    advance(l.lab, 5 * 60_000)
    expect(l.images()).toEqual(['db-0 nginx:1.21', 'db-1 nginx:1.21', 'db-2 nginx:1.22'])
    expect(l.sts().status).toMatchObject({ currentRevision: first, updatedReplicas: 1, currentReplicas: 2 })
  })

  it('a change-driven pass gives what a full pass gives, step by step', () => {
    const a = lab()
    fullReconcile.on = true
    const b = lab()
    fullReconcile.on = false
    const steps = [
      (x: typeof a) => apply(x.lab, db('nginx:1.22')),
      ...Array.from({ length: 20 }, () => (x: typeof a) => advance(x.lab, 10_000)),
    ]
    for (const step of steps) {
      step(a)
      fullReconcile.on = true
      step(b)
      fullReconcile.on = false
      expect(a.lab.hash()).toBe(b.lab.hash())
    }
    expect(a.images()).toEqual(['db-0 nginx:1.22', 'db-1 nginx:1.22', 'db-2 nginx:1.22'])
  })
})

describe('StatefulSet OnDelete', () => {
  it('replaces only the pods the user deletes', () => {
    const strategy = '  updateStrategy: {type: OnDelete}\n'
    const l = lab(strategy)
    const first = l.sts().status!.updateRevision!
    apply(l.lab, db('nginx:1.22', strategy))
    advance(l.lab, 2 * 60_000)
    expect(l.images()).toEqual(['db-0 nginx:1.21', 'db-1 nginx:1.21', 'db-2 nginx:1.21'])
    ok(l.lab, { type: 'kube.delete', cluster: 'demo', namespace: 'default', kind: 'pod', name: 'db-1' })
    advance(l.lab, 2 * 60_000)
    expect(l.images()).toEqual(['db-0 nginx:1.21', 'db-1 nginx:1.22', 'db-2 nginx:1.21'])
    expect(l.sts().status).toMatchObject({ currentRevision: first, updatedReplicas: 1, currentReplicas: 2 })
    expect(l.events('SuccessfulDelete')).toEqual([])
  })
})
