import type { Speed } from '@shared/domain'
import type { Lab } from '../engine/lab'

const MULTIPLIERS: Record<Exclude<Speed, 'pause' | 'max'>, number> = {
  '1': 1,
  '10': 10,
  '60': 60,
  '600': 600,
}
/** 'max' with nothing scheduled: time still moves, as fast as the fastest fixed speed. */
const MAX_IDLE_MULTIPLIER = 600

/** Wall time one tick may spend moving the clock. */
const TICK_BUDGET_MS = 50

/** Where the clock of `lab` should be after `elapsedMs` of wall time at its speed. */
export function clockTarget(lab: Lab, elapsedMs: number): number {
  const { now, speed } = lab.state.clock
  if (speed === 'pause' || elapsedMs <= 0) return now
  if (speed === 'max') {
    // As fast as possible: straight to the next piece of scheduled work, one per tick, so the UI
    // still sees every step.
    const next = lab.state.queue[0]
    if (next && next.at > now) return next.at
    return now + Math.round(elapsedMs * MAX_IDLE_MULTIPLIER)
  }
  return now + Math.round(elapsedMs * MULTIPLIERS[speed])
}

export interface TickTarget {
  lab(): Lab
  /** Called after the clock moved (the service saves it now and then). */
  moved(): void
  error(e: unknown): void
}

/** Maps wall time to virtual time: every ~100 ms it moves the open lab's clock at its speed. */
export class ClockTicker {
  private timer: ReturnType<typeof setInterval> | null = null
  private lastWall: number | null = null

  constructor(
    private readonly target: TickTarget,
    private readonly wallNow: () => number = Date.now,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    if (this.timer) return
    this.lastWall = this.wallNow()
    this.timer = setInterval(() => this.tick(), this.intervalMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.lastWall = null
  }

  tick(): void {
    const wall = this.wallNow()
    const elapsed = this.lastWall === null ? 0 : wall - this.lastWall
    this.lastWall = wall
    try {
      const lab = this.target.lab()
      const to = clockTarget(lab, elapsed)
      if (to <= lab.now) return
      // A slice of the main process at most: a busy lab lags behind its speed rather than stalling
      // every window; the next tick goes on from where this one stopped.
      const started = this.wallNow()
      lab.advanceTo(to, { yieldNow: () => this.wallNow() - started > TICK_BUDGET_MS })
      this.target.moved()
    } catch (e) {
      // An engine bug must not kill the host's timer loop; report it and keep ticking.
      this.target.error(e)
    }
  }
}
