import { PsError } from './errors'
import { parseNumber } from './syntax/scanner'
import { enumerate, isEnum, isTrue, toText, type PsValue } from './values'

// PowerShell's operators on console values: comparisons are case-insensitive unless 'c'-prefixed,
// the right operand is converted to the left operand's type, and an array on the left filters.

const BASE = new Set([
  'eq',
  'ne',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  'notlike',
  'match',
  'notmatch',
  'contains',
  'notcontains',
  'in',
  'notin',
])

export function isComparison(op: string): boolean {
  return BASE.has(op) || ((op[0] === 'c' || op[0] === 'i') && BASE.has(op.slice(1)))
}

/** '*', '?' and [abc] wildcards as an anchored regular expression. */
export function wildcardRegex(pattern: string, caseSensitive = false): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '*') source += '.*'
    else if (c === '?') source += '.'
    else if (c === '[' && pattern.indexOf(']', i) > i) {
      const end = pattern.indexOf(']', i)
      source += `[${pattern.slice(i + 1, end).replace(/[\\^]/g, '\\$&')}]`
      i = end
    } else if (c === '`' && i + 1 < pattern.length)
      source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    else source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, caseSensitive ? 's' : 'is')
}

export function hasWildcard(text: string): boolean {
  return /[*?[]/.test(text)
}

export function toNumber(v: PsValue): number {
  if (typeof v === 'number') return v
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v === null) return 0
  if (isEnum(v)) return v.value
  if (typeof v === 'string') return v.trim() === '' ? 0 : (parseNumber(v.trim()) ?? NaN)
  return NaN
}

function equals(l: PsValue, r: PsValue, cs: boolean): boolean {
  if (l === null) return r === null
  if (typeof l === 'number') return l === toNumber(r)
  if (typeof l === 'boolean') return l === isTrue(r)
  if (isEnum(l)) return typeof r === 'number' ? l.value === r : sameText(l.name, toText(r), cs)
  if (typeof l === 'string') return sameText(l, toText(r), cs)
  return l === r
}

function sameText(a: string, b: string, cs: boolean): boolean {
  return cs ? a === b : a.toLowerCase() === b.toLowerCase()
}

/** Ordering of two values, or NaN when they cannot be compared. */
export function order(l: PsValue, r: PsValue, cs = false): number {
  if (l === null) return r === null ? 0 : -1
  if (r === null) return 1
  if (typeof l === 'number' || typeof l === 'boolean' || (isEnum(l) && typeof r === 'number')) {
    const a = toNumber(l)
    const b = toNumber(r)
    return Number.isNaN(b) ? NaN : Math.sign(a - b)
  }
  if (isEnum(l) && isEnum(r)) return Math.sign(l.value - r.value)
  const a = cs ? toText(l) : toText(l).toLowerCase()
  const b = cs ? toText(r) : toText(r).toLowerCase()
  return a < b ? -1 : a > b ? 1 : 0
}

function scalar(op: string, l: PsValue, r: PsValue, cs: boolean): boolean {
  switch (op) {
    case 'eq':
      return equals(l, r, cs)
    case 'ne':
      return !equals(l, r, cs)
    case 'gt':
      return order(l, r, cs) > 0
    case 'ge':
      return order(l, r, cs) >= 0
    case 'lt':
      return order(l, r, cs) < 0
    case 'le':
      return order(l, r, cs) <= 0
    case 'like':
      return wildcardRegex(toText(r), cs).test(toText(l))
    case 'notlike':
      return !wildcardRegex(toText(r), cs).test(toText(l))
    case 'match':
      return regex(r, cs).test(toText(l))
    case 'notmatch':
      return !regex(r, cs).test(toText(l))
  }
  return false
}

function regex(pattern: PsValue, cs: boolean): RegExp {
  try {
    return new RegExp(toText(pattern), cs ? '' : 'i')
  } catch {
    throw runtimeError(
      `The regular expression pattern ${toText(pattern)} is not valid.`,
      'InvalidRegularExpression',
    )
  }
}

export function compare(opName: string, l: PsValue, r: PsValue): PsValue {
  const cs = !BASE.has(opName) && opName[0] === 'c'
  const op = BASE.has(opName) ? opName : opName.slice(1)
  if (op === 'contains' || op === 'notcontains') {
    const found = enumerate(l).some((item) => equals(item, r, cs))
    return op === 'contains' ? found : !found
  }
  if (op === 'in' || op === 'notin') {
    const found = enumerate(r).some((item) => equals(l, item, cs))
    return op === 'in' ? found : !found
  }
  if (Array.isArray(l)) return l.filter((item) => scalar(op, item, r, cs))
  return scalar(op, l, r, cs)
}

export function runtimeError(
  message: string,
  errorId = 'RuntimeException',
  category = 'NotSpecified',
): PsError {
  return new PsError({
    message,
    category,
    reason: 'RuntimeException',
    errorId,
    invocationName: '',
    activity: '',
    fqidSuffix: '',
  })
}

function number(v: PsValue): number {
  const n = toNumber(v)
  if (Number.isNaN(n))
    throw runtimeError(
      `Cannot convert value "${toText(v)}" to type "System.Int32". Error: "Input string was not in a correct format."`,
      'InvalidCastFromStringToInteger',
      'InvalidArgument',
    )
  return n
}

export function arithmetic(op: string, l: PsValue, r: PsValue): PsValue {
  if (op === '+') {
    if (Array.isArray(l)) return [...l, ...enumerate(r)]
    if (l === null) return r
    if (typeof l === 'string') return l + toText(r)
    return number(l) + number(r)
  }
  if (op === '*' && typeof l === 'string') return l.repeat(Math.max(0, number(r)))
  const a = number(l)
  const b = number(r)
  if ((op === '/' || op === '%') && b === 0) throw runtimeError('Attempted to divide by zero.')
  if (op === '-') return a - b
  if (op === '*') return a * b
  if (op === '/') return a / b
  return a % b
}
