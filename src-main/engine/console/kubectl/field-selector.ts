import type { KubeObject } from '@shared/contract'
import { str } from '@shared/kube-fields'
import { NativeError } from '../errors'
import type { ResourceType } from './resources'

// --field-selector, answered as the API server does: `f=v`, `f==v`, `f!=v`, comma-separated, each
// field one the kind's field-label conversion knows. Any kind has metadata.name and
// metadata.namespace; pods, events, nodes and namespaces add their own.

const POD_FIELDS = [
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.schedulerName',
  'spec.serviceAccountName',
  'spec.hostNetwork',
  'status.phase',
  'status.podIP',
  'status.nominatedNodeName',
]
const EVENT_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
]
const KIND_FIELDS: Record<string, string[]> = {
  Pod: POD_FIELDS,
  Event: EVENT_FIELDS,
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
}

/** The path as stored, for labels that are not plain paths. */
function value(o: KubeObject, field: string): string {
  if (field === 'source') return str(o, 'source.component') || str(o, 'reportingComponent')
  if (field === 'spec.hostNetwork' || field === 'spec.unschedulable')
    return String(str(o, field) === 'true' || (o as unknown as Record<string, unknown>)[field] === true)
  return str(o, field)
}

export type FieldFilter = (o: KubeObject) => boolean

export function parseFieldSelector(text: string, type: ResourceType, labelSelector: string): FieldFilter {
  // schema.GroupVersionResource.String() of the mapping (every kind the lab serves is at v1).
  const subject = `${type.group}/v1, Resource=${type.plural}`
  const badRequest = (message: string) =>
    new NativeError([
      `Error from server (BadRequest): Unable to find "${subject}" that match label selector "${labelSelector}", field selector "${text}": ${message}`,
    ])
  const tests: FieldFilter[] = []
  for (const part of text.split(',')) {
    if (part === '') continue
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part)
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`)
    const [, field, op, want] = m as unknown as [string, string, string, string]
    const known = ['metadata.name', 'metadata.namespace', ...(KIND_FIELDS[type.kind] ?? [])]
    if (!known.includes(field))
      throw badRequest(
        KIND_FIELDS[type.kind]
          ? `field label not supported: ${field}`
          : `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      )
    tests.push((o) => (value(o, field) === want) === (op !== '!='))
  }
  return (o) => tests.every((t) => t(o))
}
