import { describe, expect, it } from 'vitest'
import { listKube } from '@shared/kube'
import type { Node } from 'kubernetes-types/core/v1'
import { serverMemory } from '@shared/aks-memory'
import { clusterOf, createCommand, MIN, pods, withCluster } from './cluster-testkit'
import { installed, ok } from './testkit'

describe('New-AksHciCluster', () => {
  it('creates the default cluster: 1 control plane, 1 load balancer, 1 Linux worker', () => {
    const lab = installed()
    const before = serverMemory(lab.state)
    ok(lab, createCommand('demo'))
    const cluster = clusterOf(lab, 'demo')
    expect(cluster.phase).toBe('Creating')
    const vms = Object.values(lab.state.vms).filter((v) => v.owner.id === cluster.id)
    expect(vms.map((v) => v.role).sort()).toEqual([
      'aks-control-plane',
      'aks-linux-worker',
      'aks-load-balancer',
    ])
    const used =
      serverMemory(lab.state).reduce((n, m) => n + m.usedByVmsBytes, 0) -
      before.reduce((n, m) => n + m.usedByVmsBytes, 0)
    expect(used).toBe((8 + 8 + 6) * 1024 ** 3)
    ok(lab, { type: 'clock.advance', ms: 10 * MIN })
    const done = clusterOf(lab, 'demo')
    expect(done.phase).toBe('Provisioned')
    expect(lab.state.tasks[cluster.taskId!]!.state).toBe('Success')
    const nodes = listKube<Node>(lab.state, cluster.id, { kind: 'Node' })
    expect(nodes).toHaveLength(2)
    expect(nodes.every((n) => n.status!.conditions!.find((c) => c.type === 'Ready')!.status === 'True')).toBe(
      true,
    )
    expect(pods(lab, 'demo').every((p) => p.status!.phase === 'Running')).toBe(true)
  })

  it('creates the seed cluster (-linuxNodeCount 2) with its kube-system pods', () => {
    const lab = withCluster('demo', 2)
    const cluster = clusterOf(lab, 'demo')
    const vms = Object.values(lab.state.vms).filter((v) => v.owner.id === cluster.id)
    expect(new Set(vms.map((v) => v.serverId)).size).toBe(2)
    const cp = vms.find((v) => v.role === 'aks-control-plane')!
    expect(cp.name).toMatch(/^demo-control-plane-[a-z0-9]{5}$/)
    const names = pods(lab, 'demo').map((p) => p.metadata!.name!)
    const count = (re: RegExp) => names.filter((n) => re.test(n)).length
    expect(count(/^coredns-[a-z0-9]{10}-[a-z0-9]{5}$/)).toBe(2)
    expect(count(/^csi-msk8scsi-controller-[a-z0-9]{10}-[a-z0-9]{5}$/)).toBe(1)
    expect(count(/^csi-msk8scsi-node-[a-z0-9]{5}$/)).toBe(2)
    expect(count(/^kube-flannel-ds-amd64-[a-z0-9]{5}$/)).toBe(3)
    expect(count(/^kube-proxy-[a-z0-9]{5}$/)).toBe(3)
    expect(count(/^moc-cloud-controller-manager-[a-z0-9]{10}-[a-z0-9]{5}$/)).toBe(1)
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'])
      expect(names).toContain(`${c}-${cp.name}`)
    expect(names).toHaveLength(16)
    expect(pods(lab, 'demo').every((p) => p.status!.phase === 'Running')).toBe(true)
  })
})
