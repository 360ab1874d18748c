import { describe, expect, it } from 'vitest'
import { newConsole } from '../testkit'
import { demoStory } from './story'

// The seed's clusters have no metrics server: kubectl top says so in kubectl's words.

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
