import type { ChangeBatch } from '@shared/changes'

/**
 * Coalesces the lab's change batches so that clients get at most one push per interval (~10 a
 * second), however fast the clock runs. Merged batches keep the version chain: from = first.from,
 * version = last.version, changes in order.
 */
export class ChangeThrottle {
  private pending: ChangeBatch | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private lastFlush = -Infinity

  constructor(
    private readonly emit: (batch: ChangeBatch) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = Date.now,
  ) {}

  push(batch: ChangeBatch): void {
    this.pending = this.pending
      ? {
          from: this.pending.from,
          version: batch.version,
          changes: [...this.pending.changes, ...batch.changes],
        }
      : { ...batch, changes: [...batch.changes] }
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
    this.emit(batch)
  }

  /** Forgets what is pending: its lab is gone and clients will pull a new snapshot. */
  drop(): void {
    this.cancelTimer()
    this.pending = null
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
