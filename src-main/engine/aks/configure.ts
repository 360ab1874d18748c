import type { AksConfig } from '@shared/aks'
import { AKS_REGIONS } from '@shared/aks-assumptions'
import { aksPathProblem, normalizePath } from '@shared/aks-paths'
import { findVmSize } from '@shared/aks-sizes'
import { vnetProblems } from '@shared/aks-vnet'
import type { Command } from '@shared/commands'
import { fail } from '@shared/errors'
import type { Tx } from '../core/tx'
import { patchAks } from './state'

type Configure = Extract<Command, { type: 'aks.configure' }>
type Register = Extract<Command, { type: 'aks.register' }>

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// Azure resource group names: letters, digits, '-', '_', '.', '(' and ')', not ending in a period.
const RESOURCE_GROUP = /^[-\w.()]{0,89}[-\w()]$/

/** Refuses a configuration the lab cannot carry: paths off shared storage, a bad network setting. */
export function checkConfig(tx: Tx, config: AksConfig): void {
  const paths: [string, string][] = [
    ['-imageDir', config.imageDir],
    ['-workingDir', config.workingDir],
    ['-cloudConfigLocation', config.cloudConfigLocation],
  ]
  for (const [what, path] of paths) {
    const problem = aksPathProblem(tx.state, what, path)
    if (problem) fail('InvalidAksPath', problem, 'InvalidArgument', path)
  }
  const problems = vnetProblems(config.vnet, tx.state)
  if (problems.length > 0)
    fail('InvalidNetworkSetting', problems.join(' '), 'InvalidArgument', config.vnet.name)
}

/** Set-AksHciConfig. */
export function configureAks(tx: Tx, c: Configure): AksConfig {
  const phase = tx.state.aks.phase
  if (phase === 'Installing')
    fail(
      'AksInstallInProgress',
      'An AKS on Azure Stack HCI installation is in progress. Cancel it before changing the configuration with Set-AksHciConfig.',
      'InvalidOperation',
    )
  if (phase === 'Installed')
    fail(
      'AksAlreadyInstalled',
      'AKS on Azure Stack HCI is already installed, so its configuration cannot be changed. Run Uninstall-AksHci first, then Set-AksHciConfig.',
      'InvalidOperation',
    )
  const size = findVmSize(c.controlPlaneVmSize)
  if (!size)
    fail(
      'InvalidVmSize',
      `'${c.controlPlaneVmSize}' is not a VM size AKS offers; see Get-AksHciVmSize.`,
      'InvalidArgument',
      c.controlPlaneVmSize,
    )
  const config: AksConfig = {
    imageDir: normalizePath(c.imageDir),
    workingDir: normalizePath(c.workingDir),
    cloudConfigLocation: normalizePath(c.cloudConfigLocation),
    vnet: { ...c.vnet, dnsServers: [...c.vnet.dnsServers] },
    controlPlaneVmSize: size.name,
    version: c.version,
    skipUpdates: c.skipUpdates,
  }
  checkConfig(tx, config)
  patchAks(tx, { phase: 'Configured', config, cloudAgentRole: `ca-${tx.rng.guid()}` })
  return config
}

/** Set-AksHciRegistration: recorded only, nothing leaves the machine. */
export function registerAks(tx: Tx, c: Register): void {
  const phase = tx.state.aks.phase
  if (phase === 'Installing' || phase === 'Installed')
    fail(
      'AksAlreadyInstalled',
      `AKS on Azure Stack HCI is ${phase === 'Installing' ? 'being installed' : 'already installed'}; set the registration before Install-AksHci.`,
      'InvalidOperation',
    )
  const subscriptionId = c.subscriptionId.trim()
  if (!GUID.test(subscriptionId))
    fail(
      'InvalidSubscriptionId',
      `'${c.subscriptionId}' is not a subscription ID: it must be a GUID such as 00000000-0000-0000-0000-000000000000.`,
      'InvalidArgument',
      c.subscriptionId,
    )
  const resourceGroupName = c.resourceGroupName.trim()
  if (!RESOURCE_GROUP.test(resourceGroupName))
    fail(
      'InvalidResourceGroup',
      resourceGroupName === ''
        ? 'Give the name of the Azure resource group to register the AKS host in.'
        : `'${c.resourceGroupName}' is not a valid resource group name: use up to 90 letters, digits, '-', '_', '.', '(' or ')', not ending in '.'.`,
      'InvalidArgument',
      c.resourceGroupName,
    )
  const region = c.region.trim().toLowerCase()
  if (!(AKS_REGIONS as readonly string[]).includes(region))
    fail(
      'UnsupportedRegion',
      `AKS on Azure Stack HCI cannot register in '${c.region}'. Choose one of: ${AKS_REGIONS.join(', ')}.`,
      'InvalidArgument',
      c.region,
    )
  patchAks(tx, { registration: { subscriptionId: subscriptionId.toLowerCase(), resourceGroupName, region } })
}
