import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { measureCommitLatency, measureReopen } from './bench'
import { useTempDir } from './testkit'

const tmp = useTempDir()

describe('measureCommitLatency', () => {
  // Timings are not asserted: only that it measures and tidies up.
  it('reports latencies and leaves nothing behind', () => {
    const r = measureCommitLatency(tmp.dir, 20)
    expect(r.p50).toBeGreaterThan(0)
    expect(r.p99).toBeGreaterThanOrEqual(r.p50)
    expect(r.perSecond).toBeGreaterThan(0)
    expect(fs.readdirSync(tmp.dir)).toEqual([])
  })
})

describe('measureReopen', () => {
  it('opens a built lab whole, then with a failing last command, and leaves nothing behind', () => {
    const r = measureReopen(tmp.dir, 250)
    expect(r.commands).toBe(250)
    expect(r.reopenMs).toBeGreaterThan(0)
    expect(r.failedLastMs).toBeGreaterThan(0)
    expect(r.recovery).toMatch(/Command 251 of 251 \(volume\.delete No such volume\) could not be replayed/)
    expect(fs.readdirSync(tmp.dir)).toEqual([])
  })
})
