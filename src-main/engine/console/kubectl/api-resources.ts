import { NativeError } from '../errors'
import type { Parsed } from './args'
import { RESOURCE_TYPES, type ResourceType } from './resources'
import { tabulate } from './table'

// kubectl api-resources: the resource types the lab's API servers serve, as discovery lists them
// (sorted by group, then name), with -o wide's VERBS and CATEGORIES, -o name, --namespaced,
// --api-group and --no-headers.

const VERBS = '[create delete deletecollection get list patch update watch]'
const VERBS_OF: Record<string, string> = {
  Event: VERBS,
  Node: VERBS,
  Namespace: '[create delete get list patch update watch]',
}
const CATEGORIES: Record<string, string> = {
  Pod: 'all',
  Service: 'all',
  DaemonSet: 'all',
  Deployment: 'all',
  ReplicaSet: 'all',
  StatefulSet: 'all',
  Job: 'all',
}

const apiVersion = (r: ResourceType) => (r.group === '' ? 'v1' : `${r.group}/v1`)

export function apiResources(p: Parsed): string[] {
  const output = p.flags.get('output') ?? ''
  if (!['', 'wide', 'name'].includes(output))
    throw new NativeError([`error: --output ${output} is not available`])
  const namespaced = p.flags.get('namespaced')
  const group = p.flags.get('api-group')
  const types = RESOURCE_TYPES.filter(
    (r) =>
      (namespaced === undefined || String(r.namespaced) === namespaced) &&
      (group === undefined || r.group === group),
  ).sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group < b.group ? -1 : 1))
  if (output === 'name') return types.map((r) => (r.group === '' ? r.plural : `${r.plural}.${r.group}`))
  const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']
  const rows = types.map((r) => [
    r.plural,
    r.short.join(','),
    apiVersion(r),
    String(r.namespaced),
    r.kind,
    ...(output === 'wide' ? [VERBS_OF[r.kind] ?? VERBS, CATEGORIES[r.kind] ?? ''] : []),
  ])
  if (output === 'wide') header.push('VERBS', 'CATEGORIES')
  return tabulate(p.flags.get('no-headers') === 'true' ? rows : [header, ...rows])
}

/** kubectl api-versions: the group/versions of those resources, as discovery sorts them. */
export function apiVersions(): string[] {
  return [...new Set(RESOURCE_TYPES.map(apiVersion))].sort()
}

/**
 * kubectl auth can-i VERB TYPE[/NAME]: the context is the cluster's admin (cluster-admin, as
 * Get-AksHciCredential's kubeconfig is), who may do everything; an unknown type is warned about.
 */
export function authCanI(p: Parsed): string[] {
  const [sub, verb, what] = p.words
  if (sub !== 'can-i')
    throw new NativeError([
      sub === undefined
        ? 'error: auth needs a subcommand'
        : `error: unknown command "${sub}" for "kubectl auth"`,
      'HCI Lab supports: kubectl auth can-i VERB TYPE[/NAME]',
    ])
  if (verb === undefined || what === undefined)
    throw new NativeError([
      'error: you must specify two arguments: verb resource or verb resource/resourceName.',
      "See 'kubectl auth can-i -h' for help and examples",
    ])
  const type = what.split('/')[0]!
  const known =
    type === '*' || RESOURCE_TYPES.some((r) => [r.plural, r.kind.toLowerCase(), ...r.short].includes(type))
  return known ? ['yes'] : [`Warning: the server doesn't have a resource type '${type}'`, 'yes']
}
