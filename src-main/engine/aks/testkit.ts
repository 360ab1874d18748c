import type { AksVnet } from '@shared/aks'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import type { HardwareSpec } from '@shared/commands'
import { DEFAULT_HARDWARE } from '../hci/build'
import { Lab } from '../lab'

// Shared fixtures of the AKS tests (not a test file): the documented PowerShell flow's values on
// the default lab (192.168.0.0/24, DHCP scope .100–.199).

export const newLab = (seed = 1, hardware: HardwareSpec = DEFAULT_HARDWARE) =>
  Lab.create({ name: 'AKS lab', seed, hardware })

/** New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart .200 -vipPoolEnd .250 */
export const dhcpVnet: AksVnet = {
  name: 'mynet',
  vswitchName: 'ConvergedSwitch',
  vlanId: null,
  ipAllocation: 'DHCP',
  ipAddressPrefix: null,
  gateway: null,
  dnsServers: [],
  k8sNodeIpPoolStart: null,
  k8sNodeIpPoolEnd: null,
  vipPoolStart: '192.168.0.200',
  vipPoolEnd: '192.168.0.250',
}

export const staticVnet: AksVnet = {
  ...dhcpVnet,
  ipAllocation: 'Static',
  ipAddressPrefix: '192.168.0.0/24',
  gateway: '192.168.0.1',
  dnsServers: ['192.168.0.2'],
  k8sNodeIpPoolStart: '192.168.0.20',
  k8sNodeIpPoolEnd: '192.168.0.49',
}

export const configure = (vnet: AksVnet = dhcpVnet, volume = 'Volume01') => ({
  type: 'aks.configure',
  vnet,
  imageDir: `C:\\ClusterStorage\\${volume}\\images`,
  workingDir: `C:\\ClusterStorage\\${volume}\\WorkingDir`,
  cloudConfigLocation: `C:\\ClusterStorage\\${volume}\\Config`,
})

export const register = {
  type: 'aks.register',
  subscriptionId: '3f2a9c1e-8b7d-4e6f-a5c4-1d2e3f4a5b6c',
  resourceGroupName: 'aks-hci-rg',
  region: 'westeurope',
}

/** Dispatches and throws on refusal, so a test reads as the flow it checks. */
export function ok(lab: Lab, command: unknown): unknown {
  const r = lab.dispatch(command)
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.data
}

export function installed(seed = 1): Lab {
  const lab = newLab(seed)
  ok(lab, configure())
  ok(lab, register)
  ok(lab, { type: 'aks.install' })
  ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
  return lab
}

/** The parts of a lab that a rollback must restore (tasks, samples, rng and queue aside). */
export function footprint(lab: Lab) {
  const s = lab.state
  const { install: _install, ...aks } = s.aks
  return { files: s.files, vms: s.vms, clusterGroups: s.clusterGroups, volumes: s.volumes, aks }
}
