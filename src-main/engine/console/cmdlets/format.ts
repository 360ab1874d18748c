import { toJson } from '../format/json'
import { listOf, propSpecs, tableOf } from '../format/objects'
import type { CmdletDef, Registry } from '../registry'
import { FormattedOutput } from '../values'

// Format-Table, Format-List, ConvertTo-Json and Clear-Host.

const UTILITY = { module: 'Microsoft.PowerShell.Utility', version: '3.1.0.0', commandType: 'Cmdlet' } as const
const CMD = 'Microsoft.PowerShell.Commands'

/** What Clear-Host writes; a host without colours drops it. */
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J'

const CMDLETS: CmdletDef[] = [
  {
    name: 'Format-Table',
    ...UTILITY,
    implementingType: `${CMD}.FormatTableCommand`,
    synopsis: 'Formats the output as a table (columns fit their contents, as -AutoSize does).',
    params: [
      { name: 'Property', type: 'Object[]', position: 0 },
      { name: 'AutoSize', type: 'Switch' },
      { name: 'HideTableHeaders', type: 'Switch' },
      { name: 'Wrap', type: 'Switch' },
    ],
    invoke(ctx, args, input) {
      if (input.length === 0) return []
      const specs = Array.isArray(args.Property)
        ? propSpecs(args.Property, input[0]!, (b, o) => ctx.invoke(b, o))
        : null
      return [
        new FormattedOutput(tableOf(input, specs, ctx.registry, ctx.width, args.HideTableHeaders === true)),
      ]
    },
  },
  {
    name: 'Format-List',
    ...UTILITY,
    implementingType: `${CMD}.FormatListCommand`,
    synopsis: 'Formats the output as a list of properties, each on its own line.',
    params: [{ name: 'Property', type: 'Object[]', position: 0 }],
    invoke(ctx, args, input) {
      if (input.length === 0) return []
      const specs = Array.isArray(args.Property)
        ? propSpecs(args.Property, input[0]!, (b, o) => ctx.invoke(b, o))
        : null
      return [new FormattedOutput(listOf(input, specs, ctx.registry, ctx.width))]
    },
  },
  {
    name: 'ConvertTo-Json',
    ...UTILITY,
    implementingType: `${CMD}.ConvertToJsonCommand`,
    synopsis: 'Converts objects to JSON as Windows PowerShell 5.1 writes it (-Depth 2 by default).',
    params: [
      { name: 'InputObject', type: 'Object', position: 0 },
      { name: 'Depth', type: 'Int32' },
      { name: 'Compress', type: 'Switch' },
    ],
    invoke(_ctx, args, input) {
      const value = args.InputObject !== undefined ? args.InputObject : input.length === 1 ? input[0]! : input
      if (args.InputObject === undefined && input.length === 0) return []
      const depth = typeof args.Depth === 'number' ? args.Depth : 2
      return [toJson(value, depth, args.Compress === true)]
    },
  },
  {
    name: 'Clear-Host',
    module: '',
    version: '',
    commandType: 'Function',
    synopsis: 'Clears the console.',
    params: [],
    invoke: () => [new FormattedOutput([CLEAR_SCREEN])],
  },
]

export function registerFormat(registry: Registry): void {
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
