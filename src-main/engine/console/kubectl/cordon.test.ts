import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl cordon marks a node unschedulable: `kubectl get nodes` says SchedulingDisabled, the
// scheduler places no new pod there (FailedScheduling says why when no node is left), pods already
// there stay; uncordon undoes it.

describe('kubectl cordon and uncordon', () => {
  it('keeps new pods off a cordoned node and lets them back after uncordon', () => {
    const c = demoStory()
    const workers = c
      .run('kubectl get nodes -o name')
      .split('\n')
      .map((n) => n.replace('node/', ''))
      .filter((n) => !n.includes('control-plane'))
    expect(workers).toHaveLength(2)
    const before = c.run('kubectl get pods -l mylabel=demo2 -o wide')
    for (const w of workers) expect(c.run(`kubectl cordon ${w}`)).toBe(`node/${w} cordoned`)
    expect(c.run(`kubectl cordon ${workers[0]}`)).toBe(`node/${workers[0]} already cordoned`)
    expect(c.run('kubectl get nodes')).toMatch(new RegExp(`${workers[0]}\\s+Ready,SchedulingDisabled`))
    // The pods already placed stay where they are.
    expect(c.run('kubectl get pods -l mylabel=demo2 -o wide')).toBe(before)

    c.run('kubectl scale deployment demo2 --replicas=3')
    c.lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    const pending = c
      .run('kubectl get pods -l mylabel=demo2')
      .split('\n')
      .filter((l) => l.includes('Pending'))
    expect(pending).toHaveLength(2)
    expect(c.run('kubectl get events --field-selector reason=FailedScheduling')).toContain(
      '2 node(s) were unschedulable',
    )

    for (const w of workers) expect(c.run(`kubectl uncordon ${w}`)).toBe(`node/${w} uncordoned`)
    expect(c.run(`kubectl uncordon ${workers[0]}`)).toBe(`node/${workers[0]} already uncordoned`)
    c.lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    expect(c.run('kubectl get deployment demo2')).toMatch(/demo2\s+3\/3/)
    expect(c.run('kubectl get nodes')).not.toContain('SchedulingDisabled')
  })

  it('refuses a node that does not exist, and a missing name', () => {
    const c = demoStory()
    expect(c.run('kubectl cordon nope')).toBe('Error from server (NotFound): nodes "nope" not found')
    expect(c.run('kubectl cordon')).toContain('error: USAGE: cordon NODE [flags]')
  })
})
