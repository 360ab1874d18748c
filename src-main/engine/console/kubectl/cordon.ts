import type { KubeObject } from '@shared/contract'
import { getKube } from '@shared/kube'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { print, run } from './mutate'
import { currentCluster } from './store'

// kubectl cordon / uncordon NODE… (drain.go's cordon helper): a merge patch of spec.unschedulable.
// The scheduler then places no new pod there; pods already on the node stay, and DaemonSet pods
// still come (their controller binds them itself).

export function kubectlCordon(ctx: NativeContext, p: Parsed, cordon: boolean): string[] {
  const verb = cordon ? 'cordon' : 'uncordon'
  const names = p.words[0] === 'node' || p.words[0] === 'nodes' ? p.words.slice(1) : p.words
  if (names.length === 0)
    throw new NativeError([
      'error: USAGE: ' + `${verb} NODE [flags]`,
      `See 'kubectl ${verb} -h' for help and examples`,
    ])
  const state = ctx.state()
  const cluster = currentCluster(state)
  const out: string[] = []
  for (const name of names.map((n) => n.replace(/^nodes?\//, ''))) {
    const node = getKube<KubeObject>(state, cluster.id, 'Node', '', name)
    if (!node) throw new NativeError([`Error from server (NotFound): nodes "${name}" not found`])
    const done = cordon ? 'cordoned' : 'uncordoned'
    if (((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true) === cordon) {
      out.push(`node/${name} already ${done}`)
      continue
    }
    const results = run(ctx, {
      type: 'kube.patch',
      cluster: cluster.name,
      namespace: null,
      kind: 'Node',
      name,
      patch: JSON.stringify({ spec: { unschedulable: cordon ? true : null } }),
      patchType: 'merge',
    })
    out.push(...print(results, 'STDIN', () => `node/${name} ${done}`))
  }
  return out
}
