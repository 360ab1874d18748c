import { describe, expect, it } from 'vitest'
import { newConsole } from '../testkit'
import { demoStory } from './story'

// What kubectl learns of the server: no metrics API (kubectl top says so in kubectl's words), the
// group/versions it serves, and that the admin context may do everything.

describe('kubectl top', () => {
  it('says the Metrics API is not available, for nodes and pods', () => {
    const c = demoStory()
    for (const line of ['kubectl top nodes', 'kubectl top pod -A', 'kubectl top po demo3-0']) {
      const r = c.session.run(line)
      expect(r.output).toBe('error: Metrics API not available')
      expect(r.error).toBeDefined()
    }
    expect(c.run('kubectl top')).toContain('Display resource (CPU/memory) usage.')
    expect(c.run('kubectl top deployments')).toContain(
      'error: unknown command "deployments" for "kubectl top"',
    )
  })

  it('without a cluster, cannot reach one first', () => {
    const c = newConsole()
    expect(c.run('kubectl top nodes')).toContain('The connection to the server localhost:8080 was refused')
  })
})

describe('kubectl api-versions and auth can-i', () => {
  it('lists the served group/versions, and the admin context may do everything', () => {
    const c = demoStory()
    expect(c.run('kubectl api-versions')).toBe(['apps/v1', 'batch/v1', 'storage.k8s.io/v1', 'v1'].join('\n'))
    expect(c.run('kubectl auth can-i create deployments')).toBe('yes')
    expect(c.run('kubectl auth can-i delete pods/demo3-0')).toBe('yes')
    expect(c.run('kubectl auth can-i get widgets')).toBe(
      "Warning: the server doesn't have a resource type 'widgets'\nyes",
    )
  })
})
