import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { groupResource, namespaceFlag, print, run } from './mutate'
import { findResourceType } from './resources'
import { currentCluster } from './store'

// kubectl set image TYPE/NAME CONTAINER=IMAGE… and kubectl rollout restart TYPE/NAME: both change a
// workload's pod template (its containers' images; a restartedAt annotation) with a patch, and the
// controller rolls the pods as for any new template.

const TEMPLATED = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'])

/** TYPE/NAME or TYPE NAME, read from the words after the subcommand. */
function target(ctx: NativeContext, p: Parsed, words: string[]) {
  const [first, second] = words
  const [t, n] = first?.includes('/') ? first.split('/', 2) : [first, second]
  const type = findResourceType(t ?? '')
  if (t && !type) throw new NativeError([`error: the server doesn't have a resource type "${t}"`])
  if (!type || !n) throw new NativeError(['error: required resource not specified'])
  const state = ctx.state()
  const cluster = currentCluster(state)
  const ns = namespaceFlag(p) ?? 'default'
  const o = getKube<KubeObject>(state, cluster.id, type.kind, ns, n)
  if (!o)
    throw new NativeError([`Error from server (NotFound): ${groupResource(type.kind)} "${n}" not found`])
  return { o, cluster, rest: words.slice(first?.includes('/') ? 1 : 2) }
}

function patch(ctx: NativeContext, o: KubeObject, body: unknown, done: string): string[] {
  const results = run(ctx, {
    type: 'kube.patch',
    cluster: currentCluster(ctx.state()).name,
    namespace: o.metadata.namespace ?? null,
    kind: o.kind,
    name: o.metadata.name,
    patch: JSON.stringify(body),
    patchType: 'merge',
  })
  return print(results, 'STDIN', (r) => `${r.resource}/${r.name} ${done}`)
}

export function kubectlSetImage(ctx: NativeContext, p: Parsed): string[] {
  if (p.words[0] !== 'image')
    throw new NativeError([
      p.words[0] === undefined
        ? 'error: set needs a subcommand'
        : `error: unknown command "${p.words[0]}" for "kubectl set"`,
      'HCI Lab supports: kubectl set image TYPE/NAME CONTAINER=IMAGE…',
    ])
  const { o, rest } = target(ctx, p, p.words.slice(1))
  const changes = new Map<string, string>()
  for (const spec of rest) {
    const at = spec.indexOf('=')
    if (at <= 0 || at === spec.length - 1) throw new NativeError([`error: invalid image spec: ${spec}`])
    changes.set(spec.slice(0, at), spec.slice(at + 1))
  }
  if (changes.size === 0)
    throw new NativeError([
      'error: at least one image update is required',
      "See 'kubectl set image -h' for help and examples",
    ])
  const podSpec = (
    o.kind === 'Pod' ? o.spec : (o.spec as { template?: { spec?: unknown } })?.template?.spec
  ) as { containers?: { name: string; image?: string }[] } | undefined
  if (o.kind !== 'Pod' && !TEMPLATED.has(o.kind))
    throw new NativeError([`error: ${groupResource(o.kind)}/${o.metadata.name} has no pod template`])
  const containers = podSpec?.containers ?? []
  for (const name of changes.keys())
    if (name !== '*' && !containers.some((c) => c.name === name))
      throw new NativeError([`error: unable to find container named "${name}"`])
  const next = containers.map((c) => ({ ...c, image: changes.get(c.name) ?? changes.get('*') ?? c.image }))
  const body =
    o.kind === 'Pod' ? { spec: { containers: next } } : { spec: { template: { spec: { containers: next } } } }
  return patch(ctx, o, body, 'image updated')
}

export function kubectlRolloutRestart(ctx: NativeContext, p: Parsed): string[] {
  const { o } = target(ctx, p, p.words.slice(1))
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind))
    throw new NativeError([
      `error: ${groupResource(o.kind)} "${o.metadata.name}" restarting is not supported`,
    ])
  const restartedAt = new Date(ctx.state().clock.now).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const body = {
    spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': restartedAt } } } },
  }
  return patch(ctx, o, body, 'restarted')
}
