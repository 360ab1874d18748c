import { describe, expect, it } from 'vitest'
import { listKube } from '@shared/kube'
import { serverMemory } from '@shared/aks-memory'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { clusterOf, createCommand, MIN, pods, resources, withCluster } from './cluster-testkit'
import { installed, ok } from './testkit'
import type { Lab } from '../lab'

const workers = (lab: Lab, name: string) =>
  Object.values(lab.state.vms).filter(
    (v) => v.owner.id === clusterOf(lab, name).id && v.role.endsWith('worker'),
  )
const nodes = (lab: Lab, name: string) => listKube<Node>(lab.state, clusterOf(lab, name).id, { kind: 'Node' })
const dsPods = (lab: Lab, prefix: string) =>
  pods(lab, 'demo').filter((p) => new RegExp(`^${prefix}-[a-z0-9]{5}$`).test(p.metadata!.name!))

describe('workload cluster scaling', () => {
  it('scales a node pool up and down: VMs, nodes and DaemonSet pods follow, newest removed first', () => {
    const lab = withCluster('demo', 1)
    const first = workers(lab, 'demo')[0]!
    ok(lab, { type: 'aks.nodepool.scale', clusterName: 'demo', name: 'demo-linux', count: 3 })
    expect(clusterOf(lab, 'demo').phase).toBe('Updating')
    expect(workers(lab, 'demo')).toHaveLength(3)
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    expect(clusterOf(lab, 'demo').phase).toBe('Provisioned')
    expect(nodes(lab, 'demo')).toHaveLength(4)
    expect(dsPods(lab, 'kube-proxy')).toHaveLength(4)
    expect(dsPods(lab, 'csi-msk8scsi-node')).toHaveLength(3)
    expect(pods(lab, 'demo').every((p) => p.status!.phase === 'Running')).toBe(true)

    ok(lab, { type: 'aks.nodepool.scale', clusterName: 'demo', name: 'demo-linux', count: 1 })
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    expect(workers(lab, 'demo').map((v) => v.id)).toEqual([first.id])
    expect(nodes(lab, 'demo')).toHaveLength(2)
    expect(dsPods(lab, 'kube-flannel-ds-amd64')).toHaveLength(2)
    expect(dsPods(lab, 'csi-msk8scsi-node')).toHaveLength(1)
  })

  it('adds a Windows node pool: Windows DaemonSet variants there, no CSI node pod', () => {
    const lab = withCluster('demo', 1)
    ok(lab, {
      type: 'aks.nodepool.create',
      clusterName: 'demo',
      name: 'winpool',
      osType: 'Windows',
      count: 1,
    })
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    const win = nodes(lab, 'demo').find((n) => n.metadata!.labels!['kubernetes.io/os'] === 'windows')!
    expect(win.metadata!.name).toMatch(/^moc-w[a-z0-9]{10}$/)
    expect(win.status!.nodeInfo!.osImage).toBe('Windows Server 2019 Datacenter')
    const onWin = pods(lab, 'demo').filter((p) => p.spec!.nodeName === win.metadata!.name)
    expect(onWin.map((p) => p.metadata!.name!.replace(/-[a-z0-9]{5}$/, '')).sort()).toEqual([
      'kube-flannel-ds-windows-amd64',
      'kube-proxy-windows',
    ])
    expect(onWin.every((p) => p.status!.phase === 'Running')).toBe(true)
  })

  it('creates a mixed Linux + Windows cluster', () => {
    const lab = withCluster('mixed', 1, 1)
    const list = pods(lab, 'mixed')
    const vm = Object.values(lab.state.vms).find((v) => v.role === 'aks-windows-worker')!
    expect(vm.os).toBe('Windows Server 2019 Datacenter Core')
    expect(list.filter((p) => p.metadata!.name!.startsWith('csi-msk8scsi-node-'))).toHaveLength(1)
    expect(list.filter((p) => p.metadata!.name!.startsWith('kube-proxy-windows-'))).toHaveLength(1)
    expect(list.every((p) => p.status!.phase === 'Running')).toBe(true)
  })

  it('grows the control plane to 3 with static pods on each', () => {
    const lab = withCluster('demo', 1)
    ok(lab, { type: 'aks.cluster.setControlPlane', name: 'demo', controlPlaneNodeCount: 3 })
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    const cps = nodes(lab, 'demo').filter((n) => n.metadata!.labels!['node-role.kubernetes.io/master'] === '')
    expect(cps).toHaveLength(3)
    expect(pods(lab, 'demo').filter((p) => p.metadata!.name!.startsWith('etcd-'))).toHaveLength(3)
  })

  it('refuses a scale above the free memory with OutOfCapacity and changes nothing', () => {
    const lab = withCluster('demo', 1)
    const hash = lab.hash()
    const r = lab.dispatch({ type: 'aks.nodepool.scale', clusterName: 'demo', name: 'demo-linux', count: 30 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('OutOfCapacity')
    expect(lab.hash()).toBe(hash)
  })
})

describe('Remove-AksHciCluster', () => {
  it('frees every byte and MB the cluster held', () => {
    const lab = installed()
    const before = { ...resources(lab), memory: serverMemory(lab.state) }
    ok(lab, createCommand('demo', 2, 1))
    ok(lab, { type: 'clock.advance', ms: 15 * MIN })
    ok(lab, { type: 'aks.credential', name: 'demo' })
    expect(Object.values(lab.state.files).length).toBeGreaterThan(Object.values(before.files).length)
    ok(lab, { type: 'aks.cluster.delete', name: 'demo' })
    expect(clusterOf(lab, 'demo').phase).toBe('Deleting')
    ok(lab, { type: 'clock.advance', ms: 5 * MIN })
    expect(lab.state.aksClusters).toEqual({})
    expect(lab.state.kube).toEqual({})
    expect(lab.state.kubeconfig).toEqual({ contexts: [], current: null })
    const after = { ...resources(lab), memory: serverMemory(lab.state) }
    expect(after.vms).toEqual(before.vms)
    expect(after.files).toEqual(before.files)
    expect(after.clusterGroups).toEqual(before.clusterGroups)
    expect(after.memory).toEqual(before.memory)
    expect(after.pool).toEqual(before.pool)
    expect(lab.state.queue.filter((e) => (e.data as { clusterId?: string })?.clusterId)).toEqual([])
  })

  it('refuses Uninstall-AksHci while clusters exist, naming them', () => {
    const lab = withCluster('demo')
    const r = lab.dispatch({ type: 'aks.uninstall' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain("workload cluster(s) 'demo'")
  })
})

describe('credentials and contexts', () => {
  it('needs a provisioned cluster, then adds and selects its context', () => {
    const lab = installed()
    ok(lab, createCommand('demo'))
    const early = lab.dispatch({ type: 'aks.credential', name: 'demo' })
    expect(early.ok).toBe(false)
    ok(lab, { type: 'clock.advance', ms: 15 * MIN })
    ok(lab, { type: 'aks.credential', name: 'demo' })
    expect(lab.state.kubeconfig).toEqual({ contexts: ['demo'], current: 'demo' })
    const r = lab.dispatch({ type: 'kube.useContext', name: 'x' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe('error: no context exists with the name: "x"')
  })
})

describe('workload cluster determinism', () => {
  it('is the same lab whether the clock jumps or crawls', () => {
    const jump = installed(3)
    ok(jump, createCommand('demo', 2))
    ok(jump, { type: 'clock.advance', ms: 12 * MIN })
    const crawl = installed(3)
    ok(crawl, createCommand('demo', 2))
    while (crawl.now < jump.now) crawl.advanceTo(Math.min(jump.now, crawl.now + 7_000))
    expect(crawl.hash()).toBe(jump.hash())
    expect(pods(jump, 'demo').map((p: Pod) => p.metadata!.name)).toEqual(
      pods(crawl, 'demo').map((p: Pod) => p.metadata!.name),
    )
  })
})
