import { describe, expect, it } from 'vitest'
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Event, Namespace, Node, Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, createCommand, MIN, withCluster } from '../aks/cluster-testkit'
import { installed, ok } from '../aks/testkit'

describe('the Kubernetes object store of a workload cluster', () => {
  const lab = withCluster('demo', 2)
  const id = clusterOf(lab, 'demo').id
  const all = Object.values(lab.state.kube).filter(
    (o) => lab.state.kube[`${id}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`] === o,
  )

  it('keys every object by cluster, kind, namespace and name, with uid, resourceVersion and time', () => {
    expect(all.length).toBe(Object.keys(lab.state.kube).length)
    const uids = new Set(all.map((o) => o.metadata.uid))
    expect(uids.size).toBe(all.length)
    const versions = all.map((o) => Number(o.metadata.resourceVersion))
    expect(new Set(versions).size).toBe(all.length)
    expect(Math.max(...versions)).toBe(clusterOf(lab, 'demo').resourceVersion)
    expect(all.every((o) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(o.metadata.creationTimestamp))).toBe(
      true,
    )
  })

  it('has the four namespaces, Active', () => {
    const ns = listKube<Namespace>(lab.state, id, { kind: 'Namespace' })
    expect(ns.map((n) => n.metadata!.name)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ])
    expect(ns.every((n) => n.status!.phase === 'Active')).toBe(true)
  })

  it('has Ready nodes with labels, capacity from the VM size, node info and a pod CIDR', () => {
    const nodes = listKube<Node>(lab.state, id, { kind: 'Node' })
    const cp = nodes.find((n) => n.metadata!.name!.includes('-control-plane-'))!
    expect(cp.metadata!.labels).toMatchObject({
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': cp.metadata!.name,
      'node-role.kubernetes.io/master': '',
      'node-role.kubernetes.io/control-plane': '',
    })
    expect(cp.spec!.taints).toEqual([{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }])
    const worker = nodes.find((n) => n.metadata!.name!.startsWith('moc-l'))!
    expect(worker.status!.capacity).toMatchObject({ cpu: '4', pods: '110' })
    expect(worker.status!.nodeInfo).toMatchObject({ osImage: 'CBL-Mariner/Linux', kubeletVersion: 'v1.20.7' })
    expect(nodes.every((n) => n.status!.conditions!.find((c) => c.type === 'Ready')!.status === 'True')).toBe(
      true,
    )
    expect(new Set(nodes.map((n) => n.spec!.podCIDR)).size).toBe(3)
    const vm = Object.values(lab.state.vms).find((v) => v.name === worker.metadata!.name)!
    expect(worker.status!.addresses![0]).toEqual({ type: 'InternalIP', address: vm.ip })
  })

  it('owns pods by ReplicaSets, ReplicaSets by Deployments, DaemonSet pods by DaemonSets, static pods by Nodes', () => {
    const coredns = getKube<Deployment>(lab.state, id, 'Deployment', 'kube-system', 'coredns')!
    expect(coredns.status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      updatedReplicas: 2,
    })
    const rs = listKube<ReplicaSet>(lab.state, id, { kind: 'ReplicaSet', namespace: 'kube-system' }).find(
      (r) => r.metadata!.name!.startsWith('coredns-'),
    )!
    expect(rs.metadata!.ownerReferences![0]).toMatchObject({
      kind: 'Deployment',
      name: 'coredns',
      uid: coredns.metadata!.uid,
    })
    const pods = listKube<Pod>(lab.state, id, {
      kind: 'Pod',
      namespace: 'kube-system',
      selector: { 'k8s-app': 'kube-dns' },
    })
    expect(pods).toHaveLength(2)
    expect(pods.every((p) => p.metadata!.ownerReferences![0]!.uid === rs.metadata!.uid)).toBe(true)
    expect(pods.every((p) => p.status!.podIP!.startsWith('10.244.'))).toBe(true)
    const proxy = getKube<DaemonSet>(lab.state, id, 'DaemonSet', 'kube-system', 'kube-proxy')!
    expect(proxy.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 3,
    })
    const etcd = listKube<Pod>(lab.state, id, {
      kind: 'Pod',
      namespace: 'kube-system',
      selector: { component: 'etcd' },
    })[0]!
    expect(etcd.metadata!.ownerReferences![0]!.kind).toBe('Node')
    expect(etcd.status!.podIP).toBe(etcd.status!.hostIP)
    const running = etcd.status!.containerStatuses![0]!
    expect(running).toMatchObject({ ready: true, restartCount: 0 })
    expect(running.state!.running!.startedAt).toBeDefined()
  })

  it('records the pod lifecycle as events', () => {
    const events = listKube<Event>(lab.state, id, { kind: 'Event' })
    const reasons = new Set(events.map((e) => e.reason))
    for (const r of [
      'Scheduled',
      'Pulling',
      'Pulled',
      'Created',
      'Started',
      'NodeReady',
      'SuccessfulCreate',
      'ScalingReplicaSet',
    ])
      expect(reasons).toContain(r)
    const e = events.find((x) => x.reason === 'Started')!
    expect(e).toMatchObject({ type: 'Normal', count: 1, source: { component: 'kubelet' } })
    expect(e.involvedObject.kind).toBe('Pod')
  })
})

describe('pod lifecycle stages', () => {
  it('goes Pending → ContainerCreating → Running', () => {
    const lab = installed()
    ok(lab, createCommand('demo'))
    ok(lab, { type: 'clock.advance', ms: 5 * MIN }) // Kubernetes is up: static pods exist, Pending
    const id = clusterOf(lab, 'demo').id
    const etcd = () => listKube<Pod>(lab.state, id, { kind: 'Pod', selector: { component: 'etcd' } })[0]!
    expect(etcd().status!.phase).toBe('Pending')
    ok(lab, { type: 'clock.advance', ms: 1_000 })
    expect(etcd().status!.containerStatuses![0]!.state!.waiting!.reason).toBe('ContainerCreating')
    ok(lab, { type: 'clock.advance', ms: 15_000 })
    expect(etcd().status!.phase).toBe('Running')
  })
})
