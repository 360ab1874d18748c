import fs from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { Lab } from '../engine/lab'
import { addClusterShape, migrate, SCHEMA_VERSION } from './schema'
import { LabStore } from './store'
import { labInput, peek, replayInMemory, useTempDir, type LoggedCommand } from './testkit'
import { workload } from './workload'

const tmp = useTempDir()

/** A lab state as a version-3 build wrote it: no workload clusters, Kubernetes objects or kubeconfig. */
function v3State(lab: Lab): string {
  const { aksClusters: _c, kube: _k, kubeconfig: _kc, ...rest } = lab.snapshot()
  return JSON.stringify(rest)
}

/** Writes a lab file as a version-3 build did: its schema, v3-shaped snapshots every 100 commands. */
function writeV3(file: string, seed: number, count: number): { log: LoggedCommand[]; clock: number } {
  const lab = Lab.create(labInput(seed))
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  migrate(db, 0, 3)
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  meta.run('format', 'hcilab')
  meta.run('appVersion', '0.0.3')
  meta.run('created', '2024-07-01T10:00:00.000Z')
  const snapshot = db.prepare('INSERT INTO snapshots (seq, state) VALUES (?, ?)')
  snapshot.run(0, v3State(lab))
  const insert = db.prepare('INSERT INTO commands (seq, at, body) VALUES (?, ?, ?)')
  const log: LoggedCommand[] = []
  for (const command of workload(seed)) {
    if (log.length === count) break
    const at = lab.now
    if (!lab.dispatch(command).ok) continue
    log.push({ at, command })
    insert.run(log.length, at, JSON.stringify(command))
    if (log.length % 100 === 0) snapshot.run(log.length, v3State(lab))
  }
  const clock = lab.now + 60_000
  db.prepare('INSERT INTO clock (id, now) VALUES (1, ?)').run(clock)
  db.close()
  return { log, clock }
}

describe('schema step 3 → 4 (workload clusters)', () => {
  it('adds empty clusters, objects and kubeconfig, and leaves states that have them alone', () => {
    expect(addClusterShape({ a: 1 })).toEqual({
      a: 1,
      aksClusters: {},
      kube: {},
      kubeconfig: { contexts: [], current: null },
    })
    const has = { aksClusters: { x: 1 }, kube: { y: 2 }, kubeconfig: { contexts: ['demo'], current: 'demo' } }
    expect(addClusterShape(has)).toEqual(has)
  })

  it('upgrades a version-3 file: every snapshot gains the workload cluster entries', () => {
    const file = join(tmp.dir, 'v3.hcilab')
    const { log, clock } = writeV3(file, 9, 120)
    const { store, lab } = LabStore.open(file)
    expect(lab.hash()).toBe(replayInMemory(9, log, clock).hash())
    expect(lab.state.aksClusters).toEqual({})
    expect(lab.state.kubeconfig).toEqual({ contexts: [], current: null })
    expect(fs.existsSync(`${file}.v3.bak`)).toBe(true)
    store.close()
    peek(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      const states = db.prepare('SELECT state FROM snapshots ORDER BY seq').pluck().all() as string[]
      for (const text of states) {
        const state = JSON.parse(text) as Record<string, unknown>
        expect(state.aksClusters).toEqual({})
        expect(state.kube).toEqual({})
        expect(state.kubeconfig).toEqual({ contexts: [], current: null })
      }
    })
  })
})
