import type { ScheduledEvent } from './state'

// The virtual clock's queue, ordered by (at, seq), changed in place (a 20,000-pod lab keeps tens of
// thousands of events queued: copying it per schedule would be quadratic). A count of queued events
// per kind and subject (the data's uid, else its clusterId) answers "is one already queued?" without a
// scan; it is derived, kept per queue array, and rebuilt whenever an array is met for the first time.

type Counts = Map<string, Map<string, number>> // kind → subject → queued events
const counts = new WeakMap<ScheduledEvent[], Counts>()
/**
 * Events taken off the front but not yet cut from the array: shift() moves the whole array, which
 * for tens of thousands of events per clock advance would be quadratic. The cut happens once, when
 * the advance ends (compactQueue), so between commands the array is exactly the pending events.
 */
const heads = new WeakMap<ScheduledEvent[], number>()
const headOf = (queue: ScheduledEvent[]) => heads.get(queue) ?? 0

function subjectOf(data: unknown): string {
  const d = data as { uid?: unknown; clusterId?: unknown } | null
  return typeof d?.uid === 'string' ? d.uid : typeof d?.clusterId === 'string' ? d.clusterId : ''
}

function countsOf(queue: ScheduledEvent[]): Counts {
  let map = counts.get(queue)
  if (!map) {
    map = new Map()
    for (let i = headOf(queue); i < queue.length; i++) bump(map, queue[i]!, 1)
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
  let lo = headOf(queue)
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

/** Takes the first event if it is due at or before `t` (compactQueue cuts the taken ones off). */
export function takeDue(queue: ScheduledEvent[], t: number): ScheduledEvent | undefined {
  const head = headOf(queue)
  if (head >= queue.length || queue[head]!.at > t) return undefined
  const event = queue[head]!
  bump(countsOf(queue), event, -1)
  heads.set(queue, head + 1)
  return event
}

/** When the first pending event is due; undefined when none is queued. */
export function nextDueAt(queue: ScheduledEvent[]): number | undefined {
  return queue[headOf(queue)]?.at
}

/** Cuts the events takeDue took off the array. */
export function compactQueue(queue: ScheduledEvent[]): void {
  const head = headOf(queue)
  if (head === 0) return
  queue.splice(0, head)
  heads.delete(queue)
}

/** How many events of `kind` for a subject (a uid, or a cluster id when the data has no uid) are queued. */
export function queuedCount(queue: ScheduledEvent[], kind: string, subject: string): number {
  return countsOf(queue).get(kind)?.get(subject) ?? 0
}
