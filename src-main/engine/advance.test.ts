import { describe, expect, it } from 'vitest'
import { demoStory } from './console/kubectl/story'
import { Lab } from './lab'

// An advance the host cuts short between instants (its time slice spent) leaves the lab exactly as
// an advance to that instant would, and going on from there ends where one long advance ends.

describe('an advance in slices', () => {
  it('stops between instants when asked, and slices add up to the whole advance', () => {
    const c = demoStory()
    c.run('kubectl scale deployment demo2 --replicas=40')
    const start = c.lab.snapshot()
    const from = c.lab.now
    const whole = Lab.fromState(structuredClone(start))
    whole.advanceTo(from + 5 * 60_000)

    const sliced = Lab.fromState(structuredClone(start))
    let slices = 0
    while (sliced.now < from + 5 * 60_000) {
      let asked = 0
      sliced.advanceTo(from + 5 * 60_000, { yieldNow: () => ++asked > 1 })
      slices++
    }
    expect(slices).toBeGreaterThan(3)
    expect(sliced.hash()).toBe(whole.hash())
  })
})
