import type { AksVnet } from './aks'
import { MIN_NODE_POOL_IPS, MIN_VIP_POOL_IPS } from './aks-assumptions'
import {
  cidrContains,
  formatCidr,
  formatRange,
  parseCidr,
  parseIp,
  rangeContains,
  rangeSize,
  rangesOverlap,
  type Cidr,
  type IpRange,
} from './aks-ip'
import type { LabView } from './contract'
import type { VSwitch } from './domain'

// New-AksHciNetworkSetting's rules (aks-hci-facts.md §1.5, §1.1), as sentences a person can act on.
// The wizard shows them live; Set-AksHciConfig and Install-AksHci refuse with the same words.

export type NetworkView = Pick<LabView, 'cluster' | 'servers' | 'switches'>

/** Get-VMSwitch matches names case-insensitively. */
export function findSwitch(view: Pick<LabView, 'switches'>, name: string): VSwitch | undefined {
  const lower = name.trim().toLowerCase()
  return Object.values(view.switches).find((s) => s.name.toLowerCase() === lower)
}

/** Why a switch cannot carry AKS VMs, or null. */
export function switchProblem(view: NetworkView, name: string): string | null {
  if (name.trim() === '') return 'Choose a virtual switch: AKS needs an external switch for its VMs.'
  const sw = findSwitch(view, name)
  if (!sw)
    return `No virtual switch named '${name}' exists on the servers (see Get-VMSwitch). Create an external switch first.`
  if (sw.switchType !== 'External')
    return `Virtual switch '${sw.name}' is ${sw.switchType}; AKS needs an External switch so its VMs reach the network.`
  const missing = Object.values(view.servers).filter((s) => !sw.serverIds.includes(s.id))
  if (missing.length > 0)
    return `Virtual switch '${sw.name}' is missing on ${missing.map((s) => s.name).join(', ')}; an external switch with the same name must exist on every server.`
  return null
}

interface Named {
  label: string
  range: IpRange
}

/** Addresses already in use on the lab network that no pool may take. */
function reservedAddresses(view: NetworkView, vnet: AksVnet): Named[] {
  const net = view.cluster.network
  const one = (label: string, ip: string): Named[] => {
    const n = parseIp(ip)
    return n === null ? [] : [{ label, range: { start: n, end: n } }]
  }
  const out: Named[] = []
  const gateway = vnet.ipAllocation === 'Static' && vnet.gateway ? vnet.gateway : net.gateway
  out.push(...one(`the gateway ${gateway}`, gateway))
  const dns = vnet.ipAllocation === 'Static' && vnet.dnsServers.length ? vnet.dnsServers : net.dnsServers
  for (const d of dns) out.push(...one(`the DNS server ${d}`, d))
  const dc = view.cluster.domainController
  out.push(...one(`the domain controller ${dc.name} (${dc.ip})`, dc.ip))
  for (const s of Object.values(view.servers)) out.push(...one(`server ${s.name} (${s.ip})`, s.ip))
  const start = parseIp(net.dhcpScope.start)
  const end = parseIp(net.dhcpScope.end)
  if (start !== null && end !== null)
    out.push({ label: `the DHCP scope ${net.dhcpScope.start}–${net.dhcpScope.end}`, range: { start, end } })
  return out
}

const blank = (text: string | null) => text === null || text.trim() === ''

/** An address that did not parse: missing, or not an address. */
function addressProblem(what: string, text: string | null): string {
  return blank(text) ? `${what} is required.` : `${what} '${text}' is not a valid IPv4 address.`
}

function parsePool(
  problems: string[],
  what: string,
  startText: string | null,
  endText: string | null,
): IpRange | null {
  const start = startText === null ? null : parseIp(startText)
  const end = endText === null ? null : parseIp(endText)
  if (start === null) problems.push(addressProblem(`The ${what} start`, startText))
  if (end === null) problems.push(addressProblem(`The ${what} end`, endText))
  if (start === null || end === null) return null
  if (start > end) {
    problems.push(`The ${what} start ${startText} comes after its end ${endText}.`)
    return null
  }
  return { start, end }
}

function checkPool(
  problems: string[],
  what: string,
  pool: IpRange,
  min: number,
  subnet: Cidr,
  reserved: Named[],
): void {
  if (!cidrContains(subnet, pool.start) || !cidrContains(subnet, pool.end))
    problems.push(`The ${what} ${formatRange(pool)} is not inside the subnet ${formatCidr(subnet)}.`)
  if (rangeSize(pool) < min)
    problems.push(
      `The ${what} ${formatRange(pool)} has ${rangeSize(pool)} address(es); it needs at least ${min}.`,
    )
  for (const r of reserved)
    if (rangesOverlap(pool, r.range)) problems.push(`The ${what} ${formatRange(pool)} overlaps ${r.label}.`)
}

/** Every problem with a network setting on this lab; [] when it is good. */
export function vnetProblems(vnet: AksVnet, view: NetworkView): string[] {
  const problems: string[] = []
  if (!/^[a-z0-9]+$/.test(vnet.name))
    problems.push(
      `The network setting name '${vnet.name}' is not valid: use lowercase letters and digits only.`,
    )
  const sw = switchProblem(view, vnet.vswitchName)
  if (sw) problems.push(sw)
  const reserved = reservedAddresses(view, vnet)
  let subnet = parseCidr(view.cluster.network.subnet)!
  let nodePool: IpRange | null = null
  if (vnet.ipAllocation === 'Static') {
    const prefix = vnet.ipAddressPrefix === null ? null : parseCidr(vnet.ipAddressPrefix)
    if (prefix === null)
      problems.push(
        blank(vnet.ipAddressPrefix)
          ? 'The subnet prefix is required.'
          : `The subnet prefix '${vnet.ipAddressPrefix}' is not a valid CIDR prefix such as 192.168.0.0/24.`,
      )
    else subnet = prefix
    const gateway = vnet.gateway === null ? null : parseIp(vnet.gateway)
    if (gateway === null) problems.push(addressProblem('The gateway', vnet.gateway))
    else if (prefix && !cidrContains(prefix, gateway))
      problems.push(`The gateway ${vnet.gateway} is not inside the subnet ${formatCidr(prefix)}.`)
    if (vnet.dnsServers.length < 1 || vnet.dnsServers.length > 3)
      problems.push(`Give 1 to 3 DNS servers for static IP addresses (${vnet.dnsServers.length} given).`)
    for (const d of vnet.dnsServers)
      if (parseIp(d) === null) problems.push(`The DNS server '${d}' is not a valid IPv4 address.`)
    nodePool = parsePool(problems, 'Kubernetes node IP pool', vnet.k8sNodeIpPoolStart, vnet.k8sNodeIpPoolEnd)
    if (nodePool)
      checkPool(problems, 'Kubernetes node IP pool', nodePool, MIN_NODE_POOL_IPS, subnet, reserved)
  }
  const vip = parsePool(problems, 'VIP pool', vnet.vipPoolStart, vnet.vipPoolEnd)
  if (vip) checkPool(problems, 'VIP pool', vip, MIN_VIP_POOL_IPS, subnet, reserved)
  if (vip && nodePool && rangesOverlap(vip, nodePool))
    problems.push(
      `The Kubernetes node IP pool ${formatRange(nodePool)} and the VIP pool ${formatRange(vip)} overlap; they must not share addresses.`,
    )
  return problems
}

/** Whether an address is in a pool given as start/end text. */
export function inPool(ip: string, start: string | null, end: string | null): boolean {
  const n = parseIp(ip)
  const s = start === null ? null : parseIp(start)
  const e = end === null ? null : parseIp(end)
  return n !== null && s !== null && e !== null && rangeContains({ start: s, end: e }, n)
}
