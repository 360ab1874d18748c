import { isObject, type Json, type JsonObject } from './kube-manifest'
import { DEFINITIONS, kindDefinition, type FieldType } from './kube-schema'

// kubectl's own check of a manifest before it sends anything (--validate=strict against a server
// that cannot validate fields itself, as v1.17–v1.20 cannot): the OpenAPI types of kube-schema.ts,
// checked as kube-openapi's validation does it. Numbers pass for integers (the document is read as
// JSON, every number a float) and anything but a list or a map passes for a string; the API
// server's decoder judges those. Pure.

const STOP = 'if you choose to ignore these errors, turn validation off with --validate=false'

/** kube-openapi's name for what a value is. */
function actual(v: Json): string {
  if (Array.isArray(v)) return 'array'
  if (isObject(v)) return 'map'
  return typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'string'
}

/** The OpenAPI type a field expects: 'integer', 'string', 'map' (an object or a map), 'array'. */
function expected(t: FieldType): string {
  if (typeof t === 'object') return 'array' in t ? 'array' : 'map'
  if (t === 'int32' || t === 'int64') return 'integer'
  return t === 'boolean' ? 'boolean' : 'string'
}

function fits(v: Json, t: FieldType): boolean {
  const want = expected(t)
  const got = actual(v)
  if (want === 'integer') return got === 'number'
  if (want === 'string') return got !== 'array' && got !== 'map'
  return want === got
}

function check(v: Json, t: FieldType, schemaPath: string, itemPath: string, out: string[]): void {
  if (v === null || t === 'any') return
  if (!fits(v, t)) {
    // A struct is reached through its definition: kube-openapi names the definition itself.
    if (typeof t === 'object' && 'ref' in t) schemaPath = t.ref
    out.push(
      `ValidationError(${itemPath}): invalid type for ${schemaPath}: got "${actual(v)}", expected "${expected(t)}"`,
    )
    return
  }
  if (typeof t !== 'object') return
  if ('ref' in t) return checkObject(v as JsonObject, t.ref, itemPath, out)
  if ('array' in t) {
    ;(v as Json[]).forEach((item, i) => check(item, t.array, schemaPath, `${itemPath}[${i}]`, out))
    return
  }
  const map = v as JsonObject
  for (const key of Object.keys(map).sort()) check(map[key]!, t.map, schemaPath, `${itemPath}.${key}`, out)
}

function checkObject(o: JsonObject, defName: string, itemPath: string, out: string[]): void {
  const fields = DEFINITIONS.get(defName)!.fields
  for (const key of Object.keys(o).sort()) {
    const type = fields[key]
    if (type !== undefined) check(o[key]!, type, `${defName}.${key}`, `${itemPath}.${key}`, out)
  }
}

/** kubectl's client-side error for a document, or null when its schema check passes. */
export function schemaError(doc: JsonObject, kindName: string): string | null {
  const defName = kindDefinition(kindName)
  if (!defName) return null
  const errors: string[] = []
  checkObject(doc, defName, kindName, errors)
  if (!errors.length) return null
  const body = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`
  return `error validating data: ${body}; ${STOP}`
}
