import { isObject, type Json, type JsonObject } from './kube-manifest'
import { parseQuantity } from './kube-quantity'
import { metadataMapErrors, SUBDOMAIN, SUBDOMAIN_MSG } from './kube-label-rules'

// The API server's validation of the kinds the lab serves, with its field paths and messages, so a
// bad manifest gets the error a real cluster gives. validateObject for creates and updates,
// validateUpdate for the fields that cannot change. Pure; returns field errors, never throws.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

const LABEL_MSG = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
const DNS1035_MSG = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`

const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {})
const str = (v: Json | undefined) => (typeof v === 'string' ? v : undefined)

/** Go's %#v of a map[string]string, as validation messages print label maps. */
export function goMap(m: Record<string, Json>): string {
  const body = Object.keys(m)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(m[key])}`)
    .join(', ')
  return `map[string]string{${body}}`
}

function nameErrors(
  path: string,
  name: string,
  kind: 'subdomain' | 'label' | 'dns1035',
  max = 253,
): string[] {
  const [re, msg] =
    kind === 'subdomain'
      ? [SUBDOMAIN, SUBDOMAIN_MSG]
      : kind === 'label'
        ? [LABEL, LABEL_MSG]
        : [DNS1035, DNS1035_MSG]
  const limit = kind === 'subdomain' ? max : 63
  const out: string[] = []
  if (name.length > limit)
    out.push(`${path}: Invalid value: "${name}": must be no more than ${limit} characters`)
  if (!re.test(name)) out.push(`${path}: Invalid value: "${name}": ${msg}`)
  return out
}

function containerErrors(path: string, containers: Json | undefined): string[] {
  if (!Array.isArray(containers) || containers.length === 0) return [`${path}: Required value`]
  const out: string[] = []
  const seen = new Set<string>()
  containers.forEach((raw, i) => {
    const c = obj(raw)
    const at = `${path}[${i}]`
    const name = str(c.name)
    if (!name) out.push(`${at}.name: Required value`)
    else {
      out.push(...nameErrors(`${at}.name`, name, 'label'))
      if (seen.has(name)) out.push(`${at}.name: Duplicate value: "${name}"`)
      seen.add(name)
    }
    if (!str(c.image)) out.push(`${at}.image: Required value`)
    const resources = obj(c.resources)
    for (const section of ['requests', 'limits'])
      for (const [res, q] of Object.entries(obj(resources[section])))
        if (typeof q === 'number' ? q < 0 : (parseQuantity(q as string) ?? 0) < 0)
          out.push(
            `${at}.resources.${section}[${res}]: Invalid value: "${String(q)}": must be greater than or equal to 0`,
          )
  })
  return out
}

function podSpecErrors(path: string, spec: JsonObject): string[] {
  return containerErrors(`${path}.containers`, spec.containers)
}

function selectorErrors(path: string, spec: JsonObject, templateLabels: JsonObject): string[] {
  const selector = obj(spec.selector)
  const match = obj(selector.matchLabels)
  if (!isObject(spec.selector) || (!Object.keys(match).length && !Array.isArray(selector.matchExpressions)))
    return [`${path}.selector: Required value`]
  const ok = Object.entries(match).every(([k, v]) => templateLabels[k] === v)
  return ok
    ? []
    : [
        `${path}.template.metadata.labels: Invalid value: ${goMap(templateLabels)}: \`selector\` does not match template \`labels\``,
      ]
}

function workloadErrors(kind: string, spec: JsonObject): string[] {
  const out: string[] = []
  const replicas = spec.replicas
  if (typeof replicas === 'number' && replicas < 0)
    out.push(`spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`)
  const template = obj(spec.template)
  const labels = obj(obj(template.metadata).labels)
  out.push(...selectorErrors('spec', spec, labels))
  if (!isObject(template.spec)) out.push('spec.template.spec.containers: Required value')
  else out.push(...podSpecErrors('spec.template.spec', template.spec))
  if (kind === 'StatefulSet' && Array.isArray(spec.volumeClaimTemplates))
    spec.volumeClaimTemplates.forEach((t, i) => {
      const name = str(obj(obj(t).metadata).name)
      if (!name) out.push(`spec.volumeClaimTemplates[${i}].metadata.name: Required value`)
    })
  return out
}

/** A Job (batch/v1): its pods must end, so restartPolicy is OnFailure or Never (Always is the default). */
function jobErrors(spec: JsonObject): string[] {
  const out: string[] = []
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds']) {
    const v = spec[f]
    const min = f === 'activeDeadlineSeconds' ? 1 : 0
    if (typeof v === 'number' && v < min)
      out.push(`spec.${f}: Invalid value: ${v}: must be greater than or equal to ${min}`)
  }
  const template = obj(spec.template)
  if (isObject(spec.selector)) out.push(...selectorErrors('spec', spec, obj(obj(template.metadata).labels)))
  if (!isObject(template.spec)) return [...out, 'spec.template.spec.containers: Required value']
  out.push(...podSpecErrors('spec.template.spec', template.spec))
  const policy = str(template.spec.restartPolicy) ?? 'Always'
  if (policy !== 'OnFailure' && policy !== 'Never')
    out.push(
      `spec.template.spec.restartPolicy: Unsupported value: "${policy}": supported values: "OnFailure", "Never"`,
    )
  return out
}

function serviceErrors(spec: JsonObject): string[] {
  const out: string[] = []
  const type = str(spec.type) ?? 'ClusterIP'
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
    out.push(
      `spec.type: Unsupported value: "${type}": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`,
    )
  const ports = Array.isArray(spec.ports) ? spec.ports : []
  if (!ports.length && spec.clusterIP !== 'None' && type !== 'ExternalName')
    out.push('spec.ports: Required value')
  ports.forEach((p, i) => {
    const port = obj(p).port
    if (typeof port !== 'number') out.push(`spec.ports[${i}].port: Required value`)
    else if (port < 1 || port > 65535)
      out.push(`spec.ports[${i}].port: Invalid value: ${port}: must be between 1 and 65535, inclusive`)
  })
  return out
}

function pvcErrors(spec: JsonObject): string[] {
  const out: string[] = []
  if (!Array.isArray(spec.accessModes) || !spec.accessModes.length)
    out.push('spec.accessModes: Required value: at least 1 access mode is required')
  if (obj(obj(spec.resources).requests).storage === undefined)
    out.push('spec.resources[storage]: Required value')
  return out
}

/** Field errors of an object (already known kind and apiVersion); empty when the API server accepts it. */
export function validateObject(o: JsonObject): string[] {
  const kind = str(o.kind)!
  const meta = obj(o.metadata)
  const name = str(meta.name)
  const out: string[] = []
  if (!name) out.push('metadata.name: Required value: name or generateName is required')
  else if (kind === 'Namespace') out.push(...nameErrors('metadata.name', name, 'label'))
  else if (kind === 'Service') out.push(...nameErrors('metadata.name', name, 'dns1035'))
  else out.push(...nameErrors('metadata.name', name, 'subdomain'))
  out.push(...metadataMapErrors(meta))
  const spec = obj(o.spec)
  if (kind === 'Pod') out.push(...podSpecErrors('spec', spec))
  if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind))
    out.push(...workloadErrors(kind, spec))
  if (kind === 'Job') out.push(...jobErrors(spec))
  if (kind === 'Service') out.push(...serviceErrors(spec))
  if (kind === 'PersistentVolumeClaim') out.push(...pvcErrors(spec))
  if (kind === 'StorageClass' && !str(o.provisioner)) out.push('provisioner: Required value')
  return out
}

/** Every resource quantity of an object (requests, limits, storage), for the decode-time check. */
export function badQuantity(o: Json | undefined, key = ''): string | null {
  if (Array.isArray(o)) {
    for (const x of o) {
      const bad = badQuantity(x)
      if (bad !== null) return bad
    }
    return null
  }
  if (!isObject(o)) return null
  for (const [k, v] of Object.entries(o)) {
    if (['requests', 'limits', 'capacity'].includes(k) && isObject(v)) {
      for (const q of Object.values(v))
        if (typeof q === 'string' && parseQuantity(q) === null) return q
        else if (typeof q !== 'string' && typeof q !== 'number') return String(q)
    }
    const bad = badQuantity(v, k)
    if (bad !== null) return bad
  }
  void key
  return null
}

const canon = (v: unknown) => JSON.stringify(v ?? null)

/** Updates the API server forbids: a field that cannot change once the object exists. */
export function validateUpdate(old: JsonObject, next: JsonObject): string[] {
  const kind = str(next.kind)
  const a = obj(old.spec)
  const b = obj(next.spec)
  if (kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'DaemonSet') {
    if (canon(a.selector) !== canon(b.selector)) {
      const m = obj(obj(b.selector).matchLabels)
      return [
        `spec.selector: Invalid value: v1.LabelSelector{MatchLabels:${goMap(m)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable`,
      ]
    }
  }
  if (kind === 'StatefulSet') {
    const rest = (s: JsonObject) => {
      const {
        replicas,
        template,
        updateStrategy,
        minReadySeconds,
        ordinals,
        persistentVolumeClaimRetentionPolicy,
        ...x
      } = s
      void [
        replicas,
        template,
        updateStrategy,
        minReadySeconds,
        ordinals,
        persistentVolumeClaimRetentionPolicy,
      ]
      return x
    }
    if (canon(rest(a)) !== canon(rest(b)))
      return [
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ]
  }
  if (kind === 'Job' && canon(a.completions) !== canon(b.completions))
    return [`spec.completions: Invalid value: ${canon(b.completions)}: field is immutable`]
  if (kind === 'Job' && canon(a.template) !== canon(b.template))
    return ['spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable']
  if (kind === 'PersistentVolumeClaim') {
    const rest = (s: JsonObject) => ({ ...s, resources: undefined, volumeName: undefined })
    if (canon(rest(a)) !== canon(rest(b)))
      return [
        'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ]
  }
  if (kind === 'Pod') {
    const images = (s: JsonObject) => ({
      ...s,
      containers: Array.isArray(s.containers)
        ? s.containers.map((c) => ({ ...obj(c), image: null }))
        : s.containers,
      tolerations: undefined,
      activeDeadlineSeconds: undefined,
    })
    if (canon(images(a)) !== canon(images(b)))
      return [
        'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      ]
  }
  if (kind === 'Service' && a.clusterIP !== undefined && canon(a.clusterIP) !== canon(b.clusterIP))
    return [`spec.clusterIP: Invalid value: ${canon(b.clusterIP)}: field is immutable`]
  return []
}
