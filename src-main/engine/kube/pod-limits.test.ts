import { describe, expect, it, vi } from 'vitest'
import { demoStory } from '../console/kubectl/story'

// However many replicas are asked for, a command or an instant creates a bounded number of pods (the
// burst), and a cluster never holds more than the pod limit: beyond it the workload gets FailedCreate.
// The limit is lowered here so that the test reaches it in a moment; the lab's is 150,000.

vi.mock('@shared/aks-cluster-assumptions', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MAX_PODS_PER_CLUSTER: 1_200,
}))

const podCount = (run: (line: string) => string) => run('kubectl get pods -A -o name').split('\n').length

describe('pod creation bounds', () => {
  it('kubectl scale --replicas=1000000 returns at once with 500 new pods; time brings the rest up to the limit', () => {
    const c = demoStory()
    const before = podCount(c.run)
    expect(c.run('kubectl scale deployment demo2 --replicas=1000000')).toBe('deployment.apps/demo2 scaled')
    expect(podCount(c.run) - before).toBe(500)
    c.lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    expect(podCount(c.run)).toBe(1_200)
    const events = c.run('kubectl get events --field-selector reason=FailedCreate')
    expect(events).toMatch(
      /Warning +FailedCreate +replicaset\/demo2-\w+ +Error creating: pods "demo2-\w+-" is forbidden: the cluster has 1,200 pods, the most HCI Lab simulates \(Kubernetes' scalability limit of 1,200 pods per cluster\)/,
    )
    // Scaling back frees the room.
    c.run('kubectl scale deployment demo2 --replicas=1')
    c.lab.dispatch({ type: 'clock.advance', ms: 120_000 })
    expect(c.run('kubectl get deployment demo2')).toMatch(/demo2 +1\/1/)
  })
})
