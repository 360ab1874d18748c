import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { measureCommitLatency } from './bench'
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
