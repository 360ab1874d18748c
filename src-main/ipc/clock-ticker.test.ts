import { describe, expect, it } from 'vitest'
import type { Speed } from '@shared/domain'
import { Lab } from '../engine/lab'
import { DEFAULT_HARDWARE, LAB_EPOCH } from '../engine/hci/build'
import { ClockTicker, clockTarget } from './clock-ticker'

function labAt(speed: Speed, queueAt: number[] = []): Lab {
  const state = Lab.create({ name: 't', seed: 0, hardware: DEFAULT_HARDWARE }).snapshot()
  state.clock = { ...state.clock, speed }
  state.queue = queueAt.map((at, i) => ({ at, seq: 1000 + i, kind: 'task.complete', data: 'none' }))
  return Lab.fromState(state)
}

describe('clockTarget', () => {
  it('moves virtual time at the speed multiplier', () => {
    expect(clockTarget(labAt('pause'), 100)).toBe(LAB_EPOCH)
    expect(clockTarget(labAt('1'), 100)).toBe(LAB_EPOCH + 100)
    expect(clockTarget(labAt('10'), 100)).toBe(LAB_EPOCH + 1_000)
    expect(clockTarget(labAt('60'), 100)).toBe(LAB_EPOCH + 6_000)
    expect(clockTarget(labAt('600'), 100)).toBe(LAB_EPOCH + 60_000)
  })

  it("at 'max' jumps to the next scheduled event, else runs as 600x", () => {
    expect(clockTarget(labAt('max', [LAB_EPOCH + 3_600_000, LAB_EPOCH + 7_200_000]), 100)).toBe(
      LAB_EPOCH + 3_600_000,
    )
    expect(clockTarget(labAt('max'), 100)).toBe(LAB_EPOCH + 60_000)
  })
})

describe('ClockTicker', () => {
  it('maps the wall time between ticks to virtual time and reports each move', () => {
    const lab = labAt('60')
    let wall = 5_000
    let moved = 0
    const ticker = new ClockTicker(
      {
        lab: () => lab,
        moved: () => moved++,
        error: (e) => {
          throw e
        },
      },
      () => wall,
    )
    ticker.tick() // the first tick only notes the wall time
    expect(lab.now).toBe(LAB_EPOCH)
    wall += 100
    ticker.tick()
    expect(lab.now).toBe(LAB_EPOCH + 6_000)
    wall += 250
    ticker.tick()
    expect(lab.now).toBe(LAB_EPOCH + 21_000)
    expect(moved).toBe(2)
  })

  it('runs scheduled events one per tick at max speed', () => {
    const lab = labAt('max', [LAB_EPOCH + 1_000_000, LAB_EPOCH + 2_000_000])
    let wall = 0
    const ticker = new ClockTicker(
      {
        lab: () => lab,
        moved: () => {},
        error: (e) => {
          throw e
        },
      },
      () => wall,
    )
    ticker.tick()
    wall += 100
    ticker.tick()
    expect(lab.now).toBe(LAB_EPOCH + 1_000_000)
    expect(lab.state.queue).toHaveLength(1)
    wall += 100
    ticker.tick()
    expect(lab.now).toBe(LAB_EPOCH + 2_000_000)
    expect(lab.state.queue).toHaveLength(0)
  })

  it('keeps ticking when the engine throws, and reports it', () => {
    const errors: unknown[] = []
    let wall = 0
    const ticker = new ClockTicker(
      {
        lab: () => {
          throw new Error('engine bug')
        },
        moved: () => {},
        error: (e) => errors.push(e),
      },
      () => wall,
    )
    ticker.tick()
    wall += 100
    ticker.tick()
    expect(errors).toHaveLength(2)
  })
})
