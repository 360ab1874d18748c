import { isObject, type Json, type JsonObject } from './kube-manifest'
import { metadataMapErrors, SUBDOMAIN, SUBDOMAIN_MSG } from './kube-label-rules'
import { labelNameErrors, nonNegative, obj, podSpecErrors, str } from './kube-validate-pod'
import { configMapErrors, pvcErrors, serviceErrors } from './kube-validate-resources'

// The API server's validation of the kinds the lab serves, with its field paths and messages, so a
// bad manifest gets the error a real cluster gives. validateObject for creates and updates,
// validateUpdate for the fields that cannot change. The object is already decoded (kube-decode.ts):
// integer fields hold integers, quantities are canonical. Pure; returns field errors, never throws.

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

const DNS1035_MSG = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`

/** Go's %#v of a map[string]string, as validation messages print label maps. */
export function goMap(m: Record<string, Json>): string {
  const body = Object.keys(m)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(m[key])}`)
    .join(', ')
  return `map[string]string{${body}}`
}

function nameErrors(path: string, name: string, kind: 'subdomain' | 'label' | 'dns1035'): string[] {
  if (kind === 'label') return labelNameErrors(path, name)
  const [re, msg, limit] = kind === 'subdomain' ? [SUBDOMAIN, SUBDOMAIN_MSG, 253] : [DNS1035, DNS1035_MSG, 63]
  const out: string[] = []
  if (name.length > limit)
    out.push(`${path}: Invalid value: "${name}": must be no more than ${limit} characters`)
  if (!re.test(name)) out.push(`${path}: Invalid value: "${name}": ${msg}`)
  return out
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

/** %#v of an intstr.IntOrString, as field errors print one. */
function goIntOrString(v: Json | undefined): string {
  return typeof v === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`
    : `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`
}

const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"

/** ValidatePositiveIntOrPercent; the value as a percent or a count (0 when absent). */
function intOrPercent(path: string, v: Json | undefined, out: string[]): number {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) out.push(`${path}: Invalid value: ${goIntOrString(v)}: ${PERCENT_MSG}`)
    return parseInt(v, 10) || 0
  }
  if (typeof v === 'number' && v < 0)
    out.push(`${path}: Invalid value: ${v}: must be greater than or equal to 0`)
  return typeof v === 'number' ? v : 0
}

function rollingUpdateErrors(path: string, rolling: JsonObject): string[] {
  const out: string[] = []
  const unavailable = intOrPercent(`${path}.maxUnavailable`, rolling.maxUnavailable, out)
  const surge = intOrPercent(`${path}.maxSurge`, rolling.maxSurge, out)
  const shown = goIntOrString(rolling.maxUnavailable)
  if (unavailable === 0 && surge === 0)
    out.push(`${path}.maxUnavailable: Invalid value: ${shown}: may not be 0 when \`maxSurge\` is 0`)
  if (typeof rolling.maxUnavailable === 'string' && unavailable > 100)
    out.push(`${path}.maxUnavailable: Invalid value: ${shown}: must not be greater than 100%`)
  return out
}

function workloadErrors(kind: string, spec: JsonObject): string[] {
  const out = nonNegative('spec', spec, ['replicas'])
  const template = obj(spec.template)
  const labels = obj(obj(template.metadata).labels)
  out.push(...selectorErrors('spec', spec, labels))
  if (!isObject(template.spec)) out.push('spec.template.spec.containers: Required value')
  else {
    const claims = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []
    const claimNames = claims.map((t) => str(obj(obj(t).metadata).name) ?? '')
    out.push(...podSpecErrors('spec.template.spec', template.spec, claimNames))
  }
  if (kind === 'Deployment' && isObject(obj(spec.strategy).rollingUpdate))
    out.push(...rollingUpdateErrors('spec.strategy.rollingUpdate', obj(obj(spec.strategy).rollingUpdate)))
  out.push(
    ...nonNegative('spec', spec, ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']),
  )
  const deadline = spec.progressDeadlineSeconds
  if (kind === 'Deployment' && typeof deadline === 'number' && deadline <= Number(spec.minReadySeconds ?? 0))
    out.push(`spec.progressDeadlineSeconds: Invalid value: ${deadline}: must be greater than minReadySeconds`)
  if (kind === 'StatefulSet') {
    const rolling = obj(obj(spec.updateStrategy).rollingUpdate)
    out.push(...nonNegative('spec.updateStrategy.rollingUpdate', rolling, ['partition']))
    if (Array.isArray(spec.volumeClaimTemplates))
      spec.volumeClaimTemplates.forEach((t, i) => {
        const name = str(obj(obj(t).metadata).name)
        if (!name) out.push(`spec.volumeClaimTemplates[${i}].metadata.name: Required value`)
      })
  }
  return out
}

/** A Job (batch/v1): its pods must end, so restartPolicy is OnFailure or Never (Always is the default). */
function jobErrors(spec: JsonObject): string[] {
  const out: string[] = []
  for (const f of [
    'parallelism',
    'completions',
    'backoffLimit',
    'activeDeadlineSeconds',
    'ttlSecondsAfterFinished',
  ]) {
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
  if (kind === 'ConfigMap' || kind === 'Secret') out.push(...configMapErrors(o))
  return out
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
