import fs from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import type { Command } from '@shared/commands'
import { Lab } from '../engine/lab'
import { writeLabFile, type LoggedRow } from './build'
import { commandSum } from './checksum'
import { LabStore, SNAPSHOT_EVERY } from './store'
import { labInput } from './workload'

export interface CommitLatency {
  /** Milliseconds per append (one durable transaction each). */
  p50: number
  p99: number
  perSecond: number
  /** The largest the write-ahead log grew: acknowledged commands not yet in the main file. */
  maxWalBytes: number
}

/**
 * Appends `count` volume commands to a new lab file under `dir` (synchronous=FULL, as in use) and
 * times each append alone, not the engine's work. The file is removed afterwards.
 */
export function measureCommitLatency(dir: string, count: number): CommitLatency {
  const work = fs.mkdtempSync(join(dir, 'commit-latency-'))
  const times: number[] = []
  let maxWalBytes = 0
  try {
    const file = join(work, 'bench.hcilab')
    const { store, lab } = LabStore.create(file, labInput(1))
    try {
      for (let i = 0; i < count; i++) {
        const command = benchCommand(i)
        const at = lab.now
        const result = lab.dispatch(command)
        if (!result.ok) throw new Error(`benchmark command failed: ${result.error.message}`)
        const start = performance.now()
        store.append(command, at, lab)
        times.push(performance.now() - start)
        maxWalBytes = Math.max(maxWalBytes, fs.statSync(`${file}-wal`).size)
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
    maxWalBytes,
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!
}

export interface ReopenTimes {
  commands: number
  /** Building the file (engine and writing), not part of what is measured. */
  buildMs: number
  /** Opening the whole lab: every row checked, the latest snapshot read, the last commands replayed. */
  reopenMs: number
  /** Opening it with one more command that fails to replay: recovery, original kept, file rebuilt. */
  failedLastMs: number
  /** What the failing open said (it must say the last command was lost). */
  recovery: string | undefined
}

/**
 * Builds a lab file of `count` commands (snapshots where the store keeps them: the first, and the
 * one of the latest hundred), then times opening it, whole and with a last command that fails.
 */
export function measureReopen(dir: string, count: number): ReopenTimes {
  const work = fs.mkdtempSync(join(dir, 'reopen-'))
  try {
    const file = join(work, 'big.hcilab')
    const built = performance.now()
    const { lastAt } = writeBigLab(file, count)
    const buildMs = performance.now() - built
    const reopenMs = timeOpen(file).ms
    // One more command, whole and checksummed, that the engine refuses on replay.
    const db = new Database(file)
    const body = JSON.stringify({ type: 'volume.delete', name: 'No such volume' })
    db.prepare('INSERT INTO commands (seq, at, body, sum) VALUES (?, ?, ?, ?)').run(
      count + 1,
      lastAt,
      body,
      commandSum(count + 1, lastAt, body),
    )
    db.close()
    const failed = timeOpen(file)
    return { commands: count, buildMs, reopenMs, failedLastMs: failed.ms, recovery: failed.recovery }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

function timeOpen(file: string): { ms: number; recovery: string | undefined } {
  const start = performance.now()
  const { store } = LabStore.open(file)
  const ms = performance.now() - start
  store.close()
  return { ms, recovery: store.recovery }
}

/** A lab file as the store writes it over `count` appends, written in one go (no fsync per row). */
function writeBigLab(file: string, count: number): { lastAt: number } {
  const lab = Lab.create(labInput(1))
  const base = { seq: 0, state: JSON.stringify(lab.state) }
  const commands: LoggedRow[] = []
  let latest = base
  for (let i = 0; commands.length < count; i++) {
    const command = benchCommand(i)
    const at = lab.now
    const result = lab.dispatch(command)
    if (!result.ok) throw new Error(`benchmark command failed: ${result.error.message}`)
    const seq = commands.length + 1
    commands.push({ seq, at, body: JSON.stringify(command) })
    if (seq % SNAPSHOT_EVERY === 0 && count - seq < SNAPSHOT_EVERY)
      latest = { seq, state: JSON.stringify(lab.state) }
  }
  writeLabFile(file, { base, commands, latest, clock: lab.now })
  return { lastAt: lab.now }
}

/** Create and delete in turn: every command succeeds and the pool never fills up. */
function benchCommand(i: number): Command {
  return i % 2 === 0
    ? {
        type: 'volume.create',
        name: `Bench${i}`,
        resiliency: 'two-way-mirror',
        sizeBytes: 10 * 1024 ** 3,
        provisioning: 'Fixed',
        mirrorSizeBytes: 0,
      }
    : { type: 'volume.delete', name: `Bench${i - 1}` }
}
