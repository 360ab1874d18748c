import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import type { Command } from '@shared/commands'
import Database from 'better-sqlite3'
import { Lab } from '../engine/lab'
import { existingSidecars, removeNewSidecars } from './files'
import type { LabStore } from './store'
import { labInput, workload } from './workload'

// Helpers for the persistence tests (not a test file itself).

export { labInput }

export interface LoggedCommand {
  at: number
  command: Command
}

/** Applies `count` accepted workload commands the way the host does; returns what was logged. */
export function appendWorkload(store: LabStore, lab: Lab, seed: number, count: number): LoggedCommand[] {
  const log: LoggedCommand[] = []
  for (const command of workload(seed)) {
    if (log.length === count) break
    const at = lab.now
    if (!lab.dispatch(command).ok) continue
    store.append(command, at, lab)
    log.push({ at, command })
  }
  return log
}

/** The same lab built in memory only: what a file must reopen to. */
export function replayInMemory(seed: number, log: LoggedCommand[], clock?: number): Lab {
  const lab = Lab.create(labInput(seed))
  for (const { at, command } of log) {
    lab.advanceTo(at)
    const result = lab.dispatch(command)
    if (!result.ok) throw new Error(`in-memory replay failed: ${result.error.message}`)
  }
  if (clock !== undefined) lab.advanceTo(clock)
  return lab
}

/** Every point the lab was known to be at: its hash before and after each command of `log`, and
 * how many commands it had then. */
export function knownHashes(seed: number, log: LoggedCommand[]): Map<string, number> {
  const lab = Lab.create(labInput(seed))
  const hashes = new Map([[lab.hash(), 0]])
  log.forEach(({ at, command }, i) => {
    lab.advanceTo(at)
    lab.dispatch(command)
    hashes.set(lab.hash(), i + 1)
  })
  return hashes
}

/** A fresh temporary folder per test, removed afterwards. */
export function useTempDir(): { readonly dir: string } {
  const box = { dir: '' }
  beforeEach(() => {
    box.dir = fs.mkdtempSync(join(os.tmpdir(), 'hcilab-persistence-'))
  })
  afterEach(() => {
    fs.rmSync(box.dir, { recursive: true, force: true })
  })
  return box
}

export function digest(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex')
}

/** Names and sizes in a folder: shows stray side files as well as changed ones. */
export function listing(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => `${name}:${fs.statSync(join(dir, name)).size}`)
}

/** Looks into a closed lab file read-only, leaving no side files behind. */
export function peek<T>(file: string, look: (db: Database.Database) => T): T {
  const before = existingSidecars(file)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return look(db)
  } finally {
    db.close()
    removeNewSidecars(file, before)
  }
}
