import fs from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { Lab } from '../engine/lab'
import { migrate, SCHEMA_VERSION } from './schema'
import { LabStore } from './store'
import { digest, labInput, listing, peek, replayInMemory, useTempDir, type LoggedCommand } from './testkit'
import { workload } from './workload'

const tmp = useTempDir()

/** A lab state as a version-2 build wrote it: no AKS host, VMs or cluster groups. */
function v2State(lab: Lab): string {
  const { aks: _aks, vms: _vms, clusterGroups: _groups, ...rest } = lab.snapshot()
  return JSON.stringify(rest)
}

/**
 * Writes a lab file exactly as a version-2 build did: the version-2 schema, v2-shaped snapshots
 * every 100 commands, the saved clock.
 */
function writeV2(file: string, seed: number, count: number): { log: LoggedCommand[]; clock: number } {
  const lab = Lab.create(labInput(seed))
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  migrate(db, 0, 2)
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  meta.run('format', 'hcilab')
  meta.run('appVersion', '0.0.2')
  meta.run('created', '2024-06-01T10:00:00.000Z')
  const snapshot = db.prepare('INSERT INTO snapshots (seq, state) VALUES (?, ?)')
  snapshot.run(0, v2State(lab))
  const insert = db.prepare('INSERT INTO commands (seq, at, body) VALUES (?, ?, ?)')
  const log: LoggedCommand[] = []
  for (const command of workload(seed)) {
    if (log.length === count) break
    const at = lab.now
    if (!lab.dispatch(command).ok) continue
    log.push({ at, command })
    db.transaction(() => {
      insert.run(log.length, at, JSON.stringify(command))
      if (log.length % 100 === 0) snapshot.run(log.length, v2State(lab))
    })()
  }
  const clock = lab.now + 90_000
  db.prepare('INSERT INTO clock (id, now) VALUES (1, ?)').run(clock)
  db.close()
  return { log, clock }
}

/**
 * Writes a lab file exactly as a version-1 build did: the version-1 schema (migration step 0 is its
 * frozen DDL), a snapshot every 100 commands, no clock table.
 */
function writeV1(file: string, seed: number, count: number): LoggedCommand[] {
  const lab = Lab.create(labInput(seed))
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  migrate(db, 0, 1)
  const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
  meta.run('format', 'hcilab')
  meta.run('appVersion', '0.0.1')
  meta.run('created', '2024-05-01T10:00:00.000Z')
  const snapshot = db.prepare('INSERT INTO snapshots (seq, state) VALUES (?, ?)')
  snapshot.run(0, JSON.stringify(lab.state))
  const insert = db.prepare('INSERT INTO commands (seq, at, body) VALUES (?, ?, ?)')
  const log: LoggedCommand[] = []
  for (const command of workload(seed)) {
    if (log.length === count) break
    const at = lab.now
    if (!lab.dispatch(command).ok) continue
    log.push({ at, command })
    db.transaction(() => {
      insert.run(log.length, at, JSON.stringify(command))
      if (log.length % 100 === 0) snapshot.run(log.length, JSON.stringify(lab.state))
    })()
  }
  db.close()
  return log
}

describe('schema migration', () => {
  it('is at version 5', () => {
    expect(SCHEMA_VERSION).toBe(5)
  })

  it('upgrades a version-1 file to the current version, after a backup, with its data intact', () => {
    const file = join(tmp.dir, 'old.hcilab')
    const log = writeV1(file, 6, 130)
    const original = digest(file)

    const { store, lab } = LabStore.open(file)
    expect(lab.hash()).toBe(replayInMemory(6, log).hash())
    expect(store.replayedOnOpen).toBe(30)

    // The backup is the version-1 file as it was.
    const backup = `${file}.v1.bak`
    expect(digest(backup)).toBe(original)
    peek(backup, (old) => {
      expect(old.pragma('user_version', { simple: true })).toBe(1)
      expect(old.prepare('SELECT count(*) FROM commands').pluck().get()).toBe(130)
    })

    // The upgraded file has what version 2 added, and works as any current file.
    lab.advanceTo(lab.now + 60_000)
    store.saveClock(lab.now)
    store.close()
    peek(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.prepare('SELECT now FROM clock').pluck().get()).toBe(lab.now)
    })

    const again = LabStore.open(file)
    expect(again.lab.hash()).toBe(replayInMemory(6, log, lab.now).hash())
    again.store.close()
    // Opening a current file makes no further backup.
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(['old.hcilab', 'old.hcilab.v1.bak'])
  })

  it('does not migrate, nor back up, a version-1 file it refuses', () => {
    const file = join(tmp.dir, 'broken.hcilab')
    writeV1(file, 7, 10)
    const db = new Database(file)
    db.prepare(`UPDATE snapshots SET state = '{}'`).run()
    db.close()
    const before = { bytes: digest(file), dir: listing(tmp.dir) }
    expect(() => LabStore.open(file)).toThrow(expect.objectContaining({ code: 'Damaged' }))
    expect({ bytes: digest(file), dir: listing(tmp.dir) }).toEqual(before)
  })

  it('rebuilds a damaged version-1 file at its last good point, in the current version', () => {
    const file = join(tmp.dir, 'gap.hcilab')
    const log = writeV1(file, 7, 10)
    const db = new Database(file)
    db.prepare('DELETE FROM commands WHERE seq = 5').run()
    db.close()
    const original = digest(file)
    const { store, lab } = LabStore.open(file)
    expect(store.recovery).toMatch(/Command 5 of 10 is missing; commands 5–10 were lost\./)
    expect(lab.hash()).toBe(replayInMemory(7, log.slice(0, 4)).hash())
    store.close()
    const kept = fs.readdirSync(tmp.dir).find((name) => name.includes('.damaged-'))!
    expect(digest(join(tmp.dir, kept))).toBe(original)
    expect(fs.readdirSync(tmp.dir).sort()).toEqual([kept, 'gap.hcilab'])
    expect(peek(file, (d) => d.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION)
  })

  it('upgrades a version-2 file: every snapshot gains the AKS host, VMs and cluster groups', () => {
    const file = join(tmp.dir, 'v2.hcilab')
    const { log, clock } = writeV2(file, 8, 130)
    const { store, lab } = LabStore.open(file)
    // The same lab as one built by this version from the same commands.
    expect(lab.hash()).toBe(replayInMemory(8, log, clock).hash())
    expect(lab.state.aks.phase).toBe('NotConfigured')
    expect(Object.values(lab.state.clusterGroups).map((g) => g.name)).toEqual([
      'Cluster Group',
      'Available Storage',
    ])
    expect(fs.existsSync(`${file}.v2.bak`)).toBe(true)
    store.close()
    peek(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      const states = db.prepare('SELECT state FROM snapshots ORDER BY seq').pluck().all() as string[]
      expect(states).toHaveLength(2)
      for (const text of states) {
        const state = JSON.parse(text) as Record<string, unknown>
        expect(state.aks).toMatchObject({ phase: 'NotConfigured', install: null })
        expect(state.vms).toEqual({})
        expect(Object.keys(state.clusterGroups as object)).toEqual(['cluster-group', 'available-storage'])
      }
    })
    // The upgraded file takes AKS commands and reopens with them.
    const again = LabStore.open(file)
    const at = again.lab.now
    const command = {
      type: 'aks.configure' as const,
      imageDir: 'C:\\ClusterStorage\\Volume01\\images',
      workingDir: 'C:\\ClusterStorage\\Volume01\\WorkingDir',
      cloudConfigLocation: 'C:\\ClusterStorage\\Volume01\\Config',
      controlPlaneVmSize: 'Standard_A4_v2',
      version: '1.0.8.10223',
      skipUpdates: false,
      vnet: {
        name: 'mynet',
        vswitchName: 'ConvergedSwitch',
        vlanId: null,
        ipAllocation: 'DHCP' as const,
        ipAddressPrefix: null,
        gateway: null,
        dnsServers: [],
        k8sNodeIpPoolStart: null,
        k8sNodeIpPoolEnd: null,
        vipPoolStart: '192.168.0.200',
        vipPoolEnd: '192.168.0.250',
      },
    }
    expect(again.lab.dispatch(command).ok).toBe(true)
    again.store.append(command, at, again.lab)
    const hash = again.lab.hash()
    again.store.close()
    const third = LabStore.open(file)
    expect(third.lab.hash()).toBe(hash)
    third.store.close()
  })
})
