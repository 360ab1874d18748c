import type { ScheduledEvent } from './state'

// The virtual clock's queue, ordered by (at, seq), changed in place (a 20,000-pod lab keeps tens of
// thousands of events queued: copying it per schedule would be quadratic). A count of queued events
// per kind and subject (the data's uid, else its clusterId) answers "is one already queued?" without a
// scan; it is derived, kept per queue array, and rebuilt whenever an array is met for the first time.

type Counts = Map<string, Map<string, number>> // kind → subject → queued events
const counts = new WeakMap<ScheduledEvent[], Counts>()

function subjectOf(data: unknown): string {
  const d = data as { uid?: unknown; clusterId?: unknown } | null
  return typeof d?.uid === 'string' ? d.uid : typeof d?.clusterId === 'string' ? d.clusterId : ''
}

function countsOf(queue: ScheduledEvent[]): Counts {
  let map = counts.get(queue)
  if (!map) {
    map = new Map()
    for (const e of queue) bump(map, e, 1)
    counts.set(queue, map)
  }
  return map
}

function bump(map: Counts, event: ScheduledEvent, by: number): void {
  let ofKind = map.get(event.kind)
  if (!ofKind) map.set(event.kind, (ofKind = new Map()))
  const subject = subjectOf(event.data)
  const n = (ofKind.get(subject) ?? 0) + by
  if (n > 0) ofKind.set(subject, n)
  else ofKind.delete(subject)
}

/** Inserts after every event due at or before `event.at` (seq is the largest yet). */
export function insertEvent(queue: ScheduledEvent[], event: ScheduledEvent): void {
  let lo = 0
  let hi = queue.length
  // Most events go at or near the end: look there first.
  if (hi === 0 || queue[hi - 1]!.at <= event.at) lo = hi
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (queue[mid]!.at <= event.at) lo = mid + 1
    else hi = mid
  }
  countsOf(queue)
  if (lo === queue.length) queue.push(event)
  else queue.splice(lo, 0, event)
  bump(countsOf(queue), event, 1)
}

/** Removes one event (by identity), e.g. to undo its scheduling. */
export function removeEvent(queue: ScheduledEvent[], event: ScheduledEvent): void {
  const i = queue.lastIndexOf(event)
  if (i < 0) return
  countsOf(queue)
  queue.splice(i, 1)
  bump(countsOf(queue), event, -1)
}

/** Takes the first event if it is due at or before `t`. */
export function takeDue(queue: ScheduledEvent[], t: number): ScheduledEvent | undefined {
  if (queue.length === 0 || queue[0]!.at > t) return undefined
  countsOf(queue)
  const event = queue.shift()!
  bump(countsOf(queue), event, -1)
  return event
}

/** How many events of `kind` for a subject (a uid, or a cluster id when the data has no uid) are queued. */
export function queuedCount(queue: ScheduledEvent[], kind: string, subject: string): number {
  return countsOf(queue).get(kind)?.get(subject) ?? 0
}
