import { bindingErrors, PsError } from '../errors'
import { propSpecs } from '../format/objects'
import { compare, order, toNumber } from '../operators'
import type { CmdletContext, CmdletDef, ParamDef, Registry } from '../registry'
import {
  collapse,
  enumerate,
  getMember,
  isTrue,
  PsObject,
  ScriptBlock,
  toText,
  typeNameOf,
  type PsValue,
} from '../values'

// Microsoft.PowerShell.Core / .Utility pipeline cmdlets: Where-Object, Select-Object, Sort-Object,
// Measure-Object, ForEach-Object, Write-Output.

const CORE = { module: 'Microsoft.PowerShell.Core', version: '3.0.0.0', commandType: 'Cmdlet' } as const
const UTILITY = { module: 'Microsoft.PowerShell.Utility', version: '3.1.0.0', commandType: 'Cmdlet' } as const
const CMD = 'Microsoft.PowerShell.Commands'

const OPERATORS = [
  'EQ',
  'NE',
  'GT',
  'LT',
  'GE',
  'LE',
  'Like',
  'NotLike',
  'Match',
  'NotMatch',
  'Contains',
  'NotContains',
  'In',
  'NotIn',
]
const OPERATOR_PARAMS: ParamDef[] = OPERATORS.flatMap((op) => [
  { name: op, type: 'Switch' as const },
  { name: `C${op}`, type: 'Switch' as const },
])

function argumentError(message: string, errorId: string, target: PsValue): PsError {
  return new PsError({
    message,
    category: 'InvalidArgument',
    reason: 'PSArgumentException',
    errorId,
    target: { name: toText(target), type: 'PSObject' },
  })
}

function chosenOperators(args: Record<string, PsValue>): string[] {
  return OPERATOR_PARAMS.filter((p) => args[p.name] === true).map((p) => p.name.toLowerCase())
}

function whereObject(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const block = args.FilterScript
  if (block instanceof ScriptBlock) return input.filter((item) => isTrue(collapse(ctx.invoke(block, item))))
  if (args.Property === undefined) return input
  const chosen = chosenOperators(args)
  const property = toText(args.Property)
  const value = args.Value ?? null
  return input.filter((item) => {
    const actual = getMember(item, property)
    return chosen.length === 0 ? isTrue(actual) : isTrue(compare(chosen[0]!, actual, value))
  })
}

function selectObject(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  let items = input
  if (typeof args.Skip === 'number') items = items.slice(args.Skip)
  if (typeof args.First === 'number') items = items.slice(0, Math.max(args.First, 0))
  if (typeof args.Last === 'number') items = args.Last > 0 ? items.slice(-args.Last) : []
  if (typeof args.ExpandProperty === 'string') {
    const name = args.ExpandProperty
    return items.flatMap((item) => {
      if (item instanceof PsObject && item.has(name)) return enumerate(item.get(name))
      ctx.writeError(argumentError(`Property "${name}" cannot be found.`, 'ExpandPropertyNotFound', item))
      return []
    })
  }
  if (!Array.isArray(args.Property)) return items
  const specs = propSpecs(args.Property, items[0] ?? null, (b, o) => ctx.invoke(b, o))
  return items.map((item) => {
    const type = item instanceof PsObject ? item.typeName : typeNameOf(item)
    return new PsObject(`Selected.${type}`, Object.fromEntries(specs.map((s) => [s.label, s.get(item)])))
  })
}

function sortObject(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const specs = Array.isArray(args.Property)
    ? propSpecs(args.Property, input[0] ?? null, (b, o) => ctx.invoke(b, o))
    : null
  const keys = input.map((item) => (specs ? specs.map((s) => s.get(item)) : [item]))
  const sign = args.Descending === true ? -1 : 1
  const cmp = (a: PsValue[], b: PsValue[]) => {
    for (let k = 0; k < a.length; k++) {
      let c = order(a[k]!, b[k]!)
      if (Number.isNaN(c)) c = order(toText(a[k]!), toText(b[k]!))
      if (c !== 0) return c * sign
    }
    return 0
  }
  const sorted = input.map((item, i) => ({ item, key: keys[i]! })).sort((x, y) => cmp(x.key, y.key))
  const unique =
    args.Unique === true ? sorted.filter((x, i) => i === 0 || cmp(sorted[i - 1]!.key, x.key) !== 0) : sorted
  return unique.map((x) => x.item)
}

function measureObject(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const measure = (values: PsValue[], property: string | null): PsObject => {
    const numbers = values.map((v) => {
      const n = toNumber(v)
      if (Number.isNaN(n))
        throw new PsError({
          message: `Input object "${toText(v)}" is not numeric.`,
          category: 'InvalidType',
          reason: 'PSInvalidOperationException',
          errorId: 'NonNumericInputObject',
          target: { name: toText(v), type: 'String' },
        })
      return n
    })
    const sum = numbers.reduce((s, n) => s + n, 0)
    const wanted = (name: string) => args[name] === true && numbers.length > 0
    return new PsObject('Microsoft.PowerShell.Commands.GenericMeasureInfo', {
      Count: values.length,
      Average: wanted('Average') ? sum / numbers.length : null,
      Sum: wanted('Sum') ? sum : null,
      Maximum: wanted('Maximum') ? Math.max(...numbers) : null,
      Minimum: wanted('Minimum') ? Math.min(...numbers) : null,
      Property: property,
    })
  }
  const anyStat = ['Sum', 'Average', 'Maximum', 'Minimum'].some((s) => args[s] === true)
  if (!Array.isArray(args.Property)) return [measure(anyStat ? input : input.map(() => 0), null)]
  return args.Property.map((p) => {
    const name = toText(p)
    const holders = input.filter((item) => item instanceof PsObject && item.has(name))
    if (holders.length === 0)
      throw argumentError(
        `The property "${name}" cannot be found in the input for any objects.`,
        'GenericMeasurePropertyNotFound',
        null,
      )
    return measure(
      holders.map((h) => getMember(h, name)),
      name,
    )
  })
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'Where-Object',
    ...CORE,
    implementingType: `${CMD}.WhereObjectCommand`,
    synopsis: 'Selects objects from a collection based on their property values.',
    params: [
      { name: 'FilterScript', type: 'ScriptBlock', position: 0 },
      { name: 'Property', type: 'String', position: 0 },
      { name: 'Value', type: 'Object', position: 1 },
      ...OPERATOR_PARAMS,
      { name: 'InputObject', type: 'Object' },
    ],
    checkParameterSets(args) {
      if (chosenOperators(args).length > 1) throw bindingErrors.ambiguousSet()
    },
    invoke: (ctx, args, input) =>
      whereObject(ctx, args, args.InputObject !== undefined ? enumerate(args.InputObject) : input),
  },
  {
    name: 'Select-Object',
    ...UTILITY,
    implementingType: `${CMD}.SelectObjectCommand`,
    synopsis: 'Selects objects or object properties.',
    params: [
      { name: 'Property', type: 'Object[]', position: 0 },
      { name: 'ExpandProperty', type: 'String' },
      { name: 'First', type: 'Int32' },
      { name: 'Last', type: 'Int32' },
      { name: 'Skip', type: 'Int32' },
    ],
    invoke: selectObject,
  },
  {
    name: 'Sort-Object',
    ...UTILITY,
    implementingType: `${CMD}.SortObjectCommand`,
    synopsis: 'Sorts objects by property values.',
    params: [
      { name: 'Property', type: 'Object[]', position: 0 },
      { name: 'Descending', type: 'Switch' },
      { name: 'Unique', type: 'Switch' },
    ],
    invoke: sortObject,
  },
  {
    name: 'Measure-Object',
    ...UTILITY,
    implementingType: `${CMD}.MeasureObjectCommand`,
    synopsis: 'Calculates the count, sum, average, maximum and minimum of objects or of a property.',
    params: [
      { name: 'Property', type: 'String[]', position: 0 },
      { name: 'Sum', type: 'Switch' },
      { name: 'Average', type: 'Switch' },
      { name: 'Maximum', type: 'Switch' },
      { name: 'Minimum', type: 'Switch' },
    ],
    invoke: measureObject,
  },
  {
    name: 'ForEach-Object',
    ...CORE,
    implementingType: `${CMD}.ForEachObjectCommand`,
    synopsis: 'Runs a script block, or reads a property, for each input object.',
    params: [
      { name: 'Process', type: 'ScriptBlock', position: 0 },
      { name: 'MemberName', type: 'String', position: 0 },
    ],
    invoke: (ctx, args, input) =>
      input.flatMap((item) =>
        args.Process instanceof ScriptBlock
          ? ctx.invoke(args.Process, item)
          : typeof args.MemberName === 'string'
            ? enumerate(getMember(item, args.MemberName))
            : [],
      ),
  },
  {
    name: 'Write-Output',
    ...UTILITY,
    implementingType: `${CMD}.WriteOutputCommand`,
    synopsis: 'Sends objects down the pipeline.',
    params: [{ name: 'InputObject', type: 'Object[]', position: 0 }],
    invoke: (_ctx, args, input) => (args.InputObject !== undefined ? enumerate(args.InputObject) : input),
  },
]

export function registerUtility(registry: Registry): void {
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
