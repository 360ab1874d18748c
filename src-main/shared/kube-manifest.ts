import { parseAllDocuments } from 'yaml'

// Manifests as kubectl reads them: YAML streams (`---`) or JSON, `kind: List` flattened; and the JSON
// merge patch (RFC 7386) apply and patch are built on. Pure.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Sets an own property, whatever the key: `__proto__` from a manifest or a command line is a key
 * like any other, never the object's prototype.
 */
export function setOwn(o: JsonObject, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true })
}

/** kubectl turns YAML into JSON first: a YAML .nan or .inf has no JSON form (json: unsupported value). */
function nonFinite(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN'
  if (Array.isArray(v)) return v.reduce<string | null>((found, x) => found ?? nonFinite(x), null)
  if (isObject(v)) return Object.values(v).reduce<string | null>((found, x) => found ?? nonFinite(x), null)
  return null
}

/** The objects of a manifest, in order; throws kubectl's parse error text when the text is not YAML. */
export function parseManifest(text: string): JsonObject[] {
  const out: JsonObject[] = []
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`error converting YAML to JSON: yaml: ${doc.errors[0]!.message}`)
    const value = doc.toJS() as unknown
    if (value === null || value === undefined) continue // an empty document between `---`
    const bad = nonFinite(value)
    if (bad !== null) throw new Error(`error converting YAML to JSON: json: unsupported value: ${bad}`)
    if (!isObject(value)) throw new Error('error unmarshaling JSON: the manifest is not an object')
    if (value.kind === 'List' && Array.isArray(value.items))
      for (const item of value.items) if (isObject(item)) out.push(item)
    if (value.kind !== 'List') out.push(value)
  }
  return out
}

/** JSON with map keys sorted, as Go marshals a map: the form of the last-applied annotation. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch
  const out: JsonObject = isObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key]
    else setOwn(out, key, applyMergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value))
  }
  return out
}

/** The merge patch turning `from` into `to` (what kubectl apply sends: last-applied → new config). */
export function createMergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {}
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) setOwn(patch, key, null)
  for (const [key, value] of Object.entries(to)) {
    const old = Object.hasOwn(from, key) ? from[key] : undefined
    if (isObject(old) && isObject(value)) {
      const sub = createMergePatch(old, value)
      if (Object.keys(sub).length) setOwn(patch, key, sub)
    } else if (canonicalJson(old) !== canonicalJson(value)) setOwn(patch, key, value)
  }
  return patch
}
