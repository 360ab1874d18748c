// The vocabulary of the field table (kube-schema.ts): a field's Go type, a definition, and the
// helpers the definitions are written with. Pure.

/** A field's Go type. `ref` names a definition of this table; `any` is left to the code that reads it. */
export type FieldType =
  | 'int32'
  | 'int64'
  | 'string'
  | 'boolean'
  | 'quantity' // resource.Quantity: a string or a number in the OpenAPI document, its own JSON decoder
  | 'int-or-string' // intstr.IntOrString
  | 'bytes' // []byte: a base64 string in JSON, checked by encoding/base64's decoder
  | 'any'
  | { ref: string }
  | { array: FieldType }
  | { map: FieldType } // map[string]T

export interface Definition {
  goType: string // the Go type as encoding/json names it in errors: 'v1.DeploymentSpec'
  fields: Record<string, FieldType>
}

export const CORE = 'io.k8s.api.core.v1'
export const APPS = 'io.k8s.api.apps.v1'
export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'
export const ref = (name: string): FieldType => ({ ref: name })
export const arrayOf = (t: FieldType): FieldType => ({ array: t })
export const mapOf = (t: FieldType): FieldType => ({ map: t })
export const STRINGS = arrayOf('string')
export const STRING_MAP = mapOf('string')
export const BYTES_MAP = mapOf('bytes')

export function def(name: string, fields: Record<string, FieldType>): [string, Definition] {
  const short = name.split('.').slice(-2).join('.') // 'v1.DeploymentSpec'
  return [name, { goType: short, fields }]
}

/** The top level of every kind: apiVersion, kind, metadata; `spec` and the kind's own fields added. */
export function kind(name: string, fields: Record<string, FieldType>): [string, Definition] {
  return def(name, { apiVersion: 'string', kind: 'string', metadata: ref(`${META}.ObjectMeta`), ...fields })
}

export const selector = ref(`${META}.LabelSelector`)
export const template = ref(`${CORE}.PodTemplateSpec`)
/** status is the controllers' to write: taken as it comes. */
export const untypedStatus = { status: 'any' as FieldType }
