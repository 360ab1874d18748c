import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { getKube } from '@shared/kube'
import { clusterOf, withCluster } from '../aks/cluster-testkit'
import { demoStory } from '../console/kubectl/story'
import { advance, apply } from './kube-testkit'

// Probes (always succeeding): readiness holds a Running container not ready for initialDelaySeconds
// + one periodSeconds; liveness and startup probes change nothing. And kubectl's STATUS and READY
// through init containers and readiness.

const pod = (probes: string, inits = '') => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
${inits}  containers:
  - name: app
    image: 'nginx:1.21'
${probes}`

const readiness = (delay: number | null, period: number | null) =>
  `    readinessProbe:
      httpGet: {path: /, port: 80}
${delay === null ? '' : `      initialDelaySeconds: ${delay}\n`}${period === null ? '' : `      periodSeconds: ${period}\n`}`

/** Steps the clock a second at a time; the seconds from Running to ready, and the final pod. */
function readyAfter(manifest: string): { seconds: number; pod: Pod } {
  const lab = withCluster('demo', 1)
  apply(lab, manifest)
  const id = clusterOf(lab, 'demo').id
  const get = () => getKube<Pod>(lab.state, id, 'Pod', 'default', 'p')!
  let running = -1
  for (let t = 0; t < 300; t++) {
    const p = get()
    if (running < 0 && p.status?.phase === 'Running') {
      running = t
      expect(p.status.conditions?.find((c) => c.type === 'Ready')?.status).toBe(
        p.status.containerStatuses![0]!.ready ? 'True' : 'False',
      )
    }
    if (p.status?.containerStatuses?.[0]?.ready) return { seconds: t - running, pod: p }
    advance(lab, 1_000)
  }
  throw new Error('never ready')
}

describe('probes', () => {
  it('holds a container with a readiness probe not ready for initialDelaySeconds + periodSeconds', () => {
    const { seconds, pod: p } = readyAfter(pod(readiness(5, 3)))
    expect(seconds).toBe(8)
    const cond = (type: string) => p.status?.conditions?.find((c) => c.type === type)?.status
    expect([cond('Ready'), cond('ContainersReady')]).toEqual(['True', 'True'])
  })

  it('defaults to no initial delay and a 10 s period', () => {
    expect(readyAfter(pod(readiness(null, null))).seconds).toBe(10)
  })

  it('accepts liveness and startup probes, which always succeed: ready at once, never restarted', () => {
    const probes = `    livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 5}
    startupProbe: {exec: {command: [cat, /tmp/ok]}, failureThreshold: 1}
`
    const { seconds, pod: p } = readyAfter(pod(probes))
    expect(seconds).toBe(0)
    expect(p.status?.containerStatuses?.[0]?.restartCount).toBe(0)
  })

  it('shows Init:0/1, PodInitializing, then READY 0/1 → 1/1 in kubectl get pods', () => {
    const c = demoStory()
    const inits = `  initContainers:
  - {name: wait, image: 'busybox:1.33', command: [sh, -c, 'echo waiting; sleep 5']}
`
    apply(c.lab, pod(readiness(0, 10), inits))
    const seen: string[] = []
    for (let t = 0; t < 120; t++) {
      const row = c.run('kubectl get pod p').split('\n')[1]!.split(/\s+/)
      const line = `${row[1]} ${row[2]}`
      if (seen.at(-1) !== line) seen.push(line)
      c.lab.dispatch({ type: 'clock.advance', ms: 1_000 })
    }
    expect(seen).toEqual(['0/1 Pending', '0/1 Init:0/1', '0/1 PodInitializing', '0/1 Running', '1/1 Running'])
  })
})
