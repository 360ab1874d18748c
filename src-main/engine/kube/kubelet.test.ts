import { describe, expect, it } from 'vitest'
import type { Event } from 'kubernetes-types/core/v1'
import { listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { advance, apply, deployment } from './kube-testkit'

const deploy = deployment

/** The image events of each pod of an app, in the order they were recorded. */
function imageEvents(lab: ReturnType<typeof withCluster>, app: string): string[][] {
  const id = clusterOf(lab, 'demo').id
  const events = listKube<Event>(lab.state, id, { kind: 'Event', namespace: 'default' })
    .filter((e) => e.involvedObject.name!.startsWith(`${app}-`) && e.involvedObject.kind === 'Pod')
    .filter((e) => e.reason === 'Pulling' || e.reason === 'Pulled')
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
  const byPod = new Map<string, string[]>()
  for (const e of events)
    byPod.set(e.involvedObject.name!, [...(byPod.get(e.involvedObject.name!) ?? []), e.message!])
  return [...byPod.values()]
}

describe('kubelet image pulls', () => {
  it('pulls a tagged image once per node (IfNotPresent), then finds it already present', () => {
    const lab = withCluster('demo', 1)
    apply(lab, deploy('web', 'nginx:1.21', 1))
    advance(lab, 2 * 60_000)
    apply(lab, deploy('web', 'nginx:1.21', 2))
    advance(lab, 2 * 60_000)
    expect(imageEvents(lab, 'web')).toEqual(
      expect.arrayContaining([
        ['Pulling image "nginx:1.21"', 'Successfully pulled image "nginx:1.21"'],
        ['Container image "nginx:1.21" already present on machine'],
      ]),
    )
  })

  it('pulls a :latest image every time (imagePullPolicy Always), one "Successfully pulled" each', () => {
    const lab = withCluster('demo', 1)
    apply(lab, deploy('demo', 'mcr.microsoft.com/azurestackhci/aks-demo:latest', 1))
    advance(lab, 2 * 60_000)
    apply(lab, deploy('demo', 'mcr.microsoft.com/azurestackhci/aks-demo:latest', 2))
    advance(lab, 2 * 60_000)
    const image = 'mcr.microsoft.com/azurestackhci/aks-demo:latest'
    expect(imageEvents(lab, 'demo')).toEqual([
      [`Pulling image "${image}"`, `Successfully pulled image "${image}"`],
      [`Pulling image "${image}"`, `Successfully pulled image "${image}"`],
    ])
  })
})
