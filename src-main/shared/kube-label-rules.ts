// The API server's metadata.labels and metadata.annotations rules (apimachinery validation):
// keys are qualified names ([prefix/]name), label values short alphanumeric words. Pure.

const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
export const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
export const SUBDOMAIN_MSG = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`
const PREFIX_MSG = `prefix part ${SUBDOMAIN_MSG}`
const ANNOTATIONS_MAX_BYTES = 256 * 1024
const utf8 = new TextEncoder()
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

/** validation.IsQualifiedName: what is wrong with a label or annotation key. */
function keyErrors(key: string): string[] {
  const parts = key.split('/')
  if (parts.length > 2)
    return [
      `a qualified name ${NAME_PART_MSG.replace('name part ', '')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]
  const [prefix, name] = parts.length === 2 ? parts : [undefined, key]
  const out: string[] = []
  if (prefix === '') out.push('prefix part must be non-empty')
  else if (prefix !== undefined) {
    if (prefix.length > 253) out.push('prefix part must be no more than 253 characters')
    if (!SUBDOMAIN.test(prefix)) out.push(PREFIX_MSG)
  }
  if (name!.length === 0) out.push('name part must be non-empty')
  else if (name!.length > 63) out.push('name part must be no more than 63 characters')
  if (!NAME_PART.test(name!)) out.push(NAME_PART_MSG)
  return out
}

/** validation.IsValidLabelValue: what is wrong with a label value. */
export function labelValueErrors(value: string): string[] {
  const out: string[] = []
  if (value.length > 63) out.push('must be no more than 63 characters')
  if (!VALUE.test(value)) out.push(VALUE_MSG)
  return out
}

/** Field errors of an object's labels and annotation keys, as the API server words them. */
export function metadataMapErrors(meta: Record<string, unknown>): string[] {
  const out: string[] = []
  const map = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
  for (const [key, value] of Object.entries(map(meta.labels))) {
    for (const e of keyErrors(key)) out.push(`metadata.labels: Invalid value: "${key}": ${e}`)
    const text = String(value ?? '')
    for (const e of labelValueErrors(text)) out.push(`metadata.labels: Invalid value: "${text}": ${e}`)
  }
  // Annotation keys are checked in lower case, and all of them together are bounded.
  const annotations = map(meta.annotations)
  let size = 0
  for (const [key, value] of Object.entries(annotations)) {
    for (const e of keyErrors(key.toLowerCase()))
      out.push(`metadata.annotations: Invalid value: "${key}": ${e}`)
    size += utf8.encode(key).length + utf8.encode(String(value ?? '')).length
  }
  if (size > ANNOTATIONS_MAX_BYTES)
    out.push(`metadata.annotations: Too long: must have at most ${ANNOTATIONS_MAX_BYTES} bytes`)
  return out
}
