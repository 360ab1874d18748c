import { SHOULD_PROCESS_PARAMS } from '../binder'
import { PsError } from '../errors'
import { wordWrap } from '../format/error-view'
import { prop } from '../format/cells'
import { hasWildcard, wildcardPattern } from '../wildcard'
import type { CmdletContext, CmdletDef, ParamDef, ParamType, Registry } from '../registry'
import { PsObject, psEnum, toText, type PsValue } from '../values'

// Get-Command and Get-Help, both generated from the same cmdlet definitions the binder uses.

const COMMAND_TYPES = { Alias: 1, Function: 2, Cmdlet: 8, Application: 32 } as const
type CommandType = keyof typeof COMMAND_TYPES

function commandInfo(
  type: CommandType,
  name: string,
  display: string,
  version: string,
  source: string,
): PsObject {
  return new PsObject(
    `System.Management.Automation.${type === 'Application' ? 'Application' : type}Info`,
    {
      CommandType: psEnum('System.Management.Automation.CommandTypes', type, COMMAND_TYPES[type]),
      Name: name,
      DisplayName: display,
      Version: version,
      Source: source,
    },
    'CommandInfo',
    display,
  )
}

function allCommands(registry: Registry): PsObject[] {
  const list = [
    ...registry.aliases().map((a) => {
      const target = registry.resolve(a.target)
      const source = target?.kind === 'cmdlet' ? target.def.module : ''
      return commandInfo('Alias', a.alias, `${a.alias} -> ${target?.def.name ?? a.target}`, '', source)
    }),
    ...registry.allCmdlets().map((c) => commandInfo(c.commandType, c.name, c.name, c.version, c.module)),
    ...registry
      .allNatives()
      .map((n) => commandInfo('Application', `${n.name}.exe`, `${n.name}.exe`, '1.0.0.0', 'HCI Lab')),
  ]
  const rank = (o: PsObject) => (o.get('CommandType') as { value: number }).value
  return list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      toText(a.get('Name'))
        .toLowerCase()
        .localeCompare(toText(b.get('Name')).toLowerCase()),
  )
}

function getCommand(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  let commands = allCommands(ctx.registry)
  if (Array.isArray(args.Module)) {
    const modules = args.Module.map((m) => wildcardPattern(toText(m)))
    commands = commands.filter((c) => modules.some((re) => re.test(toText(c.get('Source')))))
  }
  if (!Array.isArray(args.Name)) return commands
  const out: PsObject[] = []
  for (const name of args.Name.map(toText)) {
    const re = wildcardPattern(name)
    const hits = commands.filter(
      (c) => re.test(toText(c.get('Name'))) || re.test(toText(c.get('Name')).replace(/\.exe$/, '')),
    )
    if (hits.length === 0 && !hasWildcard(name))
      ctx.writeError(
        new PsError({
          message:
            `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. ` +
            'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
          category: 'ObjectNotFound',
          reason: 'CommandNotFoundException',
          errorId: 'CommandNotFoundException',
          target: { name, type: 'String' },
        }),
      )
    for (const hit of hits) if (!out.includes(hit)) out.push(hit)
  }
  return out
}

function typeText(t: ParamType, set?: readonly string[]): string {
  if (set) return `{${set.join(' | ')}}`
  return typeof t === 'string' ? t : `{${t.values.join(' | ')}}`
}

/** "Get-VirtualDisk [[-FriendlyName] <String[]>] [<CommonParameters>]" */
export function syntaxOf(def: CmdletDef): string {
  const positional = def.params
    .filter((p) => p.position !== undefined)
    .sort((a, b) => a.position! - b.position!)
  const named = [
    ...def.params.filter((p) => p.position === undefined),
    ...(def.supportsShouldProcess ? SHOULD_PROCESS_PARAMS : []),
  ]
  const part = (p: ParamDef) => {
    const name = p.position !== undefined ? `[-${p.name}]` : `-${p.name}`
    const text =
      p.type === 'Switch'
        ? name
        : `${name} ${typeText(p.type, p.validateSet).replace(/^(?!\{)(.*)$/, '<$1>')}`
    return p.mandatory ? text : `[${text}]`
  }
  return [def.name, ...[...positional, ...named].map(part), '[<CommonParameters>]'].join(' ')
}

const GENERAL_HELP = [
  '',
  'TOPIC',
  '    HCI Lab simulated Windows PowerShell',
  '',
  'SHORT DESCRIPTION',
  '    This console runs a subset of Windows PowerShell 5.1 against the lab: the Storage, FailoverClusters',
  '    and Hyper-V cmdlets of a cluster node, pipelines, variables and formatting.',
  '',
  'LONG DESCRIPTION',
  '    Get-Command                 lists the commands.',
  '    Get-Help <command>          shows the syntax of a command.',
  '    sim time | advance | speed  reads or moves the virtual clock (sim help).',
  '',
]

function getHelp(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  if (args.Name === undefined || args.Name === null) return [GENERAL_HELP.join('\n')]
  const name = toText(args.Name)
  const found = ctx.registry.resolve(name)
  if (!found)
    throw new PsError({
      message:
        `Get-Help could not find ${name} in a help file in this session. To download updated help topics type: ` +
        '"Update-Help". To get help online, search for the help topic in the TechNet library at ' +
        'https:/go.microsoft.com/fwlink/?LinkID=107116.',
      category: 'ResourceUnavailable',
      reason: 'HelpNotFoundException',
      errorId: 'HelpNotFound',
    })
  const def = found.def
  const aliases = ctx.registry.aliases().filter((a) => a.target.toLowerCase() === def.name.toLowerCase())
  const indent = (text: string) => wordWrap(text, ctx.width - 5).map((l) => `    ${l}`)
  const syntax = found.kind === 'cmdlet' ? syntaxOf(found.def) : `${def.name} <arguments>`
  return [
    [
      '',
      'NAME',
      `    ${def.name}`,
      '',
      'SYNOPSIS',
      ...indent(def.synopsis),
      '',
      '',
      'SYNTAX',
      ...indent(syntax),
      '',
      '',
      'ALIASES',
      ...(aliases.length ? aliases.map((a) => `    ${a.alias}`) : ['    None']),
      '',
      '',
      'REMARKS',
      ...indent(
        `HCI Lab simulates ${def.name} against the lab; parameters not shown in SYNTAX are not supported.`,
      ),
      '',
    ].join('\n'),
  ]
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-Command',
    module: 'Microsoft.PowerShell.Core',
    version: '3.0.0.0',
    commandType: 'Cmdlet',
    implementingType: 'Microsoft.PowerShell.Commands.GetCommandCommand',
    synopsis: 'Gets the commands this console can run.',
    params: [
      { name: 'Name', type: 'String[]', position: 0 },
      { name: 'Module', type: 'String[]' },
    ],
    invoke: getCommand,
  },
  {
    name: 'Get-Help',
    module: 'Microsoft.PowerShell.Core',
    version: '3.0.0.0',
    commandType: 'Cmdlet',
    implementingType: 'Microsoft.PowerShell.Commands.GetHelpCommand',
    synopsis: 'Displays information about a command: its synopsis and syntax.',
    params: [
      { name: 'Name', type: 'String', position: 0 },
      { name: 'Full', type: 'Switch' },
      { name: 'Detailed', type: 'Switch' },
      { name: 'Examples', type: 'Switch' },
    ],
    invoke: getHelp,
  },
]

export function registerHelp(registry: Registry): void {
  registry.addView({
    key: 'CommandInfo',
    columns: [
      { label: 'CommandType', value: prop('CommandType'), width: 15 },
      { label: 'Name', value: prop('DisplayName'), width: 50 },
      { label: 'Version', value: prop('Version'), width: 10 },
      { label: 'Source', value: prop('Source') },
    ],
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
