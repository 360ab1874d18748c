import { isObject, setOwn, type Json, type JsonObject } from './kube-manifest'
import { decodeQuantity } from './kube-quantity'
import { DEFINITIONS, kindDefinition, type FieldType } from './kube-schema'

// The API server's typed decoding of an object, by the field table of kube-schema.ts: what its
// JSON decoder (encoding/json, as sigs.k8s.io/json forks it) or its unstructured converter (the
// strategic merge patch path) refuses, in their words; and the object as it is then stored, its
// quantities in canonical form ('1073741824' → "1073741824", '0.5Gi' → "512Mi"), null fields gone.
// Pure; never throws.

export type DecodeResult = { ok: true; object: JsonObject } | { ok: false; message: string }

/** How the server reads the body: a JSON document, or the map a strategic merge patch produced. */
export type DecodeStyle = 'json' | 'converter'

interface Problem {
  value: Json
  type: FieldType
  owner: string // the Go struct holding the field: 'DeploymentSpec'
  path: string[] // JSON keys from the root, without indices and map keys
  fatal?: string // a custom decoder's own error (Quantity): it stops the decoding at once
}

const INT32 = 2 ** 31
const INT64 = 2 ** 63

/** Go's names of the scalar types whose table names differ. */
const GO_SCALARS: Record<string, string> = {
  quantity: 'resource.Quantity',
  'int-or-string': 'intstr.IntOrString',
  boolean: 'bool',
  bytes: '[]uint8',
}

function goType(t: FieldType): string {
  if (typeof t === 'string') return GO_SCALARS[t] ?? t
  if ('ref' in t) return DEFINITIONS.get(t.ref)!.goType
  if ('array' in t) return `[]${goType(t.array)}`
  return `map[string]${goType(t.map)}`
}

const isInt = (v: Json, bound: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= -bound && v < bound

/** Whether a value fits a scalar type; objects and arrays are walked by the caller. */
function scalarFits(v: Json, t: FieldType): boolean {
  switch (t) {
    case 'int32':
      return isInt(v, INT32)
    case 'int64':
      return isInt(v, INT64)
    case 'string':
      return typeof v === 'string'
    case 'boolean':
      return typeof v === 'boolean'
    case 'int-or-string':
      return typeof v === 'string' || isInt(v, INT32)
    default:
      return true
  }
}

/** encoding/base64's StdEncoding error for a string that is not base64, or null. */
function base64Error(text: string): string | null {
  const at = (i: number) => `illegal base64 data at input byte ${i}`
  const body = text.replace(/=+$/, '')
  for (let i = 0; i < body.length; i++) if (!/[A-Za-z0-9+/]/.test(body[i]!)) return at(i)
  // StdEncoding wants whole quantums of 4: an unfinished one fails where it began.
  if (text.length % 4 !== 0) return at(text.length - (text.length % 4))
  return null
}

/** Where a problem sits in the order the decoder meets it: keys (JSON order) or field indices. */
type Position = (string | number)[]

interface Walk {
  problems: { problem: Problem; at: Position }[]
  structOrder: boolean // the converter walks a struct's fields in their Go order, JSON sorted keys
}

function walkValue(
  w: Walk,
  v: Json,
  t: FieldType,
  owner: string,
  path: string[],
  at: Position,
): Json | undefined {
  const problem = (fatal?: string) => {
    const found: Problem = { value: v, type: t, owner, path, ...(fatal === undefined ? {} : { fatal }) }
    w.problems.push({ problem: found, at })
    return undefined
  }
  if (v === null || t === 'any') return v
  if (t === 'quantity') {
    const q = decodeQuantity(v)
    return q.ok ? q.canonical : problem(q.message)
  }
  if (t === 'bytes') {
    if (typeof v !== 'string') return problem()
    const bad = base64Error(v)
    return bad === null ? v : problem(bad)
  }
  if (typeof t === 'string') return scalarFits(v, t) ? v : problem()
  if ('ref' in t) return isObject(v) ? walkObject(w, v, t.ref, path, at) : problem()
  if ('array' in t) {
    if (!Array.isArray(v)) return problem()
    return v.map((item, i) => walkValue(w, item, t.array, owner, path, [...at, i]) ?? null)
  }
  if (!isObject(v)) return problem()
  const out: JsonObject = {}
  for (const key of Object.keys(v)) {
    const item = walkValue(w, v[key]!, t.map, owner, path, [...at, key])
    if (item !== undefined && item !== null) setOwn(out, key, item)
  }
  return out
}

/** The object with its known fields decoded, in its own key order (the stored form keeps it). */
function walkObject(w: Walk, o: JsonObject, defName: string, path: string[], at: Position): JsonObject {
  const def = DEFINITIONS.get(defName)!
  const owner = def.goType.split('.')[1]!
  const order = Object.keys(def.fields)
  const out: JsonObject = {}
  for (const key of Object.keys(o)) {
    const type = def.fields[key]
    const raw = o[key]
    if (raw === undefined) continue // a field spread in as undefined is no field
    const here = [...at, w.structOrder ? order.indexOf(key) : key]
    const value = type === undefined ? raw : walkValue(w, raw, type, owner, [...path, key], here)
    if (value !== undefined && (value !== null || type === undefined)) setOwn(out, key, value)
  }
  return out
}

function before(a: Position, b: Position): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]!
  return a.length < b.length
}

/**
 * The problem the decoder reports. encoding/json goes on past a type mismatch and reports the
 * first, but a custom decoder's error (Quantity's) stops it at once; the converter stops at the first.
 */
function reported(w: Walk): Problem | null {
  const first = (list: Walk['problems']) =>
    list.reduce<Walk['problems'][number] | null>((m, p) => (m === null || before(p.at, m.at) ? p : m), null)
  const fatal = w.structOrder ? null : first(w.problems.filter((p) => p.problem.fatal !== undefined))
  return (fatal ?? first(w.problems))?.problem ?? null
}

/** encoding/json's word for a JSON value: `number 2.5` where a number does not fit an integer. */
function jsonValueWord(v: Json, t: FieldType): string {
  if (typeof v === 'number')
    return t === 'int32' || t === 'int64' || t === 'int-or-string' ? `number ${v}` : 'number'
  if (typeof v === 'boolean') return 'bool'
  if (Array.isArray(v)) return 'array'
  return typeof v === 'string' ? 'string' : 'object'
}

function jsonMessage(p: Problem): string {
  if (p.fatal !== undefined) return p.fatal
  // IntOrString decodes its number as an int32 of its own.
  const type = p.type === 'int-or-string' ? 'int32' : goType(p.type)
  return `json: cannot unmarshal ${jsonValueWord(p.value, p.type)} into Go struct field ${p.owner}.${p.path.join('.')} of type ${type}`
}

/** The unstructured converter's words (runtime.DefaultUnstructuredConverter.FromUnstructured). */
function converterMessage(p: Problem): string {
  if (p.fatal !== undefined) return p.fatal
  const v = p.value
  const source = Array.isArray(v)
    ? '[]interface {}'
    : isObject(v)
      ? 'map[string]interface {}'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'int64'
          : 'float64'
        : typeof v === 'boolean'
          ? 'bool'
          : 'string'
  const kind = Array.isArray(v) ? 'slice' : isObject(v) ? 'map' : source
  const t = p.type
  // IntOrString converts through its own JSON decoding of an int32.
  if (t === 'int-or-string')
    return `json: cannot unmarshal ${jsonValueWord(v, t)} into Go value of type int32`
  if (typeof t === 'object' && 'ref' in t) return `cannot restore struct from: ${kind}`
  if (typeof t === 'object' && 'array' in t) return `cannot restore slice from ${kind}`
  if (typeof t === 'object') return `cannot restore map from ${kind}`
  return `cannot convert ${source} to ${goType(t)}`
}

/**
 * The object as the API server decodes it: refused with the decoder's message, or typed and
 * canonical. Kinds without a definition pass unchanged.
 */
export function decodeObject(o: JsonObject, kindName: string, style: DecodeStyle = 'json'): DecodeResult {
  const defName = kindDefinition(kindName)
  if (!defName) return { ok: true, object: o }
  const json = style === 'json'
  const w: Walk = { problems: [], structOrder: !json }
  const object = walkObject(w, o, defName, [], [])
  const problem = reported(w)
  if (!problem) return { ok: true, object }
  return { ok: false, message: json ? jsonMessage(problem) : converterMessage(problem) }
}

/** Go's %+v of a decoded JSON value (map[string]interface{}): `map[spec:map[replicas:x]]`. */
export function goPrint(v: Json): string {
  if (v === null) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`
  if (isObject(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goPrint(v[k]!)}`)
      .join(' ')}]`
  return String(v)
}
