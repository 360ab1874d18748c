import { describe, expect, it } from 'vitest'
import { compactQueue, insertEvent, queuedCount, removeEvents, takeDue } from './queue'
import type { ScheduledEvent } from './state'

const ev = (at: number, seq: number, uid = `u${seq}`): ScheduledEvent => ({
  at,
  seq,
  kind: 'k',
  data: { uid },
})

describe('the clock queue', () => {
  it('keeps (at, seq) order: an event goes after every event due at or before its time', () => {
    const q: ScheduledEvent[] = []
    for (const e of [ev(5, 1), ev(3, 2), ev(5, 3), ev(1, 4), ev(3, 5)]) insertEvent(q, e)
    compactQueue(q) // events due before the last wait in a heap until then
    expect(q.map((e) => e.seq)).toEqual([4, 2, 5, 1, 3])
  })

  it('takes events in (at, seq) order however they were queued, and removes queued ones by identity', () => {
    const q: ScheduledEvent[] = []
    const events = Array.from({ length: 200 }, (_, i) => ev((i * 37) % 23, i + 1))
    for (const e of events) insertEvent(q, e)
    const late = events[150]!
    removeEvents(q, new Set([late]))
    const taken: number[] = []
    for (let e = takeDue(q, 100); e; e = takeDue(q, 100)) taken.push(e.seq)
    const want = events
      .filter((e) => e !== late)
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => e.seq)
    expect(taken).toEqual(want)
    expect(queuedCount(q, 'k', 'u1')).toBe(0)
  })

  it('takes due events in order, cuts them off once, and counts what is still queued', () => {
    const q: ScheduledEvent[] = []
    for (const e of [ev(1, 1, 'a'), ev(2, 2, 'a'), ev(9, 3, 'b')]) insertEvent(q, e)
    expect(queuedCount(q, 'k', 'a')).toBe(2)
    expect(takeDue(q, 5)?.seq).toBe(1)
    insertEvent(q, ev(4, 4, 'b')) // scheduled while advancing: goes before the event due at 9
    expect(takeDue(q, 5)?.seq).toBe(2)
    expect(takeDue(q, 5)?.seq).toBe(4)
    expect(takeDue(q, 5)).toBeUndefined()
    expect(queuedCount(q, 'k', 'a')).toBe(0)
    compactQueue(q)
    expect(q.map((e) => e.seq)).toEqual([3])
    expect(queuedCount(q, 'k', 'b')).toBe(1)
    removeEvents(q, new Set([q[0]!]))
    expect(q).toEqual([])
    expect(queuedCount(q, 'k', 'b')).toBe(0)
  })
})
