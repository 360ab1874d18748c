import { PsError } from '../errors'
import { prop } from '../format/cells'
import type { CmdletContext, CmdletDef, Registry } from '../registry'
import { wildcardPattern } from '../wildcard'
import { PsObject, toText, type PsValue } from '../values'

// Get-Module and Import-Module over the modules whose commands the console has. A module loads
// when one of its commands is first used (5.1's auto-loading) or when Import-Module loads it.

const SYSTEM_MODULES = 'C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules'
const PROGRAM_MODULES = 'C:\\Program Files\\WindowsPowerShell\\Modules'

/** How each module is built, as Get-Module's ModuleType shows it (the AksHci module is a script). */
const MODULE_TYPES: Record<string, string> = { AksHci: 'Script', 'Hyper-V': 'Binary' }

interface ModuleInfo {
  name: string
  version: string
  commands: string[]
}

function modules(registry: Registry): ModuleInfo[] {
  const byName = new Map<string, ModuleInfo>()
  for (const def of registry.allCmdlets()) {
    if (def.module === '' || def.module === 'Microsoft.PowerShell.Core') continue
    const info = byName.get(def.module) ?? { name: def.module, version: def.version, commands: [] }
    info.commands.push(def.name)
    byName.set(def.module, info)
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name))
}

function moduleObject(info: ModuleInfo): PsObject {
  const base =
    info.name === 'AksHci' ? `${PROGRAM_MODULES}\\AksHci\\${info.version}` : `${SYSTEM_MODULES}\\${info.name}`
  return new PsObject(
    'System.Management.Automation.PSModuleInfo',
    {
      ModuleType: MODULE_TYPES[info.name] ?? 'Manifest',
      Version: info.version,
      Name: info.name,
      ExportedCommands: [...info.commands].sort(),
      Path: `${base}\\${info.name}.psd1`,
      ModuleBase: base,
    },
    'PSModuleInfo',
    info.name,
  )
}

function moduleNotFound(name: string): PsError {
  return new PsError({
    message: `The specified module '${name}' was not loaded because no valid module file was found in any module directory.`,
    category: 'ResourceUnavailable',
    reason: 'FileNotFoundException',
    errorId: 'Modules_ModuleNotFound',
    target: { name, type: 'String' },
  })
}

function getModule(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  const all = modules(ctx.registry)
  const loaded = args.ListAvailable === true ? all : all.filter((m) => ctx.importedModules.has(m.name))
  const names = Array.isArray(args.Name) ? args.Name.map((n) => wildcardPattern(toText(n))) : null
  return loaded.filter((m) => !names || names.some((n) => n.test(m.name))).map(moduleObject)
}

function importModule(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  const all = modules(ctx.registry)
  const out: PsValue[] = []
  for (const name of (args.Name as PsValue[]).map(toText)) {
    const info = all.find((m) => m.name.toLowerCase() === name.toLowerCase())
    if (!info) {
      ctx.writeError(moduleNotFound(name))
      continue
    }
    const module = moduleObject(info)
    ctx.writeVerbose(`Loading module from path '${toText(module.get('Path'))}'.`)
    for (const command of info.commands) ctx.writeVerbose(`Importing function '${command}'.`)
    ctx.importedModules.add(info.name)
    if (args.PassThru === true) out.push(module)
  }
  return out
}

const CORE = { module: 'Microsoft.PowerShell.Core', version: '3.0.0.0', commandType: 'Cmdlet' } as const

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-Module',
    ...CORE,
    implementingType: 'Microsoft.PowerShell.Commands.GetModuleCommand',
    synopsis: 'Lists the modules loaded in the session (-ListAvailable: every module the console has).',
    params: [
      { name: 'Name', type: 'String[]', position: 0 },
      { name: 'ListAvailable', type: 'Switch' },
    ],
    invoke: getModule,
  },
  {
    name: 'Import-Module',
    ...CORE,
    implementingType: 'Microsoft.PowerShell.Commands.ImportModuleCommand',
    synopsis: 'Loads a module (Import-Module AksHci); its commands also load it when first used.',
    params: [
      { name: 'Name', type: 'String[]', position: 0, mandatory: true },
      { name: 'Force', type: 'Switch' },
      { name: 'PassThru', type: 'Switch' },
    ],
    invoke: importModule,
  },
]

export function registerModules(registry: Registry): void {
  registry.addView({
    key: 'PSModuleInfo',
    // PowerShellCore.format.ps1xml: ModuleType and Version 10 wide, Name 35.
    columns: [
      { label: 'ModuleType', value: prop('ModuleType'), width: 10 },
      { label: 'Version', value: prop('Version'), width: 10 },
      { label: 'Name', value: prop('Name'), width: 35 },
      { label: 'ExportedCommands', value: prop('ExportedCommands') },
    ],
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
  registry.addAlias('gmo', 'Get-Module')
  registry.addAlias('ipmo', 'Import-Module')
}
