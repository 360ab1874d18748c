import type { AksVnet } from '@shared/aks'
import { vnetProblems } from '@shared/aks-vnet'
import type { CommandInput } from '@shared/commands'
import { cmdletError, PsError } from '../errors'
import { prop } from '../format/cells'
import type { BoundArgs, CmdletContext, CmdletDef, ParamDef, Registry } from '../registry'
import { toText, type PsValue } from '../values'
import { configTable, vnetFromValue, vnetObject } from './aks-objects'

// The AksHci module (facts §1.3–1.5): functions that turn their parameters into AKS engine commands.
// The engine words the domain errors; these only translate. Install-AksHci blocks the line until
// the install task ends (CmdletContext.waitFor), as the real function does.

const AKSHCI = { module: 'AksHci', version: '1.0.8', commandType: 'Function' } as const

const str = (name: string, extra: Partial<ParamDef> = {}): ParamDef => ({ name, type: 'String', ...extra })
const sw = (name: string): ParamDef => ({ name, type: 'Switch' })

/** Set-AksHciConfig parameters the lab accepts but does not model (facts §1.4). */
const IGNORED_CONFIG_PARAMS: ParamDef[] = [
  str('nodeConfigLocation'),
  { name: 'createAutoConfigContainers', type: 'Boolean' },
  str('sshPublicKey'),
  str('macPoolStart'),
  str('macPoolEnd'),
  { name: 'proxySettings', type: 'Object' },
  str('cloudServiceCidr'),
  { name: 'nodeAgentPort', type: 'Int32' },
  { name: 'nodeAgentAuthorizerPort', type: 'Int32' },
  { name: 'cloudAgentPort', type: 'Int32' },
  { name: 'cloudAgentAuthorizerPort', type: 'Int32' },
  str('clusterRoleName'),
  str('cloudLocation'),
  str('stagingShare'),
  { name: 'mode', type: 'String', validateSet: ['minimum', 'full'] },
  { name: 'concurrentDownloads', type: 'Int32' },
  sw('skipHostLimitChecks'),
  sw('skipRemotingChecks'),
  sw('skipValidationChecks'),
  sw('insecure'),
  sw('forceDnsReplication'),
  sw('offlineDownload'),
]

function moduleError(message: string, errorId: string, category = 'InvalidOperation'): Error {
  return cmdletError(message, errorId, category, 'Exception')
}

/**
 * The AksHci functions are script: their refusals are thrown exceptions, not CIM errors. The engine's
 * code stays the error id, so scripts can tell them apart.
 */
export function dispatch(ctx: CmdletContext, command: CommandInput): unknown {
  try {
    return ctx.dispatch(command)
  } catch (e) {
    if (e instanceof PsError) e.record.reason = 'Exception'
    throw e
  }
}

function newNetworkSetting(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  const prefix = args.ipAddressPrefix === undefined ? null : toText(args.ipAddressPrefix)
  const opt = (name: string) => (args[name] === undefined ? null : toText(args[name]!))
  const vlan = args.vlanID === undefined ? 0 : Number(args.vlanID)
  const vnet: AksVnet = {
    name: toText(args.name!),
    vswitchName: toText(args.vSwitchName!),
    vlanId: vlan > 0 ? vlan : null,
    // Giving a subnet prefix selects the static parameter set, as in the real function.
    ipAllocation: prefix === null ? 'DHCP' : 'Static',
    ipAddressPrefix: prefix,
    gateway: opt('gateway'),
    dnsServers: args.dnsServers === undefined ? [] : (args.dnsServers as PsValue[]).map(toText),
    k8sNodeIpPoolStart: opt('k8sNodeIpPoolStart'),
    k8sNodeIpPoolEnd: opt('k8sNodeIpPoolEnd'),
    vipPoolStart: toText(args.vipPoolStart!),
    vipPoolEnd: toText(args.vipPoolEnd!),
  }
  if (vlan < 0 || vlan > 4094 || !Number.isInteger(vlan))
    throw moduleError(`The VLAN ID ${vlan} is not valid: use 1 to 4094, or 0 for none.`, 'InvalidVlanId')
  const problems = vnetProblems(vnet, ctx.state())
  if (problems.length > 0) throw moduleError(problems.join(' '), 'InvalidNetworkSetting', 'InvalidArgument')
  return [vnetObject(vnet)]
}

function setConfig(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  const given = (name: string) => (args[name] === undefined ? {} : { [name]: toText(args[name]!) })
  dispatch(ctx, {
    type: 'aks.configure',
    // The real defaults (facts §1.4); the engine refuses them on a multi-node cluster, which needs
    // every path on a cluster shared volume.
    imageDir: 'C:\\AksHciImageStore',
    workingDir: 'C:\\AksHci',
    cloudConfigLocation: 'C:\\wssdcloudagent',
    ...given('imageDir'),
    ...given('workingDir'),
    ...given('cloudConfigLocation'),
    ...given('controlPlaneVmSize'),
    ...given('version'),
    vnet: vnetFromValue(args.vnet ?? null),
    skipUpdates: args.skipUpdates === true,
  })
  return []
}

function install(ctx: CmdletContext): PsValue[] {
  if (!ctx.shouldProcess(ctx.state().cluster.name, 'Install-AksHci')) return []
  const started = dispatch(ctx, { type: 'aks.install' }) as { taskId?: string } | undefined
  const taskId = started?.taskId ?? ctx.state().aks.install?.taskId
  if (taskId) ctx.waitFor(taskId, { type: 'aks.cancelInstall' })
  return []
}

function uninstall(ctx: CmdletContext, args: BoundArgs): PsValue[] {
  if (!ctx.shouldProcess(ctx.state().cluster.name, 'Uninstall-AksHci')) return []
  const kept = ctx.state().aks.config
  dispatch(ctx, { type: 'aks.uninstall' })
  // -SkipConfigCleanup keeps the configuration: the engine removes it, so it is set again.
  if (args.SkipConfigCleanup === true && kept) dispatch(ctx, { type: 'aks.configure', ...kept })
  return []
}

function version(ctx: CmdletContext): PsValue[] {
  const aks = ctx.state().aks
  if (aks.phase !== 'Installed' || !aks.config)
    throw moduleError(
      'AKS on Azure Stack HCI is not installed on this cluster. Run Install-AksHci first.',
      'AksHciNotInstalled',
    )
  return [aks.config.version]
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'New-AksHciNetworkSetting',
    ...AKSHCI,
    synopsis:
      'Creates the virtual network object for Set-AksHciConfig -vnet: DHCP, or static when -ipAddressPrefix is given. Checked against the lab (switch, pools, addresses in use).',
    params: [
      str('name', { mandatory: true }),
      str('vSwitchName', { mandatory: true }),
      str('vipPoolStart', { mandatory: true }),
      str('vipPoolEnd', { mandatory: true }),
      str('ipAddressPrefix'),
      str('gateway'),
      { name: 'dnsServers', type: 'String[]' },
      str('k8sNodeIpPoolStart'),
      str('k8sNodeIpPoolEnd'),
      { name: 'vlanID', type: 'Int32' },
    ],
    invoke: newNetworkSetting,
  },
  {
    name: 'Set-AksHciConfig',
    ...AKSHCI,
    synopsis:
      'Sets the AKS host configuration (paths on a cluster shared volume, -vnet, -controlPlaneVmSize, -version, -skipUpdates). Other real parameters are accepted and ignored by the lab: ' +
      IGNORED_CONFIG_PARAMS.map((p) => `-${p.name}`).join(', ') +
      '.',
    params: [
      str('imageDir'),
      str('workingDir'),
      str('cloudConfigLocation'),
      { name: 'vnet', type: 'Object', mandatory: true },
      str('controlPlaneVmSize'),
      str('version'),
      sw('skipUpdates'),
      ...IGNORED_CONFIG_PARAMS,
    ],
    invoke: setConfig,
  },
  {
    name: 'Get-AksHciConfig',
    ...AKSHCI,
    synopsis: 'Shows the AKS host configuration and its install state.',
    params: [],
    invoke: (ctx) => [configTable(ctx.state().aks)],
  },
  {
    name: 'Set-AksHciRegistration',
    ...AKSHCI,
    synopsis:
      "Sets the Azure subscription and resource group the AKS host registers in (simulated: nothing leaves the machine; the region is the resource group's, eastus). Sign-in parameters are accepted and ignored.",
    params: [
      str('subscriptionId', { mandatory: true }),
      str('resourceGroupName', { mandatory: true }),
      str('tenantId'),
      str('armAccessToken'),
      str('graphAccessToken'),
      str('accountId'),
      str('EnvironmentName'),
      { name: 'Credential', type: 'Object' },
      sw('UseDeviceAuthentication'),
    ],
    invoke: (ctx, args) => {
      dispatch(ctx, {
        type: 'aks.register',
        subscriptionId: toText(args.subscriptionId!),
        resourceGroupName: toText(args.resourceGroupName!),
      })
      return []
    },
  },
  {
    name: 'Install-AksHci',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis:
      'Installs the AKS host as configured; shows its progress and returns when it is done (virtual time runs at the clock speed; Ctrl+C cancels and rolls back).',
    params: [],
    invoke: (ctx) => install(ctx),
  },
  {
    name: 'Get-AksHciVersion',
    ...AKSHCI,
    synopsis: 'Shows the installed AKS on Azure Stack HCI version.',
    params: [],
    invoke: (ctx) => version(ctx),
  },
  {
    name: 'Uninstall-AksHci',
    ...AKSHCI,
    supportsShouldProcess: true,
    synopsis:
      'Removes the AKS host: its VMs, node images, files, cloud agent role and configuration (-SkipConfigCleanup keeps the configuration).',
    params: [sw('SkipConfigCleanup')],
    invoke: uninstall,
  },
]

export function registerAks(registry: Registry): void {
  registry.addView({
    key: 'AksHciVirtualNetwork',
    listByDefault: true,
    columns: ['Name', 'VswitchName', 'VipPoolStart', 'VipPoolEnd'].map((p) => ({ label: p, value: prop(p) })),
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
