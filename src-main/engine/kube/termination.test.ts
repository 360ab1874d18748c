import { describe, expect, it } from 'vitest'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import type { Deployment } from 'kubernetes-types/apps/v1'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { installedConsole } from '../console/testkit'
import { advance, apply, deployment } from './kube-testkit'

const deploy = deployment

function running(image: string, replicas = 1) {
  const lab = withCluster('demo', 1)
  const id = clusterOf(lab, 'demo').id
  apply(lab, deploy('app', image, replicas))
  advance(lab, 2 * 60_000)
  const pods = () =>
    listKube<Pod>(lab.state, id, { kind: 'Pod', namespace: 'default', selector: { app: 'app' } })
  const del = (name: string, gracePeriod: number | null = null) =>
    ok(lab, { type: 'kube.delete', cluster: 'demo', namespace: 'default', kind: 'pod', name, gracePeriod })
  return { lab, id, pods, del }
}

describe('graceful pod deletion', () => {
  it('keeps a deleted pod Terminating until its containers stop, while its ReplicaSet replaces it', () => {
    const { lab, id, pods, del } = running('nginx:1.21')
    const [old] = pods()
    del(old!.metadata!.name!)
    const now = pods()
    expect(now).toHaveLength(2)
    const going = now.find((p) => p.metadata!.uid === old!.metadata!.uid)!
    expect(going.metadata!.deletionGracePeriodSeconds).toBe(30)
    expect(Date.parse(going.metadata!.deletionTimestamp!) - lab.now).toBeLessThanOrEqual(30_000)
    const killing = listKube<Event>(lab.state, id, { kind: 'Event', namespace: 'default' }).filter(
      (e) => e.reason === 'Killing' && e.involvedObject.uid === old!.metadata!.uid,
    )
    expect(killing.map((e) => e.message)).toEqual(['Stopping container app'])
    // nginx stops on SIGTERM: gone a moment later; the replacement carries on.
    advance(lab, 1_000)
    expect(pods().map((p) => p.metadata!.uid)).not.toContain(old!.metadata!.uid)
    expect(pods()).toHaveLength(1)
  })

  it('waits out the grace period for a container that ignores SIGTERM (the demo app)', () => {
    const { lab, pods, del } = running('mcr.microsoft.com/azurestackhci/aks-demo:latest')
    const name = pods()[0]!.metadata!.name!
    del(name)
    advance(lab, 29_000)
    expect(pods().some((p) => p.metadata!.name === name)).toBe(true)
    advance(lab, 1_000)
    expect(pods().some((p) => p.metadata!.name === name)).toBe(false)
  })

  it('removes a pod at once with a grace period of 0 (--force), and a scaled-down one gracefully', () => {
    const { lab, pods, del } = running('nginx:1.21', 3)
    del(pods()[0]!.metadata!.name!, 0)
    expect(pods().filter((p) => p.metadata!.deletionTimestamp)).toHaveLength(0)
    advance(lab, 60_000)
    ok(lab, {
      type: 'kube.scale',
      cluster: 'demo',
      namespace: 'default',
      kind: 'deployment',
      name: 'app',
      replicas: 1,
    })
    expect(pods().filter((p) => p.metadata!.deletionTimestamp)).toHaveLength(2)
    advance(lab, 1_000)
    expect(pods()).toHaveLength(1)
  })
})

describe("a Deployment's conditions while a deleted pod is replaced", () => {
  const conditions = (lab: ReturnType<typeof withCluster>, id: string) =>
    getKube<Deployment>(lab.state, id, 'Deployment', 'default', 'app')!.status!.conditions!.map(
      (c) => `${c.type}=${c.status} ${c.reason}`,
    )

  it('stay Available with 4 of 5 (within maxUnavailable), and Progressing keeps NewReplicaSetAvailable', () => {
    const { lab, id, pods, del } = running('nginx:1.21', 5)
    expect(conditions(lab, id)).toEqual([
      'Available=True MinimumReplicasAvailable',
      'Progressing=True NewReplicaSetAvailable',
    ])
    del(pods()[0]!.metadata!.name!)
    advance(lab, 1_000)
    expect(conditions(lab, id)).toEqual([
      'Available=True MinimumReplicasAvailable',
      'Progressing=True NewReplicaSetAvailable',
    ])
  })

  it('turn Unavailable when the only replica goes', () => {
    const { lab, id, pods, del } = running('nginx:1.21', 1)
    del(pods()[0]!.metadata!.name!)
    advance(lab, 1_000)
    expect(conditions(lab, id)[0]).toBe('Available=False MinimumReplicasUnavailable')
    advance(lab, 60_000)
    expect(conditions(lab, id)[0]).toBe('Available=True MinimumReplicasAvailable')
  })
})

describe('StatefulSet scale-down', () => {
  it('takes the highest ordinal first and the next only once it is gone (OrderedReady)', () => {
    const lab = withCluster('demo', 1)
    const id = clusterOf(lab, 'demo').id
    apply(
      lab,
      `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  replicas: 3
  serviceName: web
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: 'nginx:1.21'}
`,
    )
    advance(lab, 3 * 60_000)
    ok(lab, {
      type: 'kube.scale',
      cluster: 'demo',
      namespace: 'default',
      kind: 'sts',
      name: 'web',
      replicas: 1,
    })
    const state = () =>
      listKube<Pod>(lab.state, id, { kind: 'Pod', namespace: 'default', selector: { app: 'web' } }).map(
        (p) => `${p.metadata!.name} ${p.metadata!.deletionTimestamp ? 'Terminating' : p.status!.phase}`,
      )
    expect(state()).toEqual(['web-0 Running', 'web-1 Running', 'web-2 Terminating'])
    advance(lab, 1_000)
    expect(state()).toEqual(['web-0 Running', 'web-1 Terminating'])
    advance(lab, 1_000)
    expect(state()).toEqual(['web-0 Running'])
  })
})

describe('kubectl delete pod', () => {
  const c = installedConsole()
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 1')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait) c.session.resume()
  c.run('Get-AksHciCredential -name demo')
  c.run('kubectl apply -f demo1.yaml')
  c.lab.dispatch({ type: 'clock.advance', ms: 2 * 60_000 })

  it('refuses --now with --grace-period, as kubectl does', () => {
    expect(c.run('kubectl delete pod demo1 --now --grace-period=5')).toContain(
      'error: --now and --grace-period cannot be specified together',
    )
  })

  it("shows Terminating, and --force deletes at once with kubectl's warning", () => {
    expect(c.run('kubectl delete pod demo1')).toBe('pod "demo1" deleted')
    expect(c.run('kubectl get pod demo1')).toMatch(/\ndemo1\s+1\/1\s+Terminating\s+0\s+\d+m/)
    expect(c.run('kubectl delete pod demo1 --force')).toBe(
      [
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
        'pod "demo1" force deleted',
      ].join('\n'),
    )
    expect(c.run('kubectl get pod demo1')).toContain('Error from server (NotFound): pods "demo1" not found')
  })
})
