import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { kindInfo, resourceLabel } from '@shared/kube-kinds'
import { labelValueErrors } from '@shared/kube-label-rules'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { groupResource, namespaceFlag, print, run, target } from './mutate'
import { currentCluster } from './store'

// kubectl label / annotate TYPE NAME… KEY=VALUE… KEY-… (label.go, annotate.go): a merge patch of
// metadata.labels or metadata.annotations; a key that already has another value needs --overwrite.
// kubectl checks a label's value itself; keys are the API server's to judge. Keys are data: they
// live in Maps and own properties, so `__proto__` or `constructor` is a key like any other.

type What = 'labels' | 'annotations'

const isChange = (w: string) => w.includes('=') || w.endsWith('-')

interface Changes {
  set: Map<string, string>
  removed: string[]
}

/** parseLabels / parseAnnotations: the changes, or kubectl's error for a malformed one. */
function parseChanges(words: string[], what: What): Changes {
  const set = new Map<string, string>()
  const removed: string[] = []
  for (const spec of words) {
    if (spec.includes('=')) {
      const [key, ...rest] = spec.split('=')
      const value = rest.join('=')
      if (what === 'labels') {
        if (rest.length !== 1) throw new NativeError([`error: invalid label spec: ${spec}`])
        const errors = labelValueErrors(value)
        if (errors.length)
          throw new NativeError([`error: invalid label value: ${JSON.stringify(spec)}: ${errors.join(';')}`])
      } else if (key === '') throw new NativeError([`error: invalid annotation spec: ${spec}`])
      set.set(key!, value)
    } else removed.push(spec.slice(0, -1))
  }
  if (removed.some((k) => set.has(k)))
    throw new NativeError([
      `error: can not both modify and remove ${what === 'labels' ? 'a label' : 'an annotation'} in the same command`,
    ])
  return { set, removed }
}

export function kubectlLabel(ctx: NativeContext, p: Parsed, what: What): string[] {
  const verb = what === 'labels' ? 'label' : 'annotate'
  const firstChange = p.words.findIndex(isChange)
  const resources = firstChange < 0 ? p.words : p.words.slice(0, firstChange)
  const words = firstChange < 0 ? [] : p.words.slice(firstChange)
  if (words.length === 0)
    throw new NativeError([
      `error: at least one ${what === 'labels' ? 'label' : 'annotation'} update is required`,
      `See 'kubectl ${verb} -h' for help and examples`,
    ])
  const { kind, names } = target(resources, `kubectl ${verb}`)
  if (names.length === 0)
    throw new NativeError(['error: resource(s) were provided, but no name was specified'])
  const { set, removed } = parseChanges(words, what)
  const state = ctx.state()
  const cluster = currentCluster(state)
  const ns = kindInfo(kind)?.namespaced === false ? '' : (namespaceFlag(p) ?? 'default')
  const overwrite = p.flags.get('overwrite') === 'true'
  const out: string[] = []
  for (const name of names) {
    const obj = getKube<KubeObject>(state, cluster.id, kind, ns, name)
    if (!obj)
      throw new NativeError([`Error from server (NotFound): ${groupResource(kind)} "${name}" not found`])
    const current = new Map(Object.entries((obj.metadata[what] as Record<string, string> | undefined) ?? {}))
    for (const [key, value] of set)
      if (!overwrite && current.has(key) && current.get(key) !== value)
        throw new NativeError([
          `error: '${key}' already has a value (${current.get(key)}), and --overwrite is false`,
        ])
    const changed = [...set].some(([k, v]) => current.get(k) !== v) || removed.some((k) => current.has(k))
    const done = what === 'labels' ? (set.size ? 'labeled' : 'unlabeled') : 'annotated'
    if (!changed) {
      out.push(`${resourceLabel(kind)}/${name} not ${done}`)
      continue
    }
    const entries = [...set, ...removed.map((k) => [k, null] as const)]
    const patch = { metadata: { [what]: Object.fromEntries(entries) } }
    const results = run(ctx, {
      type: 'kube.patch',
      cluster: cluster.name,
      namespace: namespaceFlag(p),
      kind,
      name,
      patch: JSON.stringify(patch),
      patchType: 'merge',
    })
    out.push(...print(results, 'STDIN', (r) => `${r.resource}/${r.name} ${done}`))
  }
  return out
}
