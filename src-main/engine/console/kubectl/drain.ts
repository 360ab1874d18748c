import type { KubeObject } from '@shared/contract'
import { listKube } from '@shared/kube'
import { NativeError } from '../errors'
import type { NativeContext } from '../registry'
import type { Parsed } from './args'
import { kubectlCordon } from './cordon'
import { gracePeriod, print, run } from './mutate'
import { currentCluster } from './store'

// kubectl drain NODE (drain.go and its filters): cordon, then evict every pod on the node except
// mirror pods, after the filters: DaemonSet pods need --ignore-daemonsets (they stay), pods with
// emptyDir need --delete-emptydir-data, pods no controller owns need --force. A filter's refusal
// stops the drain with kubectl's words; the node stays cordoned. The lab has no PodDisruptionBudgets,
// so every eviction is allowed; kubectl reports each pod evicted without waiting for it to go.

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)'
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods'
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)'
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage'
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)'
const UNMANAGED_WARNING = 'deleting Pods that declare no controller'

type Verdict = { delete: boolean; error?: string; warning?: string } | 'skip'

interface Options {
  ignoreDaemonSets: boolean
  deleteEmptyDir: boolean
  force: boolean
}

/** The filters in drain's order; the first that does not delete decides, else the last warning. */
function verdict(pod: KubeObject, o: Options): Verdict {
  const phase = (pod.status as { phase?: string } | undefined)?.phase
  const finished = phase === 'Succeeded' || phase === 'Failed'
  const owners = (pod.metadata.ownerReferences as { kind: string; controller?: boolean }[] | undefined) ?? []
  const controller = owners.find((r) => r.controller)
  // A static pod (the lab's control plane pods, owned by their node) is what a mirror pod is.
  if (controller?.kind === 'Node') return 'skip'
  if (controller?.kind === 'DaemonSet' && !finished)
    return o.ignoreDaemonSets
      ? { delete: false, warning: DAEMONSET_WARNING }
      : { delete: false, error: DAEMONSET_FATAL }
  let warning: string | undefined
  const volumes = ((pod.spec as { volumes?: { emptyDir?: unknown }[] } | undefined)?.volumes ?? []).filter(
    (v) => v.emptyDir !== undefined,
  )
  if (volumes.length && !finished) {
    if (!o.deleteEmptyDir) return { delete: false, error: LOCAL_STORAGE_FATAL }
    warning = LOCAL_STORAGE_WARNING
  }
  if (!controller && !finished) {
    if (!o.force) return { delete: false, error: UNMANAGED_FATAL }
    warning = UNMANAGED_WARNING
  }
  return { delete: true, warning }
}

/** `message: ns/a, ns/b` per message, in the order first met (kubectl's map order is random). */
function grouped(entries: [string, string][]): string[] {
  const byMessage = new Map<string, string[]>()
  for (const [message, pod] of entries) byMessage.set(message, [...(byMessage.get(message) ?? []), pod])
  return [...byMessage].map(([message, pods]) => `${message}: ${pods.join(', ')}`)
}

export function kubectlDrain(ctx: NativeContext, p: Parsed): string[] {
  const flag = (name: string) => p.flags.get(name) === 'true'
  const options = {
    ignoreDaemonSets: flag('ignore-daemonsets'),
    deleteEmptyDir: flag('delete-emptydir-data'),
    force: flag('force'),
  }
  const out = kubectlCordon(ctx, p, true)
  const state = ctx.state()
  const cluster = currentCluster(state)
  const names = (p.words[0] === 'node' || p.words[0] === 'nodes' ? p.words.slice(1) : p.words).map((n) =>
    n.replace(/^nodes?\//, ''),
  )
  for (const node of names) {
    const pods = listKube<KubeObject>(state, cluster.id, { kind: 'Pod' }).filter(
      (pod) =>
        (pod.spec as { nodeName?: string } | undefined)?.nodeName === node && !pod.metadata.deletionTimestamp,
    )
    const errors: [string, string][] = []
    const warnings: [string, string][] = []
    const evict: KubeObject[] = []
    for (const pod of pods) {
      const v = verdict(pod, options)
      if (v === 'skip') continue
      const ref = `${pod.metadata.namespace}/${pod.metadata.name}`
      if (v.error) errors.push([`cannot delete ${v.error}`, ref])
      else if (v.warning) warnings.push([v.warning, ref])
      if (v.delete) evict.push(pod)
    }
    if (errors.length) {
      const each = grouped(errors)
      const all = each.length > 1 ? `[${each.join(', ')}]` : each[0]!
      throw new NativeError(
        [
          `error: unable to drain node "${node}" due to error: ${all}, continuing command...`,
          'There are pending nodes to be drained:',
          ` ${node}`,
          ...each,
        ],
        out,
      )
    }
    if (warnings.length) out.push(`Warning: ${grouped(warnings).join('; ')}`)
    for (const pod of evict) {
      out.push(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}`)
      const results = run(ctx, {
        type: 'kube.delete',
        cluster: cluster.name,
        namespace: pod.metadata.namespace!,
        kind: 'Pod',
        name: pod.metadata.name,
        gracePeriod: gracePeriod(p),
      })
      out.push(...print(results, 'STDIN', () => `pod/${pod.metadata.name} evicted`))
    }
    out.push(`node/${node} drained`)
  }
  return out
}
