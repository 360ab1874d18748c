import { describe, expect, it } from 'vitest'
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1'
import type { Event, PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, createCommand, withCluster } from '../aks/cluster-testkit'
import { ok } from '../aks/testkit'
import { advance, apply, deployment } from './kube-testkit'

const deploy = deployment
const pods = (lab: ReturnType<typeof withCluster>, app: string) =>
  listKube<Pod>(lab.state, clusterOf(lab, 'demo').id, {
    kind: 'Pod',
    namespace: 'default',
    selector: { app },
  })
const events = (lab: ReturnType<typeof withCluster>, name: string) =>
  listKube<Event>(lab.state, clusterOf(lab, 'demo').id, { kind: 'Event', namespace: 'default' }).filter(
    (e) => e.involvedObject.name === name,
  )

describe('workload controllers', () => {
  it('scales a deployment with kube.scale, and rolls out a template change through a new ReplicaSet', () => {
    const lab = withCluster('demo', 2)
    const id = clusterOf(lab, 'demo').id
    apply(lab, deploy('web', 'nginx:1.21', 2))
    advance(lab, 60_000)
    ok(lab, {
      type: 'kube.scale',
      cluster: 'demo',
      namespace: 'default',
      kind: 'deployment',
      name: 'web',
      replicas: 4,
    })
    advance(lab, 60_000)
    expect(pods(lab, 'web').filter((p) => p.status!.phase === 'Running')).toHaveLength(4)
    apply(lab, deploy('web', 'nginx:1.22', 4))
    advance(lab, 5 * 60_000)
    const sets = listKube<ReplicaSet>(lab.state, id, { kind: 'ReplicaSet', namespace: 'default' })
    expect(sets.map((s) => s.spec!.replicas).sort()).toEqual([0, 4])
    expect(pods(lab, 'web').map((p) => p.spec!.containers[0]!.image)).toEqual(Array(4).fill('nginx:1.22'))
    expect(pods(lab, 'web').every((p) => p.status!.phase === 'Running')).toBe(true)
  })

  it('creates StatefulSet pods in order with one PVC each, and keeps the PVCs on scale-down', () => {
    const lab = withCluster('demo', 2)
    const id = clusterOf(lab, 'demo').id
    apply(
      lab,
      `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: demo3}
spec:
  replicas: 3
  serviceName: demo3
  selector: {matchLabels: {app: demo3}}
  template:
    metadata: {labels: {app: demo3}}
    spec:
      containers:
      - {name: demo3, image: 'mcr.microsoft.com/azurestackhci/aks-demo:latest', volumeMounts: [{name: myvolume, mountPath: /storage}]}
  volumeClaimTemplates:
  - metadata: {name: myvolume}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
    )
    advance(lab, 1_000)
    expect(pods(lab, 'demo3').map((p) => p.metadata!.name)).toEqual(['demo3-0'])
    advance(lab, 10 * 60_000)
    expect(pods(lab, 'demo3').map((p) => `${p.metadata!.name} ${p.status!.phase}`)).toEqual([
      'demo3-0 Running',
      'demo3-1 Running',
      'demo3-2 Running',
    ])
    const claims = () =>
      listKube<PersistentVolumeClaim>(lab.state, id, { kind: 'PersistentVolumeClaim', namespace: 'default' })
    expect(claims().map((c) => c.metadata!.name)).toEqual([
      'myvolume-demo3-0',
      'myvolume-demo3-1',
      'myvolume-demo3-2',
    ])
    ok(lab, {
      type: 'kube.scale',
      cluster: 'demo',
      namespace: 'default',
      kind: 'sts',
      name: 'demo3',
      replicas: 1,
    })
    advance(lab, 60_000)
    expect(pods(lab, 'demo3').map((p) => p.metadata!.name)).toEqual(['demo3-0'])
    expect(claims()).toHaveLength(3)
    expect(getKube<StatefulSet>(lab.state, id, 'StatefulSet', 'default', 'demo3')!.status!.replicas).toBe(1)
    ok(lab, {
      type: 'kube.delete',
      cluster: 'demo',
      namespace: null,
      kind: 'statefulset',
      name: 'demo3',
      selector: null,
      manifest: null,
    })
    // The demo app ignores SIGTERM: its pod is Terminating until the 30 s grace period ends.
    expect(pods(lab, 'demo3').map((p) => p.metadata!.deletionTimestamp)).toEqual([expect.any(String)])
    advance(lab, 30_000)
    expect(pods(lab, 'demo3')).toHaveLength(0)
    expect(claims()).toHaveLength(3)
  })

  it('runs a DaemonSet pod on every matching node', () => {
    const lab = withCluster('demo', 2)
    apply(
      lab,
      `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      nodeSelector: {kubernetes.io/os: linux}
      containers: [{name: agent, image: busybox, command: [sleep, '3600']}]
`,
    )
    advance(lab, 60_000)
    expect(pods(lab, 'agent').map((p) => p.status!.phase)).toEqual(['Running', 'Running'])
  })

  it('gives Services a ClusterIP, and a LoadBalancer a VIP of the host pool after a while', () => {
    const lab = withCluster('demo', 1)
    const id = clusterOf(lab, 'demo').id
    expect(getKube<Service>(lab.state, id, 'Service', 'default', 'kubernetes')!.spec!.clusterIP).toBe(
      '10.96.0.1',
    )
    expect(getKube<Service>(lab.state, id, 'Service', 'kube-system', 'kube-dns')!.spec!.clusterIP).toBe(
      '10.96.0.10',
    )
    apply(
      lab,
      `apiVersion: v1
kind: Service
metadata: {name: web}
spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}
`,
    )
    const web = () => getKube<Service>(lab.state, id, 'Service', 'default', 'web')!
    expect(web().spec!.clusterIP).toBe('10.96.0.2')
    expect(web().spec!.ports![0]!.nodePort).toBeGreaterThanOrEqual(30000)
    expect(web().status!.loadBalancer!.ingress).toBeUndefined()
    expect(getKube<Service>(lab.state, id, 'Service', 'default', 'db')!.spec!.clusterIP).toBe('None')
    advance(lab, 60_000)
    const vip = web().status!.loadBalancer!.ingress![0]!.ip!
    const vnet = lab.state.aks.config!.vnet
    expect(vip.split('.').slice(0, 3)).toEqual(vnet.vipPoolStart.split('.').slice(0, 3))
    expect(vip).not.toBe(clusterOf(lab, 'demo').apiServerVip)
    // A cluster created afterwards gets its API server a VIP nobody holds, not the Service's.
    ok(lab, createCommand('second'))
    expect(clusterOf(lab, 'second').apiServerVip).not.toBe(vip)
    expect(clusterOf(lab, 'second').apiServerVip).not.toBe(clusterOf(lab, 'demo').apiServerVip)
  })

  it('deletes dependents with their owner (garbage collection)', () => {
    const lab = withCluster('demo', 1)
    const id = clusterOf(lab, 'demo').id
    apply(lab, deploy('web', 'nginx', 2))
    advance(lab, 60_000)
    const r = ok(lab, {
      type: 'kube.delete',
      cluster: 'demo',
      namespace: null,
      kind: 'deployments',
      name: 'web',
      selector: null,
      manifest: null,
    }) as { results: { resource: string; action: string }[] }
    expect(r.results).toEqual([
      expect.objectContaining({ resource: 'deployment.apps', name: 'web', action: 'deleted' }),
    ])
    expect(listKube(lab.state, id, { kind: 'ReplicaSet', namespace: 'default' })).toHaveLength(0)
    // Its pods go gracefully: Terminating, then gone once nginx has stopped (it handles SIGTERM).
    expect(pods(lab, 'web').every((p) => p.metadata!.deletionTimestamp)).toBe(true)
    expect(pods(lab, 'web')).toHaveLength(2)
    advance(lab, 1_000)
    expect(pods(lab, 'web')).toHaveLength(0)
  })

  it("leaves an oversized pod Pending with the scheduler's FailedScheduling message", () => {
    const lab = withCluster('demo', 2)
    apply(
      lab,
      deploy('big', 'nginx', 1, '      nodeSelector: {kubernetes.io/os: linux}\n').replace(
        "image: 'nginx'}",
        "image: 'nginx', resources: {requests: {memory: 500Gi}}}",
      ),
    )
    advance(lab, 60_000)
    const pod = pods(lab, 'big')[0]!
    expect(pod.status!.phase).toBe('Pending')
    const failed = events(lab, pod.metadata!.name!).find((e) => e.reason === 'FailedScheduling')!
    expect(failed.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    )
  })

  it("honours required pod affinity on kubernetes.io/hostname: the group shares the first pod's node", () => {
    const lab = withCluster('demo', 2)
    const affinity = (app: string) => `      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions: [{key: app, operator: In, values: [${app}]}]
            topologyKey: kubernetes.io/hostname
`
    apply(lab, deploy('web', 'nginx', 1, affinity('web')))
    advance(lab, 60_000)
    ok(lab, {
      type: 'kube.scale',
      cluster: 'demo',
      namespace: 'default',
      kind: 'deployment',
      name: 'web',
      replicas: 5,
    })
    advance(lab, 60_000)
    const web = pods(lab, 'web')
    expect(web.map((p) => p.status!.phase)).toEqual(Array(5).fill('Running'))
    expect(new Set(web.map((p) => p.spec!.nodeName)).size).toBe(1)
    // A pod whose term selects pods that do not exist (and not itself) has nowhere to go.
    apply(lab, deploy('lonely', 'nginx', 1, affinity('nobody')))
    advance(lab, 60_000)
    const lonely = pods(lab, 'lonely')[0]!
    expect(lonely.status!.phase).toBe('Pending')
    expect(events(lab, lonely.metadata!.name!).find((e) => e.reason === 'FailedScheduling')!.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 2 node(s) didn't match pod affinity rules. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    )
  })

  it('fails Linux images on Windows nodes at pull, and a 2022 Windows image on a 2019 node at start', () => {
    const lab = withCluster('demo', 1, 1)
    apply(lab, deploy('lin', 'nginx', 1, '      nodeSelector: {kubernetes.io/os: windows}\n'))
    apply(
      lab,
      deploy(
        'ltsc',
        'mcr.microsoft.com/windows/servercore:ltsc2022',
        1,
        '      nodeSelector: {kubernetes.io/os: windows}\n',
      ),
    )
    apply(
      lab,
      deploy(
        'win',
        'mcr.microsoft.com/windows/servercore:ltsc2019',
        1,
        '      nodeSelector: {kubernetes.io/os: windows}\n',
      ),
    )
    advance(lab, 10 * 60_000)
    const lin = pods(lab, 'lin')[0]!.status!.containerStatuses![0]!
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(lin.state!.waiting!.reason)
    expect(
      events(lab, pods(lab, 'lin')[0]!.metadata!.name!).some((e) =>
        /no matching manifest for windows\/amd64/.test(e.message!),
      ),
    ).toBe(true)
    const ltsc = pods(lab, 'ltsc')[0]!.status!.containerStatuses![0]!
    expect(ltsc.state!.waiting!.reason).toBe('CrashLoopBackOff')
    expect(ltsc.lastState!.terminated).toMatchObject({ reason: 'ContainerCannotRun', exitCode: 128 })
    expect(ltsc.restartCount).toBeGreaterThan(1)
    expect(pods(lab, 'win')[0]!.status!.phase).toBe('Running')
  })

  it('is deterministic: the same commands give the same state', () => {
    const run = () => {
      const lab = withCluster('demo', 2)
      apply(lab, deploy('web', 'nginx', 3))
      advance(lab, 60_000)
      return lab.hash()
    }
    expect(run()).toBe(run())
  })
})
