import { KINDS } from '@shared/kube-kinds'

// The resource types the lab's API servers serve, as discovery names them: kubectl resolves a typed
// word through plural, singular and short names (case-insensitive), optionally with `.group`.

export interface ResourceType {
  kind: string
  plural: string
  singular: string
  short: string[]
  group: string // '' for the core group
  namespaced: boolean
}

/** The kinds the API server serves (shared/kube-kinds.ts) as discovery names them. */
export const RESOURCE_TYPES: ResourceType[] = KINDS.map((k) => ({
  kind: k.kind,
  plural: k.plural,
  singular: k.aliases[0]!,
  short: k.aliases.slice(1),
  group: k.apiVersion.includes('/') ? k.apiVersion.split('/')[0]! : '',
  namespaced: k.namespaced,
}))

export function resourceTypeOfKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((r) => r.kind === kind)
}

export function findResourceType(word: string): ResourceType | undefined {
  const lower = word.toLowerCase()
  const [name, ...groupParts] = lower.split('.')
  const group = groupParts.join('.')
  return RESOURCE_TYPES.find(
    (r) =>
      (r.plural === name || r.singular === name || r.short.includes(name!)) &&
      (group === '' || group === r.group || (r.group === '' && group === 'core')),
  )
}

/** `-o name` and error messages: `pod`, `deployment.apps`. */
export function qualifiedName(r: ResourceType, plural = false): string {
  const base = plural ? r.plural : r.singular
  return r.group === '' ? base : `${base}.${r.group}`
}
