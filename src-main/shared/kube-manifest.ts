import { parseAllDocuments } from 'yaml'

// Manifests as kubectl reads them: YAML streams (`---`) or JSON, `kind: List` flattened; and the JSON
// merge patch (RFC 7386) apply and patch are built on. Pure.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The objects of a manifest, in order; throws kubectl's parse error text when the text is not YAML. */
export function parseManifest(text: string): JsonObject[] {
  const out: JsonObject[] = []
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`error converting YAML to JSON: yaml: ${doc.errors[0]!.message}`)
    const value = doc.toJS() as unknown
    if (value === null || value === undefined) continue // an empty document between `---`
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
    else out[key] = applyMergePatch(out[key], value)
  }
  return out
}

/** The merge patch turning `from` into `to` (what kubectl apply sends: last-applied → new config). */
export function createMergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {}
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null
  for (const [key, value] of Object.entries(to)) {
    const old = from[key]
    if (isObject(old) && isObject(value)) {
      const sub = createMergePatch(old, value)
      if (Object.keys(sub).length) patch[key] = sub
    } else if (canonicalJson(old) !== canonicalJson(value)) patch[key] = value
  }
  return patch
}
