import { isObject, type Json, type JsonObject } from './kube-manifest'
import { parseQuantity } from './kube-quantity'

// The API server's validation of a pod spec (ValidatePodSpec, validateContainers): names, images,
// ports, resources and the integer fields with ranges, with its field paths and messages. The
// object is already decoded (kube-decode.ts): numbers are integers, quantities canonical. Pure.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
export const LABEL_MSG = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
export const PORT_RANGE = 'must be between 1 and 65535, inclusive'
const PROTOCOLS = ['SCTP', 'TCP', 'UDP']

export const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {})
export const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined)
const num = (v: Json | undefined) => (typeof v === 'number' ? v : undefined)

/** ValidateNonnegativeField, for each of `fields` that is set. */
export function nonNegative(path: string, spec: JsonObject, fields: string[]): string[] {
  return fields.flatMap((f) => {
    const v = num(spec[f])
    return v !== undefined && v < 0
      ? [`${path}.${f}: Invalid value: ${v}: must be greater than or equal to 0`]
      : []
  })
}

export function labelNameErrors(path: string, name: string): string[] {
  const out: string[] = []
  if (name.length > 63) out.push(`${path}: Invalid value: "${name}": must be no more than 63 characters`)
  if (!LABEL.test(name)) out.push(`${path}: Invalid value: "${name}": ${LABEL_MSG}`)
  return out
}

/** A port number: Required when 0 or absent (`required`), else 1–65535. */
export function portErrors(path: string, port: number | undefined, required: boolean): string[] {
  if (port === undefined || port === 0) return required ? [`${path}: Required value`] : []
  return port < 1 || port > 65535 ? [`${path}: Invalid value: ${port}: ${PORT_RANGE}`] : []
}

export function protocolErrors(path: string, protocol: Json | undefined): string[] {
  const p = str(protocol)
  if (p === undefined || PROTOCOLS.includes(p)) return []
  return [
    `${path}: Unsupported value: "${p}": supported values: ${PROTOCOLS.map((x) => `"${x}"`).join(', ')}`,
  ]
}

function resourceErrors(path: string, resources: JsonObject): string[] {
  const out: string[] = []
  const limits = obj(resources.limits)
  const requests = obj(resources.requests)
  for (const section of ['limits', 'requests'] as const)
    for (const [name, q] of Object.entries(obj(resources[section])))
      if ((parseQuantity(str(q)) ?? 0) < 0)
        out.push(
          `${path}.${section}[${name}]: Invalid value: "${str(q)}": must be greater than or equal to 0`,
        )
  for (const [name, q] of Object.entries(requests)) {
    const limit = limits[name]
    if (limit !== undefined && (parseQuantity(str(q)) ?? 0) > (parseQuantity(str(limit)) ?? 0))
      out.push(`${path}.requests: Invalid value: "${str(q)}": must be less than or equal to ${name} limit`)
  }
  return out
}

function probeErrors(path: string, probe: Json | undefined): string[] {
  if (!isObject(probe)) return []
  const fields = [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]
  return nonNegative(path, probe, fields)
}

function containerPortErrors(path: string, ports: Json | undefined): string[] {
  if (!Array.isArray(ports)) return []
  return ports.flatMap((raw, i) => {
    const p = obj(raw)
    const at = `${path}[${i}]`
    return [
      ...portErrors(`${at}.containerPort`, num(p.containerPort), true),
      ...portErrors(`${at}.hostPort`, num(p.hostPort), false),
      ...protocolErrors(`${at}.protocol`, p.protocol),
    ]
  })
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/
const ENV_NAME_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"

function envErrors(path: string, env: Json | undefined): string[] {
  if (!Array.isArray(env)) return []
  return env.flatMap((raw, i) => {
    const name = str(obj(raw).name) ?? ''
    if (name === '') return [`${path}[${i}].name: Required value`]
    return ENV_NAME.test(name) ? [] : [`${path}[${i}].name: Invalid value: "${name}": ${ENV_NAME_MSG}`]
  })
}

/** Each mount names one of the pod's volumes, at a path of its own. */
function mountErrors(path: string, mounts: Json | undefined, volumes: Set<string>): string[] {
  if (!Array.isArray(mounts)) return []
  const paths = new Set<string>()
  return mounts.flatMap((raw, i) => {
    const m = obj(raw)
    const at = `${path}[${i}]`
    const name = str(m.name) ?? ''
    const mountPath = str(m.mountPath) ?? ''
    const out: string[] = []
    if (name === '') out.push(`${at}.name: Required value`)
    if (!volumes.has(name)) out.push(`${at}.name: Not found: "${name}"`)
    if (mountPath === '') out.push(`${at}.mountPath: Required value`)
    else if (paths.has(mountPath)) out.push(`${at}.mountPath: Invalid value: "${mountPath}": must be unique`)
    paths.add(mountPath)
    return out
  })
}

function containerErrors(
  path: string,
  containers: Json | undefined,
  required: boolean,
  volumes: Set<string>,
): string[] {
  if (!Array.isArray(containers) || containers.length === 0)
    return required ? [`${path}: Required value`] : []
  const out: string[] = []
  const seen = new Set<string>()
  containers.forEach((raw, i) => {
    const c = obj(raw)
    const at = `${path}[${i}]`
    const name = str(c.name)
    if (!name) out.push(`${at}.name: Required value`)
    else {
      out.push(...labelNameErrors(`${at}.name`, name))
      if (seen.has(name)) out.push(`${at}.name: Duplicate value: "${name}"`)
      seen.add(name)
    }
    if (!str(c.image)) out.push(`${at}.image: Required value`)
    out.push(...containerPortErrors(`${at}.ports`, c.ports))
    out.push(...envErrors(`${at}.env`, c.env))
    out.push(...mountErrors(`${at}.volumeMounts`, c.volumeMounts, volumes))
    out.push(...resourceErrors(`${at}.resources`, obj(c.resources)))
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
      out.push(...probeErrors(`${at}.${probe}`, c[probe]))
  })
  return out
}

/** `claimVolumes`: a StatefulSet's volumeClaimTemplates, which its pods get as volumes. */
export function podSpecErrors(path: string, spec: JsonObject, claimVolumes: string[] = []): string[] {
  const volumes = new Set([
    ...(Array.isArray(spec.volumes) ? spec.volumes : []).map((v) => str(obj(v).name) ?? ''),
    ...claimVolumes,
  ])
  const out = [
    ...containerErrors(`${path}.containers`, spec.containers, true, volumes),
    ...containerErrors(`${path}.initContainers`, spec.initContainers, false, volumes),
  ]
  // terminationGracePeriodSeconds has no range: v1.17–v1.20 store a negative one (the kubelet stops
  // at once; the lab counts it as 1 s, as newer servers store it).
  const deadline = num(spec.activeDeadlineSeconds)
  if (deadline !== undefined && (deadline < 1 || deadline > 2 ** 31 - 1))
    out.push(
      `${path}.activeDeadlineSeconds: Invalid value: ${deadline}: must be between 1 and 2147483647, inclusive`,
    )
  return out
}
