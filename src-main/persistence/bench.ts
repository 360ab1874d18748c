import fs from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Command } from '@shared/commands'
import { LabStore } from './store'
import { labInput } from './workload'

export interface CommitLatency {
  /** Milliseconds per append (one durable transaction each). */
  p50: number
  p99: number
  perSecond: number
}

/**
 * Appends `count` volume commands to a new lab file under `dir` (synchronous=FULL, as in use) and
 * times each append alone, not the engine's work. The file is removed afterwards.
 */
export function measureCommitLatency(dir: string, count: number): CommitLatency {
  const work = fs.mkdtempSync(join(dir, 'commit-latency-'))
  const times: number[] = []
  try {
    const { store, lab } = LabStore.create(join(work, 'bench.hcilab'), labInput(1))
    try {
      for (let i = 0; i < count; i++) {
        // Create and delete in turn: every command succeeds and the pool never fills up.
        const command: Command =
          i % 2 === 0
            ? {
                type: 'volume.create',
                name: `Bench${i}`,
                resiliency: 'two-way-mirror',
                sizeBytes: 10 * 1024 ** 3,
                provisioning: 'Fixed',
                mirrorSizeBytes: 0,
              }
            : { type: 'volume.delete', name: `Bench${i - 1}` }
        const at = lab.now
        const result = lab.dispatch(command)
        if (!result.ok) throw new Error(`benchmark command failed: ${result.error.message}`)
        const start = performance.now()
        store.append(command, at, lab)
        times.push(performance.now() - start)
      }
    } finally {
      store.close()
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
  const sorted = [...times].sort((a, b) => a - b)
  const total = times.reduce((sum, t) => sum + t, 0)
  return {
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    perSecond: total > 0 ? (times.length * 1000) / total : 0,
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}
