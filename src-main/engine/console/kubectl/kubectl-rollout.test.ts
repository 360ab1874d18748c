import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl rollout status on the engine's own cluster (story.ts): DaemonSets and StatefulSets before,
// during and after a template change, in kubectl's words (polymorphichelpers/rollout_status.go).

const restart = (at: string) =>
  `'{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"${at}"}}}}}'`

function story() {
  const c = demoStory()
  const advance = (ms: number) => c.lab.dispatch({ type: 'clock.advance', ms })
  return { ...c, advance }
}

describe('kubectl rollout status daemonset', () => {
  it('reports the rollout node by node, then success', () => {
    const { run, advance } = story()
    const status = 'kubectl rollout status daemonset/kube-proxy -n kube-system'
    expect(run(status)).toBe('daemon set "kube-proxy" successfully rolled out')
    const desired = run(
      "kubectl get ds kube-proxy -n kube-system -o jsonpath='{.status.desiredNumberScheduled}'",
    )
    expect(run(`kubectl patch ds kube-proxy -n kube-system --type merge -p ${restart('1')}`)).toBe(
      'daemonset.apps/kube-proxy patched',
    )
    expect(run(status)).toBe(
      `Waiting for daemon set "kube-proxy" rollout to finish: 0 out of ${desired} new pods have been updated...`,
    )
    advance(10 * 60_000)
    expect(run(status)).toBe('daemon set "kube-proxy" successfully rolled out')
    expect(run('kubectl rollout status ds kube-proxy -n kube-system')).toBe(
      'daemon set "kube-proxy" successfully rolled out',
    )
  })

  it('is only for RollingUpdate', () => {
    const { run } = story()
    run(
      `kubectl patch ds kube-proxy -n kube-system --type merge -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`,
    )
    expect(run('kubectl rollout status daemonset/kube-proxy -n kube-system')).toBe(
      'error: rollout status is only available for RollingUpdate strategy type',
    )
    expect(run('kubectl rollout status daemonset/nope')).toBe(
      'Error from server (NotFound): daemonsets.apps "nope" not found',
    )
  })
})

describe('kubectl rollout status statefulset', () => {
  it('waits for ready pods, then the partitioned roll out', () => {
    const { run, advance } = story()
    const status = 'kubectl rollout status statefulset/demo3'
    expect(run(status)).toBe('partitioned roll out complete: 5 new pods have been updated...')
    expect(run(`kubectl patch sts demo3 --type merge -p ${restart('1')}`)).toBe(
      'statefulset.apps/demo3 patched',
    )
    // demo3-4 is Terminating: not ready.
    expect(run(status)).toBe('Waiting for 1 pods to be ready...')
    advance(10 * 60_000)
    expect(run(status)).toBe('partitioned roll out complete: 5 new pods have been updated...')
    run(
      `kubectl patch sts demo3 --type merge -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":3}},"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2"}}}}}'`,
    )
    advance(10 * 60_000)
    expect(run(status)).toBe('partitioned roll out complete: 2 new pods have been updated...')
  })
})
