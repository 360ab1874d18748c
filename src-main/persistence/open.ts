import fs from 'node:fs'
import os from 'node:os'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import type { Lab } from '../engine/lab'
import { replaceDamaged, type FileContent } from './build'
import { errorCode, fileErrors, LabFileError } from './errors'
import { checkHeader, writeBackup } from './files'
import { loadLab } from './load'
import type { LoadedLab } from './replay'
import { configureWriter, migrate, SCHEMA_VERSION } from './schema'
import { currentStateText } from './stored-state'

// Opening a lab file for use: read and checked first (load.ts), then a damaged file is kept aside
// and rebuilt at its last good point, an older one is migrated, and a writer keeps it locked. A
// file that cannot be written is opened from a private copy, read-only.

export interface OpenedFile {
  db: Database.Database
  lastSeq: number
  lastAt: number
  /** The virtual time of the latest snapshot in the file. */
  lastSnapshotAt: number
  replayed: number
  readOnly: boolean
  recovery?: string
  /** What was found damaged and lost, without where the original went (one sentence each). */
  damage?: string
  close(): void
}

export function openFile(file: string): { lab: Lab; opened: OpenedFile } {
  if (!canWrite(file)) return openReadOnly(file)
  try {
    return openAt(file, file, false)
  } catch (e) {
    // Permissions are not the only reason a file cannot be written (a read-only mount, a lock).
    if (e instanceof LabFileError && e.code === 'ReadOnly') return openReadOnly(file)
    throw e
  }
}

/** Opens `path`; messages name `shownAs`, the file as the person knows it. */
function openAt(path: string, shownAs: string, readOnly: boolean): { lab: Lab; opened: OpenedFile } {
  const loaded = loadLab(path)
  let recovery: string | undefined
  let damage: string | undefined
  let lastSnapshotAt = loaded.base.at
  if (loaded.problems.length > 0) {
    const kept = replaceDamaged(path, contentOf(loaded), new Date())
    damage = loaded.problems.join(' ')
    recovery = recoveryNotice(shownAs, damage, readOnly ? undefined : kept)
    lastSnapshotAt = loaded.lab.now
  }
  const db = openWriter(path)
  try {
    upgrade(db, path)
  } catch (e) {
    db.close()
    throw e instanceof LabFileError ? e : fileErrors.io(path, 'upgrade', e)
  }
  const { lab, lastSeq, lastAt, replayed } = loaded
  const opened = {
    db,
    lastSeq,
    lastAt,
    lastSnapshotAt,
    replayed,
    readOnly,
    recovery,
    damage,
    close: () => db.close(),
  }
  return { lab, opened }
}

/**
 * A read-only file or folder: SQLite could not even read it in WAL mode (it needs to write beside
 * it), so the lab is opened from a private copy, which is never written back.
 */
function openReadOnly(file: string): { lab: Lab; opened: OpenedFile } {
  checkHeader(file) // refuses folders, pipes and the like before anything is copied
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'hci-lab-read-only-'))
  const remove = () => fs.rmSync(dir, { recursive: true, force: true })
  try {
    const copy = join(dir, basename(file))
    for (const side of ['', '-wal']) {
      if (side && !fs.existsSync(file + side)) continue
      fs.copyFileSync(file + side, copy + side)
      // A copy keeps the original's mode: the private one must be writable, to be opened at all.
      fs.chmodSync(copy + side, 0o600)
    }
    const { lab, opened } = openAt(copy, file, true)
    return { lab, opened: { ...opened, close: () => (opened.close(), remove()) } }
  } catch (e) {
    remove()
    // The copy has the same name: only the path the error carries needs to be the original's.
    if (e instanceof LabFileError) throw new LabFileError(e.code, file, e.message, { cause: e.cause })
    throw fileErrors.io(file, 'read', e)
  }
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK)
    fs.accessSync(dirname(file), fs.constants.W_OK)
    return true
  } catch (e) {
    return !['EACCES', 'EPERM', 'EROFS'].includes(errorCode(e))
  }
}

/** The recovered lab as a file: its base snapshot, the commands replayed on it, its state now. */
function contentOf(loaded: LoadedLab): FileContent {
  const { base, lab } = loaded
  return {
    base: { seq: base.seq, state: currentStateText(base.state, loaded.version) },
    commands: loaded.commands,
    latest: { seq: loaded.lastSeq, state: JSON.stringify(lab.state) },
    clock: lab.now,
  }
}

function recoveryNotice(file: string, damage: string, kept: string | undefined): string {
  const where = kept
    ? `The original file was kept as ${basename(kept)}.`
    : 'The file is read-only, so it was left as it was: use Save as to keep the lab as it opened.'
  return `The lab file "${basename(file)}" was damaged, so it opened at its last good point. ${damage} ${where}`
}

/** Brings an older file to the current version, after a backup of it as it was. */
function upgrade(db: Database.Database, file: string): void {
  const version = Number(db.pragma('user_version', { simple: true }))
  if (version >= SCHEMA_VERSION) return
  // Everything into the main file first, so that the backup is the whole lab.
  db.pragma('wal_checkpoint(TRUNCATE)')
  writeBackup(file, `${file}.v${version}.bak`)
  migrate(db, version)
}

export function openWriter(file: string): Database.Database {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: true, timeout: 200 })
    configureWriter(db)
    return db
  } catch (e) {
    db?.close()
    const code = errorCode(e)
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw fileErrors.inUse(file, e)
    throw fileErrors.io(file, 'open', e)
  }
}
