import { afterEach, describe, expect, it } from 'vitest'
import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { isPodUpdated } from './daemonsets'
import { fullReconcile } from './derived'
import { advance, apply } from './kube-testkit'

// The DaemonSet controller's update strategies: a template change rolls out node by node within
// maxUnavailable (RollingUpdate), or waits for the user's deletes (OnDelete).

const agent = (image: string, strategy = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
${strategy}  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
      - {name: agent, image: '${image}', command: [sleep, '3600']}
`

function lab(workers = 3, strategy = '') {
  const l = withCluster('demo', workers)
  const id = clusterOf(l, 'demo').id
  apply(l, agent('busybox:1.35', strategy))
  advance(l, 2 * 60_000)
  const pods = () =>
    listKube<Pod>(l.state, id, { kind: 'Pod', namespace: 'default', selector: { app: 'agent' } })
  const ds = () => getKube<DaemonSet>(l.state, id, 'DaemonSet', 'default', 'agent')!
  const events = (reason: string) =>
    listKube<Event>(l.state, id, { kind: 'Event', namespace: 'default' })
      .filter((e) => e.involvedObject.kind === 'DaemonSet' && e.reason === reason)
      .map((e) => e.message)
  const images = () => pods().map((p) => p.spec!.containers[0]!.image)
  const available = () =>
    pods().filter(
      (p) =>
        !p.metadata!.deletionTimestamp &&
        p.status?.phase === 'Running' &&
        p.status.containerStatuses?.every((s) => s.ready),
    )
  return { lab: l, id, pods, ds, events, images, available }
}

afterEach(() => {
  fullReconcile.on = false
})

describe('DaemonSet revisions', () => {
  it('labels each pod with the template hash and the generation', () => {
    const { pods, ds } = lab()
    expect(pods()).toHaveLength(3)
    const hashes = new Set(pods().map((p) => p.metadata!.labels!['controller-revision-hash']))
    expect(hashes.size).toBe(1)
    expect([...hashes][0]).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/)
    expect(pods().every((p) => p.metadata!.labels!['pod-template-generation'] === '1')).toBe(true)
    expect(ds().metadata!.generation).toBe(1)
    expect(ds().status).toMatchObject({
      desiredNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberReady: 3,
    })
  })

  it('takes a pod as updated when its hash or its template generation matches (pods of older labs)', () => {
    const pod = (hash: string, gen: string): Pod => ({
      metadata: { labels: { 'controller-revision-hash': hash, 'pod-template-generation': gen } },
    })
    expect(isPodUpdated(pod('1', '1'), 'abc', 1)).toBe(true)
    expect(isPodUpdated(pod('1', '1'), 'abc', 2)).toBe(false)
    expect(isPodUpdated(pod('abc', '1'), 'abc', 2)).toBe(true)
  })
})

describe('DaemonSet RollingUpdate', () => {
  it('replaces one node at a time, the next once the new pod is Running and Ready', () => {
    const l = lab()
    apply(l.lab, agent('busybox:1.36'))
    expect(l.ds().metadata!.generation).toBe(2)
    // The first step at once: one old pod Terminating; its node's new pod comes once it is gone.
    expect(l.pods().filter((p) => p.metadata!.deletionTimestamp)).toHaveLength(1)
    expect(l.ds().status).toMatchObject({ updatedNumberScheduled: 0, observedGeneration: 2 })
    expect(l.events('SuccessfulDelete')).toHaveLength(1)
    let seen = 0
    for (let i = 0; i < 60 && l.ds().status!.updatedNumberScheduled! < 3; i++) {
      advance(l.lab, 5_000)
      expect(l.available().length).toBeGreaterThanOrEqual(2) // maxUnavailable 1
      seen = Math.max(seen, l.ds().status!.updatedNumberScheduled!)
    }
    advance(l.lab, 60_000)
    expect(seen).toBe(3)
    expect(l.images()).toEqual(Array(3).fill('busybox:1.36'))
    expect(l.available()).toHaveLength(3)
    const nodes = l.pods().map((p) => p.spec!.nodeName)
    expect(new Set(nodes).size).toBe(3)
    expect(l.pods().every((p) => p.metadata!.labels!['pod-template-generation'] === '2')).toBe(true)
    expect(l.events('SuccessfulDelete').every((m) => /^Deleted pod: agent-[a-z0-9]{5}$/.test(m!))).toBe(true)
    expect(l.events('SuccessfulDelete')).toHaveLength(3)
    expect(l.events('SuccessfulCreate')).toHaveLength(6)
    expect(l.ds().status).toMatchObject({
      currentNumberScheduled: 3,
      desiredNumberScheduled: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      observedGeneration: 2,
    })
  })

  it('replaces maxUnavailable nodes at once', () => {
    const l = lab(3, '  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}\n')
    apply(
      l.lab,
      agent('busybox:1.36', '  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}\n'),
    )
    expect(l.pods().filter((p) => p.metadata!.deletionTimestamp)).toHaveLength(2)
    advance(l.lab, 3 * 60_000)
    expect(l.images()).toEqual(Array(3).fill('busybox:1.36'))
  })

  it('a change-driven pass gives what a full pass gives, step by step', () => {
    const a = lab()
    fullReconcile.on = true
    const b = lab()
    fullReconcile.on = false
    const steps = [
      (x: typeof a) => apply(x.lab, agent('busybox:1.36')),
      ...Array.from({ length: 12 }, () => (x: typeof a) => advance(x.lab, 10_000)),
    ]
    for (const step of steps) {
      step(a)
      fullReconcile.on = true
      step(b)
      fullReconcile.on = false
      expect(a.lab.hash()).toBe(b.lab.hash())
    }
    expect(a.images()).toEqual(Array(3).fill('busybox:1.36'))
  })
})

describe('DaemonSet OnDelete', () => {
  it('keeps the old pods until they are deleted, then makes the new one from the new template', () => {
    const strategy = '  updateStrategy: {type: OnDelete}\n'
    const l = lab(2, strategy)
    apply(l.lab, agent('busybox:1.36', strategy))
    advance(l.lab, 60_000)
    expect(l.images()).toEqual(Array(2).fill('busybox:1.35'))
    expect(l.ds().status).toMatchObject({ updatedNumberScheduled: 0, observedGeneration: 2 })
    const victim = l.pods()[0]!
    ok(l.lab, {
      type: 'kube.delete',
      cluster: 'demo',
      namespace: 'default',
      kind: 'pod',
      name: victim.metadata!.name!,
    })
    advance(l.lab, 60_000)
    const fresh = l.pods().find((p) => p.spec!.nodeName === victim.spec!.nodeName)!
    expect(fresh.metadata!.name).not.toBe(victim.metadata!.name)
    expect(fresh.spec!.containers[0]!.image).toBe('busybox:1.36')
    expect(fresh.metadata!.labels!['pod-template-generation']).toBe('2')
    expect(l.ds().status!.updatedNumberScheduled).toBe(1)
    expect(l.events('SuccessfulDelete')).toEqual([])
  })
})
