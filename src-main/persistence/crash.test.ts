import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Command } from '@shared/commands'
import { LabStore } from './store'
import { peek, replayInMemory, useTempDir, type LoggedCommand } from './testkit'
import { mulberry32 } from './workload'

// Kills a writing process (crash-child.ts) with SIGKILL at random points and checks the file each
// time: every acknowledged command is there, nothing else is except possibly the one in flight, and
// the lab reopens to exactly the state those commands give.

const tmp = useTempDir()
const ROOT = resolve(import.meta.dirname, '../..')
const CHILD = join(import.meta.dirname, 'crash-child.ts')
const ROUNDS = 20

interface ChildRun {
  created: boolean
  /** Every command the child started to append ("cmd" lines), by seq. */
  sent: Map<number, LoggedCommand>
  /** The highest seq whose append returned ("ack" lines). */
  acked: number
}

/**
 * Runs the child and kills it once `killAt` is reached ('creating' or a number of acks) and then
 * `delayMs` more have passed, so that the kill lands anywhere in the commands that follow.
 */
function runChild(
  file: string,
  seed: number,
  killAt: 'creating' | number,
  delayMs: number,
): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, String(seed)], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run: ChildRun = { created: false, sent: new Map(), acked: 0 }
  let pending = ''
  let stderr = ''
  let killed = false
  const onLine = (line: string) => {
    const [word, seq, at, ...json] = line.split(' ')
    if (word === 'created') run.created = true
    if (word === 'cmd')
      run.sent.set(Number(seq), { at: Number(at), command: JSON.parse(json.join(' ')) as Command })
    if (word === 'ack') run.acked = Number(seq)
    const due = killAt === 'creating' ? word === 'creating' : run.created && run.acked >= killAt
    if (due && !killed) {
      killed = true
      // A busy wait: timers cannot wait a fraction of a millisecond. The child runs on meanwhile.
      const until = performance.now() + delayMs
      while (performance.now() < until);
      child.kill('SIGKILL')
    }
  }
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n')
    pending = lines.pop() ?? ''
    lines.forEach(onLine)
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((done, fail) => {
    child.on('error', fail)
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') done(run)
      else fail(new Error(`the child ended by itself (code ${code}): ${stderr}`))
    })
  })
}

function verify(file: string, seed: number, run: ChildRun): 'none' | 'acked' | 'acked+1' {
  if (!fs.existsSync(file)) {
    // Killed while creating: the file appears whole or not at all.
    expect(run.created).toBe(false)
    return 'none'
  }
  const { store, lab } = LabStore.open(file)
  store.close()
  const rows = peek(file, (db) => db.prepare('SELECT seq, at, body FROM commands ORDER BY seq').all()) as {
    seq: number
    at: number
    body: string
  }[]
  expect([run.acked, run.acked + 1]).toContain(rows.length)
  const log = rows.map((row, i) => {
    const sent = run.sent.get(row.seq)
    expect(row.seq).toBe(i + 1)
    expect(sent).toBeDefined()
    expect({ at: row.at, command: JSON.parse(row.body) as unknown }).toEqual(sent)
    return sent!
  })
  expect(lab.hash()).toBe(replayInMemory(seed, log).hash())
  return rows.length === run.acked ? 'acked' : 'acked+1'
}

describe('crash safety', () => {
  it(`keeps every acknowledged command through ${ROUNDS} kills at random points`, async () => {
    const random = mulberry32(20_240_501)
    const outcomes: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const file = join(tmp.dir, `crash-${round}.hcilab`)
      // A few at the very start, a few just before a snapshot is due, the others anywhere.
      const killAt =
        round < 2
          ? 'creating'
          : round < 4
            ? 0
            : round < 8
              ? 100 * (round - 4) + 99
              : Math.floor(random() * 320)
      const run = await runChild(file, round + 1, killAt, random() * 4)
      outcomes.push(verify(file, round + 1, run))
    }
    expect(outcomes.filter((o) => o !== 'none').length).toBeGreaterThanOrEqual(ROUNDS - 2)
  }, 60_000)
})
