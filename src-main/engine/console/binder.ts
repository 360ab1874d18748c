import type { ArgElement, Expr, ParamElement } from './syntax/ast'
import type { Extent } from './syntax/ast'
import { bindingErrors as E } from './errors'
import type { BoundArgs, CmdletDef, ParamDef, ParamType } from './registry'
import { parseNumber } from './syntax/scanner'
import { enumerate, isEnum, isTrue, ScriptBlock, toText, typeNameOf, type PsValue } from './values'

// Parameter binding as PowerShell does it: named parameters (exact name, alias or unambiguous
// prefix), then positional arguments in position order, then type conversion, validation and the
// mandatory check. Every failure is the error record PowerShell would write.

/** Common parameters every cmdlet accepts; the console accepts and ignores them. */
export const COMMON_PARAMS: ParamDef[] = [
  { name: 'Verbose', type: 'Switch', aliases: ['vb'] },
  { name: 'Debug', type: 'Switch', aliases: ['db'] },
  { name: 'ErrorAction', type: 'Object', aliases: ['ea'] },
  { name: 'WarningAction', type: 'Object', aliases: ['wa'] },
  { name: 'InformationAction', type: 'Object', aliases: ['infa'] },
  { name: 'ErrorVariable', type: 'String', aliases: ['ev'] },
  { name: 'WarningVariable', type: 'String', aliases: ['wv'] },
  { name: 'InformationVariable', type: 'String', aliases: ['iv'] },
  { name: 'OutVariable', type: 'String', aliases: ['ov'] },
  { name: 'OutBuffer', type: 'Int32', aliases: ['ob'] },
  { name: 'PipelineVariable', type: 'String', aliases: ['pv'] },
]

/** What a cmdlet that supports ShouldProcess adds (SupportsShouldProcess in [CmdletBinding()]). */
export const SHOULD_PROCESS_PARAMS: ParamDef[] = [
  { name: 'WhatIf', type: 'Switch', aliases: ['wi'] },
  { name: 'Confirm', type: 'Switch', aliases: ['cf'] },
]

/** Every parameter the cmdlet takes: its own, then the common ones. */
export function allParams(def: CmdletDef): ParamDef[] {
  return [...def.params, ...(def.supportsShouldProcess ? SHOULD_PROCESS_PARAMS : []), ...COMMON_PARAMS]
}

const DOTNET: Record<string, string> = {
  String: 'System.String',
  'String[]': 'System.String[]',
  UInt64: 'System.UInt64',
  'UInt64[]': 'System.UInt64[]',
  UInt16: 'System.UInt16',
  Int32: 'System.Int32',
  Boolean: 'System.Boolean',
  Switch: 'System.Management.Automation.SwitchParameter',
  ScriptBlock: 'System.Management.Automation.ScriptBlock',
  Object: 'System.Object',
  'Object[]': 'System.Object[]',
}

export function dotnetType(t: ParamType): string {
  return typeof t === 'string' ? DOTNET[t]! : t.enum
}

/** Finds the parameter a "-Name" token means; throws NamedParameterNotFound / AmbiguousParameter. */
export function resolveParam(def: CmdletDef, name: string, extent: Extent): ParamDef {
  const all = allParams(def)
  const lower = name.toLowerCase()
  const exact = all.find(
    (p) => p.name.toLowerCase() === lower || p.aliases?.some((a) => a.toLowerCase() === lower),
  )
  if (exact) return exact
  const matches = all.filter((p) => p.name.toLowerCase().startsWith(lower))
  if (matches.length === 1) return matches[0]!
  if (matches.length === 0) throw E.notFound(name, extent)
  throw E.ambiguous(
    name,
    matches.map((p) => p.name),
    extent,
  )
}

interface Positional {
  value: PsValue
  extent: Extent
}

/**
 * Values for mandatory parameters the command line left out, asked of the user (the interactive
 * console's "Supply values for the following parameters:"); absent in a non-interactive session.
 */
export interface MissingPrompt {
  ask(missing: ParamDef[]): Record<string, PsValue>
  /** Where an answer's binding error points: the command. */
  extent: Extent
}

export function bind(
  def: CmdletDef,
  elements: (ParamElement | ArgElement)[],
  evaluate: (e: Expr) => PsValue,
  prompt?: MissingPrompt,
  hasInput = false,
): BoundArgs {
  const bound: BoundArgs = {}
  const positional: Positional[] = []
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!
    if (el.kind === 'arg') {
      positional.push({ value: evaluate(el.expr), extent: el.extent })
      continue
    }
    const param = resolveParam(def, el.name, el.extent)
    if (Object.hasOwn(bound, param.name)) throw E.alreadyBound(param.name, el.extent)
    if (param.type === 'Switch') {
      bound[param.name] = el.arg ? isTrue(evaluate(el.arg)) : true
      continue
    }
    let value: PsValue
    let extent: Extent
    if (el.arg) {
      value = evaluate(el.arg)
      extent = el.arg.extent
    } else {
      const next = elements[i + 1]
      if (!next || next.kind !== 'arg') throw E.missingArgument(param.name, dotnetType(param.type), el.extent)
      value = evaluate(next.expr)
      extent = next.extent
      i++
    }
    bound[param.name] = convert(param, value, extent)
  }
  bindPositional(def, bound, positional)
  const missing = def.params.filter(
    (p) => p.mandatory && !Object.hasOwn(bound, p.name) && !(hasInput && p.pipeline),
  )
  if (missing.length && !prompt) throw E.missingMandatory(missing.map((p) => p.name))
  if (missing.length && prompt) {
    const answers = prompt.ask(missing)
    for (const param of missing)
      bound[param.name] = convert(param, answers[param.name] ?? null, prompt.extent)
  }
  return bound
}

function bindPositional(def: CmdletDef, bound: BoundArgs, positional: Positional[]): void {
  const slots = def.params.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!)
  for (let i = 0; i < positional.length; i++) {
    const arg = positional[i]!
    const free = slots.filter((p) => !Object.hasOwn(bound, p.name))
    // A script block goes to the script-block parameter (Where-Object's FilterScript), anything
    // else skips it: our stand-in for PowerShell's parameter sets.
    const wantsBlock = arg.value instanceof ScriptBlock
    const param = wantsBlock
      ? (free.find((p) => p.type === 'ScriptBlock') ??
        free.find((p) => p.type === 'Object' || p.type === 'Object[]'))
      : free.find((p) => p.type !== 'ScriptBlock')
    if (!param) throw E.positional(toText(arg.value), arg.extent)
    if (param.remaining && positional.length > i + 1) {
      bound[param.name] = convert(
        param,
        positional.slice(i).map((p) => p.value),
        arg.extent,
      )
      return
    }
    bound[param.name] = convert(param, arg.value, arg.extent)
  }
}

function convert(param: ParamDef, value: PsValue, extent: Extent): PsValue {
  const t = param.type
  let out: PsValue
  if (value === null && param.mandatory) throw E.nullValue(param.name, extent)
  if (t === 'String') out = value === null ? null : toText(value)
  else if (t === 'String[]') out = value === null ? null : enumerate(value).map(toText)
  else if (t === 'UInt64') out = toInteger(param, value, 0, Number.MAX_SAFE_INTEGER, extent)
  else if (t === 'UInt64[]')
    out = enumerate(value).map((v) => toInteger(param, v, 0, Number.MAX_SAFE_INTEGER, extent))
  else if (t === 'UInt16') out = toInteger(param, value, 0, 65535, extent)
  else if (t === 'Int32') out = toInteger(param, value, -(2 ** 31), 2 ** 31 - 1, extent)
  else if (t === 'Boolean') {
    if (typeof value === 'boolean') out = value
    else if (typeof value === 'number') out = value !== 0
    else throw E.booleanOnly(param.name, typeNameOf(value), extent)
  } else if (t === 'ScriptBlock') {
    if (!(value instanceof ScriptBlock))
      throw E.convert(
        param.name,
        `Cannot convert the "${toText(value)}" value of type "${typeNameOf(value)}" to type "System.Management.Automation.ScriptBlock".`,
        extent,
      )
    out = value
  } else if (t === 'Object' || t === 'Switch') out = value
  else if (t === 'Object[]') out = value === null ? null : enumerate(value)
  else out = toEnum(param, t.enum, t.values, value, extent)
  if (param.mandatory && (out === '' || (Array.isArray(out) && out.length === 1 && out[0] === '')))
    throw E.emptyString(param.name, extent)
  if (param.mandatory && Array.isArray(out) && out.length === 0) throw E.emptyArray(param.name, extent)
  if (param.validateSet) out = validateSet(param, param.validateSet, out, extent)
  return out
}

function toInteger(param: ParamDef, value: PsValue, min: number, max: number, extent: Extent): number {
  const typeName = dotnetType(param.type).replace('[]', '')
  let n: number | null
  if (typeof value === 'number') n = value
  else if (typeof value === 'boolean') n = value ? 1 : 0
  else if (value === null) n = 0
  else if (isEnum(value)) n = value.value
  else if (typeof value === 'string') {
    n = parseNumber(value.trim())
    if (n === null)
      throw E.convert(
        param.name,
        `Cannot convert value "${value}" to type "${typeName}". Error: "Input string was not in a correct format."`,
        extent,
      )
  } else
    throw E.convert(
      param.name,
      `Cannot convert the "${toText(value)}" value of type "${typeNameOf(value)}" to type "${typeName}".`,
      extent,
    )
  n = Math.round(n)
  if (n < min || n > max)
    throw E.convert(
      param.name,
      `Cannot convert value "${toText(value)}" to type "${typeName}". Error: "Value was either too large or too small for ${article(typeName.replace('System.', ''))}."`,
      extent,
    )
  return n
}

/** "a UInt64", "an Int32": .NET's message names the type with its article. */
function article(name: string): string {
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`
}

function toEnum(
  param: ParamDef,
  type: string,
  values: readonly string[],
  value: PsValue,
  extent: Extent,
): string {
  const text = toText(value)
  const match = values.find((v) => v.toLowerCase() === text.trim().toLowerCase())
  if (match) return match
  throw E.convert(
    param.name,
    `Cannot convert value "${text}" to type "${type}". Error: "Unable to match the identifier name ${text} to a ` +
      `valid enumerator name. Specify one of the following enumerator names and try again:\n${values.join(', ')}"`,
    extent,
  )
}

function validateSet(param: ParamDef, set: readonly string[], value: PsValue, extent: Extent): PsValue {
  const check = (v: PsValue): string => {
    const text = toText(v)
    const match = set.find((s) => s.toLowerCase() === text.toLowerCase())
    if (match === undefined) throw E.validateSet(param.name, text, set, extent)
    return match
  }
  return Array.isArray(value) ? value.map(check) : value === null ? null : check(value)
}
