import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl set image and rollout restart: a new pod template, rolled out by the Deployment
// controller (a new ReplicaSet; the old one scaled to 0).

const replicaSets = (c: ReturnType<typeof demoStory>) =>
  c.run('kubectl get rs -l mylabel=demo2 -o name').split('\n').filter(Boolean)

describe('kubectl set image and rollout restart', () => {
  it('set image rolls a deployment onto the new image', () => {
    const c = demoStory()
    expect(c.run('kubectl set image deployment/demo2 demo=nginx:1.21')).toBe(
      'deployment.apps/demo2 image updated',
    )
    c.lab.dispatch({ type: 'clock.advance', ms: 3 * 60_000 })
    expect(replicaSets(c)).toHaveLength(2)
    expect(
      c.run("kubectl get pods -l mylabel=demo2 -o jsonpath='{.items[*].spec.containers[0].image}'"),
    ).toBe('nginx:1.21')
    expect(c.run('kubectl rollout status deployment/demo2')).toBe(
      'deployment "demo2" successfully rolled out',
    )
    expect(c.run('kubectl set image deployment/demo2 nope=nginx')).toBe(
      'error: unable to find container named "nope"',
    )
    expect(c.run('kubectl set image deployment/missing demo=nginx')).toBe(
      'Error from server (NotFound): deployments.apps "missing" not found',
    )
  })

  it('rollout restart stamps the template and replaces the pods', () => {
    const c = demoStory()
    const before = c.run('kubectl get pods -l mylabel=demo2 -o name')
    expect(c.run('kubectl rollout restart deployment demo2')).toBe('deployment.apps/demo2 restarted')
    expect(c.run("kubectl get deploy demo2 -o jsonpath='{.spec.template.metadata.annotations}'")).toContain(
      'kubectl.kubernetes.io/restartedAt',
    )
    c.lab.dispatch({ type: 'clock.advance', ms: 3 * 60_000 })
    const after = c.run('kubectl get pods -l mylabel=demo2 -o name')
    expect(after).not.toBe(before)
    expect(replicaSets(c)).toHaveLength(2)
  })
})
