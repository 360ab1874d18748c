import { PsError } from './errors'
import { checkArrayLength, checkStringLength } from './limits'
import { checkRegexCost } from './regex-guard'
import { parseNumber } from './syntax/scanner'
import { enumerate, isEnum, isTrue, toText, type PsValue } from './values'
import { wildcardPattern } from './wildcard'

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
      return wildcardPattern(toText(r), cs).test(toText(l))
    case 'notlike':
      return !wildcardPattern(toText(r), cs).test(toText(l))
    case 'match':
      return matchRegex(r, toText(l), cs)
    case 'notmatch':
      return !matchRegex(r, toText(l), cs)
  }
  return false
}

function matchRegex(pattern: PsValue, text: string, cs: boolean): boolean {
  const source = toText(pattern)
  checkRegexCost(source, text.length)
  return regex(source, cs).test(text)
}

function regex(source: string, cs: boolean): RegExp {
  try {
    return new RegExp(source, cs ? '' : 'i')
  } catch {
    throw runtimeError(`The regular expression pattern ${source} is not valid.`, 'InvalidRegularExpression')
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

/** How many times `'ab' * n` or `@(1) * n` repeats: n as the Int32 .NET converts it to. */
function repeatCount(v: PsValue): number {
  const n = Math.round(number(v))
  if (n > 2 ** 31 - 1 || n < -(2 ** 31))
    throw runtimeError(
      `Cannot convert value "${toText(v)}" to type "System.Int32". Error: "Value was either too large or too small for an Int32."`,
      'InvalidCastIConvertible',
      'InvalidArgument',
    )
  return Math.max(0, n)
}

export function arithmetic(op: string, l: PsValue, r: PsValue): PsValue {
  if (op === '+') {
    if (Array.isArray(l)) {
      const more = enumerate(r)
      checkArrayLength(l.length + more.length)
      return l.concat(more)
    }
    if (l === null) return r
    if (typeof l === 'string') {
      const text = toText(r)
      checkStringLength(l.length + text.length)
      return l + text
    }
    return number(l) + number(r)
  }
  if (op === '*' && typeof l === 'string') {
    const times = repeatCount(r)
    checkStringLength(l.length * times)
    return l.repeat(times)
  }
  if (op === '*' && Array.isArray(l)) {
    const times = repeatCount(r)
    checkArrayLength(l.length * times)
    return Array.from({ length: l.length * times }, (_, i) => l[i % l.length]!)
  }
  const a = number(l)
  const b = number(r)
  if ((op === '/' || op === '%') && b === 0) throw runtimeError('Attempted to divide by zero.')
  if (op === '-') return a - b
  if (op === '*') return a * b
  if (op === '/') return a / b
  return a % b
}
