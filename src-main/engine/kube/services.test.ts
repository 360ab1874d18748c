import { describe, expect, it } from 'vitest'
import type { Event, Service } from 'kubernetes-types/core/v1'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, createCommand } from '../aks/cluster-testkit'
import { configure, dhcpVnet, newLab, ok, register } from '../aks/testkit'
import { advance, apply } from './kube-testkit'

const MIN = 60_000
const lb = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec: {type: LoadBalancer, selector: {app: ${name}}, ports: [{port: 80}]}
`

/** A cluster 'demo' on a host whose VIP pool has room for one LoadBalancer Service. */
function tightPool() {
  const lab = newLab()
  // .200 is the host's, .201 the API server's: .202 is the only one left.
  ok(lab, configure({ ...dhcpVnet, vipPoolEnd: '192.168.0.202' }))
  ok(lab, register)
  ok(lab, { type: 'aks.install' })
  advance(lab, AKS_INSTALL_MS)
  ok(lab, createCommand('demo', 1))
  advance(lab, 15 * MIN)
  return lab
}

describe('LoadBalancer Services', () => {
  it('wait with SyncLoadBalancerFailed when the VIP pool is used up, and get the VIP a deleted one frees', () => {
    const lab = tightPool()
    const id = clusterOf(lab, 'demo').id
    const vip = (name: string) =>
      getKube<Service>(lab.state, id, 'Service', 'default', name)!.status?.loadBalancer?.ingress?.[0]?.ip
    apply(lab, lb('first'))
    advance(lab, MIN)
    expect(vip('first')).toBe('192.168.0.202')
    apply(lab, lb('second'))
    advance(lab, 10 * MIN)
    expect(vip('second')).toBeUndefined()
    const failed = listKube<Event>(lab.state, id, { kind: 'Event', namespace: 'default' }).filter(
      (e) => e.involvedObject.name === 'second' && e.reason === 'SyncLoadBalancerFailed',
    )
    expect(failed).toHaveLength(1)
    // The controller keeps retrying (every 5 minutes here), counting up one event.
    expect(failed[0]!.count).toBeGreaterThanOrEqual(2)
    expect(failed[0]!.message).toContain('no free address in the VIP pool 192.168.0.200-192.168.0.202')
    ok(lab, { type: 'kube.delete', cluster: 'demo', namespace: 'default', kind: 'service', name: 'first' })
    advance(lab, 6 * MIN)
    expect(vip('second')).toBe('192.168.0.202')
  })
})
