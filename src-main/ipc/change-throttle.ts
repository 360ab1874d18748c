import { summaryOf, type Change, type ChangeBatch } from '@shared/changes'

/** Beyond this many changes a push is a summary: counting is free, so it is checked first. */
export const MAX_CHANGES_PER_PUSH = 5_000
/** Beyond about this much JSON a push is a summary (the design's 1 MB a message). */
export const MAX_PUSH_BYTES = 1024 * 1024

export interface ChangeThrottleOptions {
  intervalMs?: number
  now?: () => number
  /** Where a push that failed is reported; it never throws out of the timer. */
  log?: (message: string) => void
}

/**
 * Coalesces the lab's change batches so that clients get at most one push per interval (~10 a
 * second), however fast the clock runs. Merged batches keep the version chain: from = first.from,
 * version = last.version, changes in order. A push too large to send (too many changes, or too
 * many bytes) goes as a summary (resync: true), and clients pull a new snapshot instead.
 */
export class ChangeThrottle {
  private pending: ChangeBatch | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastFlush = -Infinity
  private readonly intervalMs: number
  private readonly now: () => number
  private readonly log: (message: string) => void

  constructor(
    private readonly emit: (batch: ChangeBatch) => void,
    options: ChangeThrottleOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100
    this.now = options.now ?? Date.now
    this.log = options.log ?? ((m) => console.error(m))
  }

  push(batch: ChangeBatch): void {
    this.pending = this.merge(batch)
    // Even the first push waits for a timer: a burst of synchronous batches becomes one push.
    if (this.timer) return
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  /** Sends what is pending now (before a lab switch or shutdown). */
  flush(): void {
    this.cancelTimer()
    const batch = this.pending
    this.pending = null
    if (!batch) return
    this.lastFlush = this.now()
    const sent = batch.resync || fitsOnePush(batch.changes) ? batch : summaryOf(batch)
    try {
      this.emit(sent)
    } catch (e) {
      // Runs in a timer: a throw here would end the process. The clients are behind now; the
      // next batch will not follow their version, so they pull a new snapshot.
      this.log(`Could not send the lab's changes ${sent.from}→${sent.version}: ${String(e)}`)
    }
  }

  /** Forgets what is pending: its lab is gone and clients will pull a new snapshot. */
  drop(): void {
    this.cancelTimer()
    this.pending = null
  }

  private merge(batch: ChangeBatch): ChangeBatch {
    const pending = this.pending
    if (!pending)
      return tooManyChanges(batch.changes.length)
        ? summaryOf(batch)
        : { ...batch, changes: [...batch.changes] }
    // Once a summary, always a summary: what is pending is never held in memory.
    if (pending.resync || tooManyChanges(pending.changes.length + batch.changes.length))
      return summaryOf({ ...pending, version: batch.version })
    appendAll(pending.changes, batch.changes)
    return { ...pending, version: batch.version }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

function tooManyChanges(count: number): boolean {
  return count > MAX_CHANGES_PER_PUSH
}

/** Serialises change by change and stops as soon as the push is too large (or unserialisable). */
function fitsOnePush(changes: Change[]): boolean {
  let bytes = 0
  try {
    for (const change of changes) {
      bytes += JSON.stringify(change).length
      if (bytes > MAX_PUSH_BYTES) return false
    }
  } catch {
    return false
  }
  return true
}

/** push(...items) would overflow the call stack with tens of thousands of items. */
function appendAll(target: Change[], items: Change[]): void {
  for (const item of items) target.push(item)
}
