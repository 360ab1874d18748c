import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { kindInfo, resourceLabel } from '@shared/kube-kinds'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { groupResource, namespaceFlag, print, run, target } from './mutate'
import { currentCluster } from './store'

// kubectl label / annotate TYPE NAME… KEY=VALUE… KEY-… (label.go, annotate.go): a merge patch of
// metadata.labels or metadata.annotations; a key that already has another value needs --overwrite.

const isChange = (w: string) => w.includes('=') || w.endsWith('-')

export function kubectlLabel(ctx: NativeContext, p: Parsed, what: 'labels' | 'annotations'): string[] {
  const verb = what === 'labels' ? 'label' : 'annotate'
  const firstChange = p.words.findIndex(isChange)
  const resources = firstChange < 0 ? p.words : p.words.slice(0, firstChange)
  const changes = firstChange < 0 ? [] : p.words.slice(firstChange)
  if (changes.length === 0)
    throw new NativeError([
      `error: at least one ${what === 'labels' ? 'label' : 'annotation'} update is required`,
      `See 'kubectl ${verb} -h' for help and examples`,
    ])
  const { kind, names } = target(resources, `kubectl ${verb}`)
  if (names.length === 0)
    throw new NativeError(['error: resource(s) were provided, but no name was specified'])
  const set: Record<string, string> = {}
  const removed: string[] = []
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) removed.push(c.slice(0, -1))
    else {
      const [key, ...value] = c.split('=')
      set[key!] = value.join('=')
    }
  }
  const state = ctx.state()
  const cluster = currentCluster(state)
  const ns = kindInfo(kind)?.namespaced === false ? '' : (namespaceFlag(p) ?? 'default')
  const overwrite = p.flags.get('overwrite') === 'true'
  const out: string[] = []
  for (const name of names) {
    const obj = getKube<KubeObject>(state, cluster.id, kind, ns, name)
    if (!obj)
      throw new NativeError([`Error from server (NotFound): ${groupResource(kind)} "${name}" not found`])
    const current = (obj.metadata[what] as Record<string, string> | undefined) ?? {}
    for (const [key, value] of Object.entries(set))
      if (!overwrite && key in current && current[key] !== value)
        throw new NativeError([
          `error: '${key}' already has a value (${current[key]}), and --overwrite is false`,
        ])
    const changed =
      Object.entries(set).some(([k, v]) => current[k] !== v) || removed.some((k) => k in current)
    const done = what === 'labels' ? (Object.keys(set).length ? 'labeled' : 'unlabeled') : 'annotated'
    if (!changed) {
      out.push(`${resourceLabel(kind)}/${name} not ${done}`)
      continue
    }
    const patch = { metadata: { [what]: { ...set, ...Object.fromEntries(removed.map((k) => [k, null])) } } }
    const results = run(ctx, {
      type: 'kube.patch',
      cluster: cluster.name,
      namespace: namespaceFlag(p),
      kind,
      name,
      patch: JSON.stringify(patch),
    })
    out.push(...print(results, 'STDIN', (r) => `${r.resource}/${r.name} ${done}`))
  }
  return out
}
