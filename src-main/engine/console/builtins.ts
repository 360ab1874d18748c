import { registerAks } from './cmdlets/aks'
import { registerCluster } from './cmdlets/cluster'
import { registerClusterResources } from './cmdlets/cluster-resources'
import { registerFileSystem } from './cmdlets/filesystem'
import { registerFormat } from './cmdlets/format'
import { registerHelp } from './cmdlets/help'
import { registerHost } from './cmdlets/host'
import { registerItems } from './cmdlets/items'
import { registerModules } from './cmdlets/modules'
import { registerHyperV } from './cmdlets/hyperv'
import { registerKubectl } from './kubectl/kubectl'
import { registerAksClusters } from './cmdlets/aks-clusters'
import { registerAksStorage } from './cmdlets/aks-storage'
import { registerSim } from './cmdlets/sim'
import { registerStorage } from './cmdlets/storage'
import { registerUtility } from './cmdlets/utility'
import { registerVolumeCmdlets } from './cmdlets/volumes'
import { Registry } from './registry'

// Every command the console knows. A new capability adds its register function here.

const REGISTRATIONS: ((registry: Registry) => void)[] = [
  registerStorage,
  registerVolumeCmdlets,
  registerCluster,
  registerClusterResources,
  registerUtility,
  registerHost,
  registerModules,
  registerFormat,
  registerHelp,
  registerSim,
  registerAks,
  registerAksClusters,
  registerAksStorage,
  registerHyperV,
  registerFileSystem,
  registerItems,
  registerKubectl,
]

const ALIASES: Record<string, string> = {
  ft: 'Format-Table',
  fl: 'Format-List',
  select: 'Select-Object',
  where: 'Where-Object',
  '?': 'Where-Object',
  sort: 'Sort-Object',
  measure: 'Measure-Object',
  '%': 'ForEach-Object',
  foreach: 'ForEach-Object',
  echo: 'Write-Output',
  write: 'Write-Output',
  gcm: 'Get-Command',
  help: 'Get-Help',
  man: 'Get-Help',
  cls: 'Clear-Host',
  clear: 'Clear-Host',
}

export function createRegistry(): Registry {
  const registry = new Registry()
  for (const register of REGISTRATIONS) register(registry)
  for (const [alias, target] of Object.entries(ALIASES)) registry.addAlias(alias, target)
  return registry
}
