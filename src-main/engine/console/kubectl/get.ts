import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'
import { NativeError } from '../errors'
import type { Parsed } from './args'
import { labelsOf, str } from '@shared/kube-fields'
import { parseFieldSelector } from './field-selector'
import { jsonpath } from './jsonpath'
import { asList, outputFormat, printNames, printTable, toJson, toYaml } from './output'
import { findResourceType, qualifiedName, resourceTypeOfKind, type ResourceType } from './resources'
import { parseSelector } from './selector'
import { sortObjects } from './sort'
import { currentCluster, objectsOf } from './store'

// kubectl get TYPE[,TYPE…]|all [NAME…] [-n NS | -A] [-l SELECTOR] [--field-selector F] [--sort-by P]
// [-o wide|name|yaml|json|jsonpath=T] [--show-labels] [--no-headers].
// Messages that kubectl writes to stderr ("No resources found …", NotFound) come back as `errors`
// so the caller can print them after the output, as a terminal shows them.

export interface GetResult {
  out: string[]
  errors: string[]
}

/** The "all" category as discovery lists it, in the order kubectl prints it. */
const ALL = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job']

export function resolveTypes(word: string): ResourceType[] {
  return word.split(',').flatMap((w) => {
    if (w.toLowerCase() === 'all') return ALL.map((k) => resourceTypeOfKind(k)!)
    const type = findResourceType(w)
    if (!type) throw new NativeError([`error: the server doesn't have a resource type "${w}"`])
    return [type]
  })
}

export function namespaceOf(p: Parsed): string {
  return p.flags.get('namespace') ?? 'default'
}

/**
 * Real kubectl get events lists them in the API server's order: by name, and an event's name is
 * `<object>.<hex time>`. The lab's names end in random hex, so the time comes from the write order.
 */
function apiOrder(type: ResourceType, objects: KubeObject[]): KubeObject[] {
  if (type.kind !== 'Event') return objects
  const key = (e: KubeObject) =>
    `${e.metadata.namespace ?? ''}/${e.metadata.name.replace(/\.[0-9a-f]+$/, '')}`
  const first = (e: KubeObject) => Date.parse(str(e, 'firstTimestamp') || str(e, 'eventTime')) || 0
  return [...objects].sort(
    (a, b) =>
      (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) ||
      first(a) - first(b) ||
      Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
  )
}

export function kubectlGet(state: Readonly<LabState>, p: Parsed): GetResult {
  const [typeWord, ...names] = p.words
  if (typeWord === undefined)
    throw new NativeError([
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
      '',
      'error: Required resource not specified.',
      'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      "See 'kubectl get -h' for help and examples",
    ])
  const { format, template } = outputFormat(p.flags.get('output'))
  const types = resolveTypes(typeWord)
  const cluster = currentCluster(state)
  const allNamespaces = p.flags.get('all-namespaces') === 'true' && names.length === 0
  const namespace = namespaceOf(p)
  const labelText = p.flags.get('selector') ?? ''
  const selector = parseSelector(labelText)
  const fieldText = p.flags.get('field-selector')
  const sortBy = p.flags.get('sort-by')
  const now = state.clock.now
  const out: string[] = []
  const errors: string[] = []
  const found: { type: ResourceType; objects: KubeObject[] }[] = []
  for (const type of types) {
    let objects = objectsOf(state, cluster.id, type.kind).filter(
      (o) => !type.namespaced || allNamespaces || o.metadata.namespace === namespace,
    )
    if (names.length > 0) {
      const byName = new Map(objects.map((o) => [o.metadata.name, o]))
      objects = []
      for (const name of names) {
        const o = byName.get(name)
        if (o) objects.push(o)
        else errors.push(`Error from server (NotFound): ${qualifiedName(type, true)} "${name}" not found`)
      }
    } else
      objects = apiOrder(
        type,
        objects.filter((o) => selector(labelsOf(o))),
      )
    if (fieldText !== undefined) objects = objects.filter(parseFieldSelector(fieldText, type, labelText))
    if (sortBy !== undefined) objects = sortObjects(objects, sortBy)
    found.push({ type, objects })
  }
  const all = found.flatMap((f) => f.objects)
  if (format === 'yaml' || format === 'json' || format === 'jsonpath') {
    const single = names.length === 1 && types.length === 1 && all.length === 1
    const value = single ? all[0] : asList(all)
    if (format === 'jsonpath') {
      // PowerShell splits a native command's output into lines: a last newline adds none.
      const text = jsonpath(template, value).replace(/\n$/, '')
      if (text !== '') out.push(text)
    } else if (single || names.length === 0 || all.length > 0)
      out.push(format === 'yaml' ? toYaml(value) : toJson(value))
  } else if (format === 'name') out.push(...found.flatMap((f) => printNames(f.type, f.objects)))
  else {
    const options = {
      wide: format === 'wide',
      allNamespaces,
      showLabels: p.flags.get('show-labels') === 'true',
      showKind: types.length > 1 || p.flags.get('show-kind') === 'true',
      noHeaders: p.flags.get('no-headers') === 'true',
    }
    for (const f of found.filter((x) => x.objects.length > 0)) {
      if (out.length > 0) out.push('')
      out.push(...printTable(f.type, f.objects, now, options))
    }
  }
  if (all.length === 0 && names.length === 0 && format !== 'yaml' && format !== 'json') {
    const namespaced = types.some((t) => t.namespaced)
    errors.push(
      namespaced && !allNamespaces ? `No resources found in ${namespace} namespace.` : 'No resources found',
    )
  }
  return { out, errors }
}

export { qualifiedName }
