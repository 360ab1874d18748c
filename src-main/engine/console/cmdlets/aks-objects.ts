import { AKS_VERSION, type AksConfig, type AksHost, type AksVnet } from '@shared/aks'
import { PsObject, PsHashtable, enumerate, toText, type PsValue } from '../values'
import { cmdletError } from '../errors'

// The AksHci module's objects: New-AksHciNetworkSetting's VirtualNetwork and Get-AksHciConfig's
// settings. Converting back (Set-AksHciConfig -vnet $vnet) reads the same property names.

export const VNET_TYPE = 'VirtualNetwork'
/** The module's default MAC pool, which every network setting names. */
const MAC_POOL = 'MocMacPool'

export function vnetObject(v: AksVnet): PsObject {
  return new PsObject(
    VNET_TYPE,
    {
      Name: v.name,
      VswitchName: v.vswitchName,
      IpAddressPrefix: v.ipAddressPrefix,
      Gateway: v.gateway,
      DnsServers: v.dnsServers.length > 0 ? [...v.dnsServers] : null,
      MacPoolName: MAC_POOL,
      Vlanid: v.vlanId ?? 0,
      VipPoolStart: v.vipPoolStart,
      VipPoolEnd: v.vipPoolEnd,
      K8snodeIpPoolStart: v.k8sNodeIpPoolStart,
      K8snodeIpPoolEnd: v.k8sNodeIpPoolEnd,
    },
    'AksHciVirtualNetwork',
    v.name,
  )
}

const text = (v: PsValue): string | null => (v === null || toText(v) === '' ? null : toText(v))

/** -vnet's argument transformation: a VirtualNetwork object (or one that looks like it). */
export function vnetFromValue(value: PsValue): AksVnet {
  const o = Array.isArray(value) && value.length === 1 ? value[0]! : value
  if (!(o instanceof PsObject) || !o.has('VswitchName') || !o.has('VipPoolStart'))
    throw cmdletError(
      `Cannot process argument transformation on parameter 'vnet'. Cannot convert the "${toText(o)}" value ` +
        `of type "${o instanceof PsObject ? o.typeName : typeof o === 'string' ? 'System.String' : 'System.Object'}" ` +
        `to type "${VNET_TYPE}". Create it with New-AksHciNetworkSetting.`,
      'ParameterArgumentTransformationError',
      'InvalidData',
      'ParameterBindingArgumentTransformationException',
    )
  const prefix = text(o.get('IpAddressPrefix'))
  const vlan = Number(toText(o.get('Vlanid')) || 0)
  return {
    name: toText(o.get('Name')),
    vswitchName: toText(o.get('VswitchName')),
    vlanId: Number.isInteger(vlan) && vlan > 0 ? vlan : null,
    ipAllocation: prefix === null ? 'DHCP' : 'Static',
    ipAddressPrefix: prefix,
    gateway: text(o.get('Gateway')),
    dnsServers: enumerate(o.get('DnsServers')).map(toText),
    k8sNodeIpPoolStart: text(o.get('K8snodeIpPoolStart')),
    k8sNodeIpPoolEnd: text(o.get('K8snodeIpPoolEnd')),
    vipPoolStart: toText(o.get('VipPoolStart')),
    vipPoolEnd: toText(o.get('VipPoolEnd')),
  }
}

/** The module's installState words. */
function installState(aks: AksHost): string {
  switch (aks.phase) {
    case 'Installed':
      return 'Installed'
    case 'Installing':
      return 'Installing'
    case 'Failed':
      return 'InstallFailed'
    default:
      return 'NotInstalled'
  }
}

/** Get-AksHciConfig: a hashtable of the settings (printed as PowerShell prints one: Name, Value). */
export function configTable(aks: AksHost): PsHashtable {
  const c: AksConfig | null = aks.config
  const v = c?.vnet
  const rows: [string, PsValue][] = [
    ['imageDir', c?.imageDir ?? null],
    ['workingDir', c?.workingDir ?? null],
    ['cloudConfigLocation', c?.cloudConfigLocation ?? null],
    ['vnetName', v?.name ?? null],
    ['vswitchName', v?.vswitchName ?? null],
    ['ipAllocationMethod', v?.ipAllocation ?? null],
    ['ipAddressPrefix', v?.ipAddressPrefix ?? null],
    ['gateway', v?.gateway ?? null],
    ['dnsServers', v && v.dnsServers.length > 0 ? [...v.dnsServers] : null],
    ['k8snodeIpPoolStart', v?.k8sNodeIpPoolStart ?? null],
    ['k8snodeIpPoolEnd', v?.k8sNodeIpPoolEnd ?? null],
    ['vipPoolStart', v?.vipPoolStart ?? null],
    ['vipPoolEnd', v?.vipPoolEnd ?? null],
    ['vlanID', v ? (v.vlanId ?? 0) : null],
    ['controlPlaneVmSize', c?.controlPlaneVmSize ?? null],
    ['version', c?.version ?? AKS_VERSION],
    ['skipUpdates', c ? c.skipUpdates : null],
    ['clusterRoleName', aks.cloudAgentRole],
    ['subscriptionId', aks.registration?.subscriptionId ?? null],
    ['resourceGroupName', aks.registration?.resourceGroupName ?? null],
    ['region', aks.registration?.region ?? null],
    ['installState', installState(aks)],
  ]
  const table = new PsHashtable()
  for (const [key, value] of rows) table.set(key, value)
  return table
}
