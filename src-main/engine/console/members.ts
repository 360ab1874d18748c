import { runtimeError, toNumber } from './operators'
import { enumerate, isTrue, PsHashtable, toText, typeNameOf, type PsValue } from './values'

// What expressions can call: indexing, a few string methods, [type] casts and [math]:: functions.

export function index(target: PsValue, i: PsValue): PsValue {
  if (target instanceof PsHashtable) return target.get(toText(i)) ?? null
  const items = typeof target === 'string' ? [...target] : Array.isArray(target) ? target : [target]
  const n = typeof i === 'number' ? Math.trunc(i) : Number(toText(i))
  const at = n < 0 ? items.length + n : n
  return Number.isInteger(at) && at >= 0 && at < items.length ? items[at]! : null
}

export function callMethod(target: PsValue, name: string, args: PsValue[]): PsValue {
  const lower = name.toLowerCase()
  if (lower === 'tostring') return toText(target)
  if (typeof target === 'string') {
    if (lower === 'toupper') return target.toUpperCase()
    if (lower === 'tolower') return target.toLowerCase()
    if (lower === 'trim') return target.trim()
    if (lower === 'contains') return target.includes(toText(args[0] ?? null))
    if (lower === 'startswith') return target.startsWith(toText(args[0] ?? null))
  }
  throw runtimeError(
    `Method invocation failed because [${typeNameOf(target)}] does not contain a method named '${name}'.`,
    'MethodNotFound',
    'InvalidOperation',
  )
}

/** .NET's default rounding: halves go to the even neighbour. */
function roundHalfEven(x: number, digits = 0): number {
  const f = 10 ** digits
  const y = x * f
  const r = Math.abs(y % 1) === 0.5 ? 2 * Math.round(y / 2) : Math.round(y)
  return r / f
}

function numberFor(type: string, v: PsValue): number {
  const n = toNumber(v)
  if (Number.isNaN(n))
    throw runtimeError(
      `Cannot convert value "${toText(v)}" to type "${type}". Error: "Input string was not in a correct format."`,
      'InvalidCastFromStringToInteger',
      'InvalidArgument',
    )
  return n
}

const INTEGER_TYPES = new Set(['int', 'int32', 'long', 'int64', 'uint32', 'uint64', 'uint16', 'byte'])

export function cast(type: string, v: PsValue): PsValue {
  const t = type.toLowerCase().replace(/^system\./, '')
  if (INTEGER_TYPES.has(t)) return roundHalfEven(numberFor(`System.${type}`, v))
  if (t === 'double' || t === 'decimal' || t === 'float' || t === 'single')
    return numberFor(`System.${type}`, v)
  if (t === 'string') return toText(v)
  if (t === 'bool' || t === 'boolean') return isTrue(v)
  if (t === 'array' || t === 'object[]') return enumerate(v)
  if (t === 'pscustomobject' || t === 'psobject' || t === 'object') return v
  throw runtimeError(`Unable to find type [${type}].`, 'TypeNotFound', 'InvalidOperation')
}

export function callStatic(type: string, name: string, args: PsValue[]): PsValue {
  const t = type.toLowerCase().replace(/^system\./, '')
  const n = (i: number) => numberFor('System.Double', args[i] ?? null)
  if (t === 'math') {
    switch (name.toLowerCase()) {
      case 'round':
        return roundHalfEven(n(0), args.length > 1 ? n(1) : 0)
      case 'floor':
        return Math.floor(n(0))
      case 'ceiling':
        return Math.ceil(n(0))
      case 'abs':
        return Math.abs(n(0))
      case 'max':
        return Math.max(n(0), n(1))
      case 'min':
        return Math.min(n(0), n(1))
      case 'pow':
        return n(0) ** n(1)
      case 'sqrt':
        return Math.sqrt(n(0))
    }
    throw runtimeError(
      `Method invocation failed because [System.Math] does not contain a method named '${name}'.`,
      'MethodNotFound',
      'InvalidOperation',
    )
  }
  throw runtimeError(`Unable to find type [${type}].`, 'TypeNotFound', 'InvalidOperation')
}
