import { checkStringLength } from './limits'
import type { Statement } from './syntax/ast'

// The values a console session passes around: PowerShell's objects reduced to what the simulated
// cmdlets need. Numbers are JS numbers (sizes stay below 2^53), enums keep both name and number
// because tables show the name and ConvertTo-Json the number.

export interface PsEnum {
  kind: 'enum'
  type: string // .NET type name, e.g. Microsoft.FailoverClusters.PowerShell.ClusterNodeState
  name: string
  value: number
}

export class ScriptBlock {
  constructor(
    readonly text: string, // the source between the braces
    readonly body: Statement[],
  ) {}
}

/** Text already laid out by Format-Table / Format-List: Out-Default prints it as it is. */
export class FormattedOutput {
  constructor(readonly lines: string[]) {}
}

/** @{ key = value }: only what calculated properties and display need. */
export class PsHashtable {
  readonly entries = new Map<string, { key: string; value: PsValue }>()
  get(key: string): PsValue | undefined {
    return this.entries.get(key.toLowerCase())?.value
  }
  set(key: string, value: PsValue): void {
    this.entries.set(key.toLowerCase(), { key, value })
  }
}

export type PsValue =
  | null
  | string
  | number
  | boolean
  | PsEnum
  | PsObject
  | ScriptBlock
  | FormattedOutput
  | PsHashtable
  | PsValue[]

/**
 * An object with ordered, case-insensitively named properties. `view` names the default view that
 * Out-Default uses; `display` is what ToString() gives (what a table cell shows for a nested object).
 */
export class PsObject {
  private readonly props = new Map<string, { name: string; value: PsValue }>()
  /** Alias properties (Get-Volume FriendlyName → FileSystemLabel): readable, not listed. */
  private readonly aliases = new Map<string, string>()

  constructor(
    readonly typeName: string,
    props: Record<string, PsValue> = {},
    readonly view?: string,
    readonly display?: string,
  ) {
    for (const [name, value] of Object.entries(props)) this.set(name, value)
  }

  set(name: string, value: PsValue): void {
    const existing = this.props.get(name.toLowerCase())
    this.props.set(name.toLowerCase(), { name: existing?.name ?? name, value })
  }

  alias(name: string, target: string): this {
    this.aliases.set(name.toLowerCase(), target)
    return this
  }

  has(name: string): boolean {
    return this.props.has(name.toLowerCase()) || this.aliases.has(name.toLowerCase())
  }

  get(name: string): PsValue {
    const key = name.toLowerCase()
    const target = this.aliases.get(key)
    return (this.props.get(target ? target.toLowerCase() : key)?.value ?? null) as PsValue
  }

  /** Property names in order, as declared. */
  names(): string[] {
    return [...this.props.values()].map((p) => p.name)
  }
}

export function psEnum(type: string, name: string, value: number): PsEnum {
  return { kind: 'enum', type, name, value }
}

export function isEnum(v: PsValue | undefined): v is PsEnum {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as PsEnum).kind === 'enum'
}

/** Numbers as .NET prints them: integers in full, doubles with 15 significant digits. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString()
  const abs = Math.abs(n)
  if (abs >= 1e15 || abs < 1e-5) {
    const [mantissa, exp] = n.toExponential(14).split('e')
    const m = mantissa!.replace(/\.?0+$/, '')
    const e = Number(exp)
    return `${m}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  }
  return String(Number(n.toPrecision(15)))
}

/** [string] conversion: what "$x" and string parameters see. Arrays join with spaces. */
export function toText(v: PsValue): string {
  if (v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return formatNumber(v)
  if (typeof v === 'boolean') return v ? 'True' : 'False'
  if (Array.isArray(v)) return arrayText(v)
  if (isEnum(v)) return v.name
  if (v instanceof ScriptBlock) return v.text
  if (v instanceof FormattedOutput) return 'Microsoft.PowerShell.Commands.Internal.Format.FormatStartData'
  if (v instanceof PsHashtable) return 'System.Collections.Hashtable'
  return objectText(v)
}

/** Items joined by spaces, as PowerShell joins an array into a string: an inner array shows its type. */
function arrayText(items: PsValue[]): string {
  const parts = items.map((item) => (Array.isArray(item) ? 'System.Object[]' : toText(item)))
  checkStringLength(parts.reduce((length, part) => length + part.length + 1, 0) - 1)
  return parts.join(' ')
}

export function objectText(o: PsObject): string {
  if (o.display !== undefined) return o.display
  return `@{${o
    .names()
    .map((n) => `${n}=${toText(o.get(n))}`)
    .join('; ')}}`
}

/** How a table cell or list value shows a value: arrays as {a, b} (at most 4 items, like 5.1). */
export function cellText(v: PsValue): string {
  if (Array.isArray(v)) {
    const items = v.slice(0, 4).map(toText)
    return `{${items.join(', ')}${v.length > 4 ? '...' : ''}}`
  }
  return toText(v)
}

/** PowerShell truthiness. */
export function isTrue(v: PsValue): boolean {
  if (v === null) return false
  if (typeof v === 'boolean') return v
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'string') return v.length > 0
  if (Array.isArray(v)) return v.length === 0 ? false : v.length === 1 ? isTrue(v[0]!) : true
  if (isEnum(v)) return v.value !== 0
  return true
}

/** Arrays unroll into the pipeline; everything else is one item. */
export function enumerate(v: PsValue): PsValue[] {
  return Array.isArray(v) ? v : v === null ? [] : [v]
}

/** A pipeline's output as a variable holds it: nothing → $null, one → itself, more → array. */
export function collapse(values: PsValue[]): PsValue {
  return values.length === 0 ? null : values.length === 1 ? values[0]! : values
}

/** The .NET type name PowerShell would report for a value (error messages, Get-Member style). */
export function typeNameOf(v: PsValue): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return 'System.String'
  if (typeof v === 'number')
    return Number.isInteger(v)
      ? Math.abs(v) <= 2 ** 31 - 1
        ? 'System.Int32'
        : 'System.Int64'
      : 'System.Double'
  if (typeof v === 'boolean') return 'System.Boolean'
  if (Array.isArray(v)) return 'System.Object[]'
  if (isEnum(v)) return v.type
  if (v instanceof ScriptBlock) return 'System.Management.Automation.ScriptBlock'
  if (v instanceof PsHashtable) return 'System.Collections.Hashtable'
  if (v instanceof FormattedOutput) return 'Microsoft.PowerShell.Commands.Internal.Format.FormatStartData'
  return v.typeName
}

/** Member access: properties, Count/Length on anything, member enumeration over arrays. */
export function getMember(v: PsValue, name: string): PsValue {
  const lower = name.toLowerCase()
  if (Array.isArray(v)) {
    if (lower === 'count' || lower === 'length') return v.length
    const values = v.map((item) => getMember(item, name)).filter((x) => x !== null)
    return values.length === 0 ? null : values.length === 1 ? values[0]! : values.flat()
  }
  if (v === null) return lower === 'count' || lower === 'length' ? 0 : null
  if (v instanceof PsObject) {
    if (v.has(name)) return v.get(name)
  } else if (v instanceof PsHashtable) {
    const value = v.get(name)
    if (value !== undefined) return value
    if (lower === 'count') return v.entries.size
  } else if (typeof v === 'string' && lower === 'length') {
    return v.length
  } else if (isEnum(v) && lower === 'value__') {
    return v.value
  }
  return lower === 'count' || lower === 'length' ? 1 : null
}
