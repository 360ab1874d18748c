import { describe, expect, it } from 'vitest'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { getKube, listKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { advance, apply } from './kube-testkit'

// Init containers over virtual time: in order, each to completion, then the app containers.

const pod = (inits: string, policy = 'Always') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: ${policy}
  initContainers:
${inits}  containers:
  - {name: app, image: 'nginx:1.21'}
`
const init = (name: string, command: string) =>
  `  - {name: ${name}, image: 'busybox:1.33', command: ${command}}\n`

function setup(manifest: string) {
  const lab = withCluster('demo', 1)
  apply(lab, manifest)
  const id = clusterOf(lab, 'demo').id
  const get = () => getKube<Pod>(lab.state, id, 'Pod', 'default', 'p')!
  const events = () =>
    listKube<Event>(lab.state, id, { kind: 'Event', namespace: 'default' })
      .filter((e) => e.involvedObject.name === 'p')
      .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
  return { lab, get, events }
}

const states = (p: Pod) =>
  (p.status?.initContainerStatuses ?? []).map((s) =>
    s.state?.running ? 'running' : s.state?.terminated ? s.state.terminated.reason : s.state?.waiting?.reason,
  )
const cond = (p: Pod, type: string) => p.status?.conditions?.find((c) => c.type === type)?.status

describe('init containers', () => {
  it('run in order to completion before the app container starts', () => {
    const { lab, get, events } = setup(
      pod(init('one', '[sleep, "5"]') + init('two', '[sh, -c, "echo hi; sleep 3"]')),
    )
    advance(lab, 3_000)
    expect(get().status?.phase).toBe('Pending')
    expect(cond(get(), 'Initialized')).toBe('False')
    expect(states(get())).toEqual(['PodInitializing', 'PodInitializing'])
    // Step the clock a second at a time: the distinct states the pod goes through.
    const seen: string[] = []
    const times: number[] = []
    for (let t = 0; t < 90 && get().status?.phase !== 'Running'; t++) {
      const app = get().status?.containerStatuses?.[0]?.state?.waiting?.reason ?? 'started'
      const line = `${states(get()).join(',')} ${app}`
      if (seen.at(-1) !== line) {
        seen.push(line)
        times.push(t)
      }
      advance(lab, 1_000)
    }
    expect(seen).toEqual([
      'PodInitializing,PodInitializing PodInitializing',
      'running,PodInitializing PodInitializing',
      'Completed,PodInitializing PodInitializing',
      'Completed,running PodInitializing',
      'Completed,Completed PodInitializing',
    ])
    expect(times[2]! - times[1]!).toBe(5) // sleep 5
    expect(times[4]! - times[3]!).toBe(3) // echo hi; sleep 3
    expect(cond(get(), 'Initialized')).toBe('True')
    advance(lab, 60_000)
    expect(get().status?.phase).toBe('Running')
    expect(get().status?.containerStatuses?.[0]?.ready).toBe(true)
    expect(cond(get(), 'Ready')).toBe('True')
    const started = events()
      .filter((e) => ['Created', 'Started'].includes(e.reason!))
      .map((e) => `${e.reason} ${e.involvedObject.fieldPath}`)
    expect(started).toEqual([
      'Created spec.initContainers{one}',
      'Started spec.initContainers{one}',
      'Created spec.initContainers{two}',
      'Started spec.initContainers{two}',
      'Created spec.containers{app}',
      'Started spec.containers{app}',
    ])
    expect(
      events().some(
        (e) => e.reason === 'Pulling' && e.involvedObject.fieldPath === 'spec.initContainers{one}',
      ),
    ).toBe(true)
  })

  it('restarts a failing init container with back-off (restartPolicy Always)', () => {
    const { lab, get } = setup(pod(init('bad', '[sh, -c, "exit 2"]')))
    advance(lab, 60_000)
    const s = get().status!.initContainerStatuses![0]!
    expect(s.restartCount).toBeGreaterThan(0)
    expect(s.lastState?.terminated?.exitCode).toBe(2)
    expect(get().status?.phase).toBe('Pending')
    expect(get().status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing')
  })

  it('fails the pod when an init container fails and restartPolicy is Never', () => {
    const { lab, get } = setup(pod(init('bad', '["false"]'), 'Never'))
    advance(lab, 60_000)
    expect(get().status?.phase).toBe('Failed')
    expect(states(get())).toEqual(['Error'])
    expect(get().status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing')
  })
})
