import { describe, expect, it } from 'vitest'
import type { AksVnet } from '@shared/aks'
import { cidrContains, formatIp, parseCidr, parseIp, rangeSize, rangesOverlap } from '@shared/aks-ip'
import { vnetProblems } from '@shared/aks-vnet'
import { dhcpVnet, newLab, staticVnet } from './testkit'

const lab = newLab()

describe('IPv4 helpers', () => {
  it('parses, formats and measures', () => {
    expect(parseIp('192.168.0.200')).toBe(0xc0a800c8)
    expect(formatIp(0xc0a800c8)).toBe('192.168.0.200')
    for (const bad of ['192.168.0', '192.168.0.256', '1.2.3.4.5', 'a.b.c.d', '', '1..2.3'])
      expect(parseIp(bad)).toBeNull()
    expect(parseCidr('192.168.0.77/24')).toEqual({ base: parseIp('192.168.0.0'), prefix: 24 })
    expect(parseCidr('192.168.0.0/33')).toBeNull()
    expect(cidrContains(parseCidr('192.168.0.0/16')!, parseIp('192.168.5.1')!)).toBe(true)
    expect(rangeSize({ start: 10, end: 12 })).toBe(3)
    expect(rangesOverlap({ start: 1, end: 5 }, { start: 5, end: 9 })).toBe(true)
    expect(rangesOverlap({ start: 1, end: 4 }, { start: 5, end: 9 })).toBe(false)
  })
})

describe('vnetProblems', () => {
  it('accepts the documented DHCP and static settings on the default lab', () => {
    expect(vnetProblems(dhcpVnet, lab.state)).toEqual([])
    expect(vnetProblems(staticVnet, lab.state)).toEqual([])
    expect(vnetProblems({ ...staticVnet, ipAddressPrefix: '192.168.0.0/16' }, lab.state)).toEqual([])
  })

  const cases: [string, Partial<AksVnet>, string][] = [
    ['name with capitals', { name: 'MyNet' }, 'lowercase letters and digits only'],
    ['name with a hyphen', { name: 'my-net' }, 'lowercase letters and digits only'],
    ['unknown switch', { vswitchName: 'Nope' }, "No virtual switch named 'Nope'"],
    ['malformed VIP start', { vipPoolStart: '192.168.0' }, "VIP pool start '192.168.0' is not a valid IPv4"],
    [
      'start after end',
      { vipPoolStart: '192.168.0.250', vipPoolEnd: '192.168.0.200' },
      'comes after its end',
    ],
    ['VIP pool too small', { vipPoolEnd: '192.168.0.201' }, 'it needs at least 3'],
    [
      'VIP pool outside the lab subnet',
      { vipPoolStart: '10.0.0.1', vipPoolEnd: '10.0.0.50' },
      'not inside the subnet 192.168.0.0/24',
    ],
    [
      'VIP pool over the DHCP scope',
      { vipPoolStart: '192.168.0.190', vipPoolEnd: '192.168.0.210' },
      'overlaps the DHCP scope',
    ],
    [
      'VIP pool over the gateway',
      { vipPoolStart: '192.168.0.1', vipPoolEnd: '192.168.0.9' },
      'overlaps the gateway 192.168.0.1',
    ],
    [
      'VIP pool over the DC',
      { vipPoolStart: '192.168.0.2', vipPoolEnd: '192.168.0.9' },
      'overlaps the domain controller dc01',
    ],
    [
      'VIP pool over a server',
      { vipPoolStart: '192.168.0.5', vipPoolEnd: '192.168.0.12' },
      'overlaps server hci-node1 (192.168.0.11)',
    ],
  ]
  it.each(cases)('DHCP: %s', (_, patch, message) => {
    const problems = vnetProblems({ ...dhcpVnet, ...patch }, lab.state)
    expect(problems.join(' ')).toContain(message)
  })

  const staticCases: [string, Partial<AksVnet>, string][] = [
    ['bad prefix', { ipAddressPrefix: '192.168.0.0' }, 'not a valid CIDR prefix'],
    ['gateway outside the prefix', { gateway: '10.0.0.1' }, 'gateway 10.0.0.1 is not inside the subnet'],
    ['no DNS server', { dnsServers: [] }, 'Give 1 to 3 DNS servers'],
    ['bad DNS server', { dnsServers: ['192.168.0.x'] }, "DNS server '192.168.0.x' is not a valid"],
    ['node pool too small', { k8sNodeIpPoolEnd: '192.168.0.21' }, 'has 2 address(es); it needs at least 3'],
    [
      'node pool outside the prefix',
      { ipAddressPrefix: '192.168.0.0/27', gateway: '192.168.0.1' },
      'Kubernetes node IP pool 192.168.0.20–192.168.0.49 is not inside',
    ],
    [
      'node pool over the DHCP scope',
      { k8sNodeIpPoolStart: '192.168.0.90', k8sNodeIpPoolEnd: '192.168.0.110' },
      'overlaps the DHCP scope',
    ],
    [
      'node pool over the servers',
      { k8sNodeIpPoolStart: '192.168.0.10', k8sNodeIpPoolEnd: '192.168.0.30' },
      'overlaps server hci-node1',
    ],
    [
      'node pool over the DNS server',
      { k8sNodeIpPoolStart: '192.168.0.2', k8sNodeIpPoolEnd: '192.168.0.9' },
      'overlaps the DNS server 192.168.0.2',
    ],
    [
      'pools overlap',
      { k8sNodeIpPoolStart: '192.168.0.200', k8sNodeIpPoolEnd: '192.168.0.220' },
      'node IP pool 192.168.0.200–192.168.0.220 and the VIP pool 192.168.0.200–192.168.0.250 overlap',
    ],
    ['missing node pool', { k8sNodeIpPoolStart: null }, 'The Kubernetes node IP pool start is required.'],
  ]
  it.each(staticCases)('Static: %s', (_, patch, message) => {
    const problems = vnetProblems({ ...staticVnet, ...patch }, lab.state)
    expect(problems.join(' ')).toContain(message)
  })

  it('wants the switch on every server', () => {
    const state = lab.snapshot()
    state.switches['switch-1']!.serverIds = ['server-1']
    expect(vnetProblems(dhcpVnet, state).join(' ')).toContain("'ConvergedSwitch' is missing on hci-node2")
  })
})
