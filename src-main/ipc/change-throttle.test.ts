import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChangeBatch } from '@shared/changes'
import { ChangeThrottle } from './change-throttle'

const batch = (from: number, id: string): ChangeBatch => ({
  from,
  version: from + 1,
  changes: [{ c: 'volumes', id, v: from }],
})

describe('ChangeThrottle', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('merges a burst into one versioned batch', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), 100)
    throttle.push(batch(4, 'a'))
    throttle.push(batch(5, 'b'))
    throttle.push(batch(6, 'c'))
    expect(sent).toEqual([])
    vi.advanceTimersByTime(0)
    expect(sent).toEqual([
      {
        from: 4,
        version: 7,
        changes: [
          { c: 'volumes', id: 'a', v: 4 },
          { c: 'volumes', id: 'b', v: 5 },
          { c: 'volumes', id: 'c', v: 6 },
        ],
      },
    ])
  })

  it('sends at most one batch per interval, without gaps in the versions', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), 100)
    // 1000 batches over one second of wall time, one every millisecond.
    for (let v = 0; v < 1000; v++) {
      throttle.push(batch(v, `x${v}`))
      vi.advanceTimersByTime(1)
    }
    vi.advanceTimersByTime(200)
    expect(sent.length).toBeGreaterThanOrEqual(9)
    expect(sent.length).toBeLessThanOrEqual(11)
    expect(sent[0]!.from).toBe(0)
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.from).toBe(sent[i - 1]!.version)
    expect(sent.at(-1)!.version).toBe(1000)
    expect(sent.reduce((n, b) => n + b.changes.length, 0)).toBe(1000)
  })

  it('flushes on demand and drops what a closed lab left', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), 100)
    throttle.push(batch(0, 'a'))
    throttle.flush()
    expect(sent).toHaveLength(1)
    throttle.push(batch(1, 'b'))
    throttle.drop()
    vi.advanceTimersByTime(500)
    expect(sent).toHaveLength(1)
  })
})
