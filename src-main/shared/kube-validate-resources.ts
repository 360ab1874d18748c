import { parseQuantity } from './kube-quantity'
import type { JsonObject } from './kube-manifest'
import { obj, PORT_RANGE, portErrors, protocolErrors, str } from './kube-validate-pod'

// The API server's validation of Services, PersistentVolumeClaims and ConfigMaps, with its field
// paths and messages, on decoded objects. Pure.

export function serviceErrors(spec: JsonObject): string[] {
  const out: string[] = []
  const type = str(spec.type) ?? 'ClusterIP'
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
    out.push(
      `spec.type: Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
    )
  const ports = Array.isArray(spec.ports) ? spec.ports : []
  if (!ports.length && spec.clusterIP !== 'None' && type !== 'ExternalName')
    out.push('spec.ports: Required value')
  ports.forEach((raw, i) => {
    const p = obj(raw)
    const at = `spec.ports[${i}]`
    if (typeof p.port !== 'number') out.push(`${at}.port: Required value`)
    else if (p.port < 1 || p.port > 65535) out.push(`${at}.port: Invalid value: ${p.port}: ${PORT_RANGE}`)
    out.push(...protocolErrors(`${at}.protocol`, p.protocol))
    // A targetPort of 0 was defaulted to the port.
    if (typeof p.targetPort === 'number') out.push(...portErrors(`${at}.targetPort`, p.targetPort, false))
    const nodePort = p.nodePort
    if (typeof nodePort === 'number' && nodePort !== 0) {
      if (type === 'ClusterIP')
        out.push(`${at}.nodePort: Forbidden: may not be used when \`type\` is 'ClusterIP'`)
      else if (nodePort < 30000 || nodePort > 32767)
        out.push(
          `${at}.nodePort: Invalid value: ${nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767`,
        )
    }
  })
  return out
}

export function pvcErrors(spec: JsonObject): string[] {
  const out: string[] = []
  if (!Array.isArray(spec.accessModes) || !spec.accessModes.length)
    out.push('spec.accessModes: Required value: at least 1 access mode is required')
  const storage = str(obj(obj(spec.resources).requests).storage)
  if (storage === undefined) out.push('spec.resources[storage]: Required value')
  else {
    // The claim's size is a quantity (never negative) and must ask for something.
    const size = parseQuantity(storage) ?? 0
    const at = `spec.resources[storage]: Invalid value: "${storage}"`
    if (size < 0) out.push(`${at}: must be greater than or equal to 0`)
    if (size <= 0) out.push(`${at}: must be greater than zero`)
  }
  return out
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"

/** IsConfigMapKey for each key of data and binaryData, which may not share one. */
export function configMapErrors(o: JsonObject): string[] {
  const out: string[] = []
  const data = obj(o.data)
  for (const field of ['data', 'binaryData'])
    for (const key of Object.keys(obj(o[field]))) {
      const at = `${field}[${key}]: Invalid value: "${key}"`
      if (key.length > 253) out.push(`${at}: must be no more than 253 characters`)
      if (!CONFIG_KEY.test(key)) out.push(`${at}: ${CONFIG_KEY_MSG}`)
      if (key === '.') out.push(`${at}: must not be '.'`)
      else if (key === '..') out.push(`${at}: must not be '..'`)
      else if (key.startsWith('..')) out.push(`${at}: must not start with '..'`)
      if (field === 'binaryData' && Object.hasOwn(data, key))
        out.push(`data[${key}]: Invalid value: "${key}": duplicate of key present in binaryData`)
    }
  return out
}
