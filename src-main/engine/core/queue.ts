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
 * One cursor: a single queue is advanced at a time.
 */
let cursor: { queue: ScheduledEvent[] | undefined; head: number } = { queue: undefined, head: 0 }
const headOf = (queue: ScheduledEvent[]) => (cursor.queue === queue ? cursor.head : 0)
/**
 * Events due before the array's last one, held in a heap until compactQueue merges them in:
 * splicing each into the middle of tens of thousands would move the rest every time.
 */
const lates = new WeakMap<ScheduledEvent[], ScheduledEvent[]>()

const earlier = (a: ScheduledEvent, b: ScheduledEvent) => a.at < b.at || (a.at === b.at && a.seq < b.seq)

function heapPush(heap: ScheduledEvent[], event: ScheduledEvent): void {
  // Sift up with a hole: parents move down until the event's place is found.
  let i = heap.length
  heap.push(event)
  while (i > 0) {
    const parent = (i - 1) >>> 1
    const p = heap[parent]!
    if (!earlier(event, p)) break
    heap[i] = p
    i = parent
  }
  heap[i] = event
}

function heapPop(heap: ScheduledEvent[]): ScheduledEvent {
  const top = heap[0]!
  const last = heap.pop()!
  const n = heap.length
  if (n === 0) return top
  // Sift the last event down from the root with a hole: earlier children move up.
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= n) break
    const r = l + 1
    const m = r < n && earlier(heap[r]!, heap[l]!) ? r : l
    if (!earlier(heap[m]!, last)) break
    heap[i] = heap[m]!
    i = m
  }
  heap[i] = last
  return top
}

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
  // Zeros stay until compactQueue drops them: a pod's stage events come and go one after another.
  ofKind.set(subject, (ofKind.get(subject) ?? 0) + by)
}

function dropZeros(map: Counts): void {
  for (const ofKind of map.values()) for (const [subject, n] of ofKind) if (n <= 0) ofKind.delete(subject)
}

/** Queues an event (its seq is the largest yet): at the end, or in the heap of earlier ones. */
export function insertEvent(queue: ScheduledEvent[], event: ScheduledEvent): void {
  countsOf(queue)
  // Its place is usually at the end, or just before a few far-off events (a minute tick): found
  // there, it goes in the array; further in, it waits in the heap.
  const head = headOf(queue)
  let at = queue.length
  while (at > head && at > queue.length - NEAR_END && queue[at - 1]!.at > event.at) at--
  if (at === head || queue[at - 1]!.at <= event.at) queue.splice(at, 0, event)
  else {
    let late = lates.get(queue)
    if (!late) lates.set(queue, (late = []))
    heapPush(late, event)
  }
  bump(countsOf(queue), event, 1)
}

const NEAR_END = 16

/** Removes these events (by identity) in one pass: a failed command's scheduling undone. */
export function removeEvents(queue: ScheduledEvent[], events: ReadonlySet<ScheduledEvent>): void {
  compactQueue(queue)
  const map = countsOf(queue)
  let kept = 0
  for (let i = 0; i < queue.length; i++) {
    const event = queue[i]!
    if (events.has(event)) bump(map, event, -1)
    else queue[kept++] = event
  }
  queue.length = kept
}

/** Whether the heap's first event is due before the array's head (the first pending event). */
function heapFirst(queue: ScheduledEvent[], late: ScheduledEvent[] | undefined): boolean {
  const head = queue[headOf(queue)]
  return !!late?.length && (!head || earlier(late[0]!, head))
}

/** Takes the first event if it is due at or before `t` (compactQueue cuts the taken ones off). */
export function takeDue(queue: ScheduledEvent[], t: number): ScheduledEvent | undefined {
  const late = lates.get(queue)
  const fromHeap = heapFirst(queue, late)
  const event = fromHeap ? late![0] : queue[headOf(queue)]
  if (!event || event.at > t) return undefined
  if (fromHeap) heapPop(late!)
  else if (cursor.queue === queue) cursor.head++
  else {
    // One queue is advanced at a time; should another have a run open, cut it first.
    if (cursor.queue) compactQueue(cursor.queue)
    cursor = { queue, head: 1 }
  }
  bump(countsOf(queue), event, -1)
  return event
}

/** When the first pending event is due; undefined when none is queued. */
export function nextDueAt(queue: ScheduledEvent[]): number | undefined {
  const late = lates.get(queue)
  return heapFirst(queue, late) ? late![0]!.at : queue[headOf(queue)]?.at
}

/** Cuts the events takeDue took off the array and merges the heap in: the array is the queue again. */
export function compactQueue(queue: ScheduledEvent[], { dropZeroCounts = false } = {}): void {
  const map = counts.get(queue)
  if (map && dropZeroCounts) dropZeros(map)
  const head = headOf(queue)
  if (head > 0) {
    queue.splice(0, head)
    cursor = { queue: undefined, head: 0 }
  }
  const late = lates.get(queue)
  if (!late?.length) return
  lates.delete(queue)
  late.sort((a, b) => a.at - b.at || a.seq - b.seq)
  const merged: ScheduledEvent[] = []
  let i = 0
  for (const event of queue) {
    while (i < late.length && earlier(late[i]!, event)) merged.push(late[i++]!)
    merged.push(event)
  }
  while (i < late.length) merged.push(late[i++]!)
  for (let k = 0; k < merged.length; k++) queue[k] = merged[k]!
}

/** How many events of `kind` for a subject (a uid, or a cluster id when the data has no uid) are queued. */
export function queuedCount(queue: ScheduledEvent[], kind: string, subject: string): number {
  return countsOf(queue).get(kind)?.get(subject) ?? 0
}
