import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChangeBatch } from '@shared/changes'
import { ChangeThrottle, MAX_CHANGES_PER_PUSH, MAX_PUSH_BYTES } from './change-throttle'

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
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
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
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
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
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
    throttle.push(batch(0, 'a'))
    throttle.flush()
    expect(sent).toHaveLength(1)
    throttle.push(batch(1, 'b'))
    throttle.drop()
    vi.advanceTimersByTime(500)
    expect(sent).toHaveLength(1)
  })

  it('sends a summary instead of a batch with too many changes, and keeps the version chain', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
    const huge: ChangeBatch = {
      from: 7,
      version: 8,
      changes: Array.from({ length: 1_000_000 }, (_, i) => ({ c: 'kube', id: `pod-${i}`, v: { i } })),
    }
    throttle.push(huge)
    throttle.push(batch(8, 'after'))
    vi.advanceTimersByTime(0)
    expect(sent).toEqual([{ from: 7, version: 9, changes: [], resync: true }])
    // The next push is a plain batch again, following the summary.
    throttle.push(batch(9, 'next'))
    vi.advanceTimersByTime(100)
    expect(sent[1]).toEqual({ from: 9, version: 10, changes: [{ c: 'volumes', id: 'next', v: 9 }] })
  })

  it('counts the changes of merged batches', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
    const many = (from: number, n: number): ChangeBatch => ({
      from,
      version: from + 1,
      changes: Array.from({ length: n }, (_, i) => ({ c: 'volumes', id: `v${i}`, v: null })),
    })
    throttle.push(many(0, MAX_CHANGES_PER_PUSH))
    vi.advanceTimersByTime(0)
    expect(sent[0]!.changes).toHaveLength(MAX_CHANGES_PER_PUSH)
    throttle.push(many(1, MAX_CHANGES_PER_PUSH / 2))
    throttle.push(many(2, MAX_CHANGES_PER_PUSH / 2 + 1))
    vi.advanceTimersByTime(100)
    expect(sent[1]).toEqual({ from: 1, version: 3, changes: [], resync: true })
  })

  it('sends a summary instead of a batch of more than a megabyte', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
    const big = 'x'.repeat(MAX_PUSH_BYTES / 4)
    throttle.push({
      from: 0,
      version: 1,
      changes: [1, 2, 3, 4, 5].map((i) => ({ c: 'files', id: `f${i}`, v: big })),
    })
    vi.advanceTimersByTime(0)
    expect(sent).toEqual([{ from: 0, version: 1, changes: [], resync: true }])
  })

  it('sends a summary for changes that cannot be serialised', () => {
    const sent: ChangeBatch[] = []
    const throttle = new ChangeThrottle((b) => sent.push(b), { intervalMs: 100 })
    throttle.push({ from: 0, version: 1, changes: [{ c: 'meta', id: '', v: { n: 1n } }] })
    vi.advanceTimersByTime(0)
    expect(sent).toEqual([{ from: 0, version: 1, changes: [], resync: true }])
  })

  it('logs a push that throws instead of letting it out of the timer', () => {
    const log = vi.fn()
    const throttle = new ChangeThrottle(
      () => {
        throw new RangeError('Invalid string length')
      },
      { intervalMs: 100, log },
    )
    throttle.push(batch(0, 'a'))
    expect(() => vi.advanceTimersByTime(0)).not.toThrow()
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/changes 0→1: RangeError: Invalid string length/))
  })
})
