import fs from 'node:fs'
import { basename, dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { clockSum, commandSum, snapshotSum } from './checksum'
import { errorCode, fileErrors } from './errors'
import { removeWithSidecars, syncDir, syncFile, tempPathFor } from './files'
import { APP_VERSION, FILE_FORMAT, migrate } from './schema'

// Writing whole lab files: a new lab, and a damaged lab rebuilt at its last good point (the
// original kept beside it, byte for byte).

export interface LoggedRow {
  seq: number
  at: number
  body: string
}

export interface FileContent {
  /** The first snapshot: the command it follows (0 for a new lab) and the state, as JSON. */
  base: { seq: number; state: string }
  /** The commands after it, in order. */
  commands: readonly LoggedRow[]
  /** The state after the last command, when there are commands. */
  latest?: { seq: number; state: string }
  clock: number
}

/** Writes a complete lab file at `file` (which must not exist): schema, meta, rows, checksums. */
export function writeLabFile(file: string, content: FileContent): void {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    migrate(db, 0)
    db.transaction(() => {
      const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
      meta.run('format', FILE_FORMAT)
      meta.run('appVersion', APP_VERSION)
      meta.run('created', new Date().toISOString())
      const snapshot = db.prepare('INSERT INTO snapshots (seq, state, sum) VALUES (?, ?, ?)')
      const { base, latest } = content
      snapshot.run(base.seq, base.state, snapshotSum(base.seq, base.state))
      const command = db.prepare('INSERT INTO commands (seq, at, body, sum) VALUES (?, ?, ?, ?)')
      for (const c of content.commands) command.run(c.seq, c.at, c.body, commandSum(c.seq, c.at, c.body))
      if (latest) snapshot.run(latest.seq, latest.state, snapshotSum(latest.seq, latest.state))
      db.prepare('INSERT INTO clock (id, now, sum) VALUES (1, ?, ?)').run(
        content.clock,
        clockSum(content.clock),
      )
    })()
    // Everything into the main file: the finished file is published without side files.
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}

/**
 * Keeps the damaged original as "<name>.damaged-<date>.hcilab" (its log beside it), then puts the
 * rebuilt lab under the original name. Returns the name the original was kept under.
 */
export function replaceDamaged(file: string, content: FileContent, wallTime: Date): string {
  const tmp = tempPathFor(file)
  try {
    removeWithSidecars(tmp)
    writeLabFile(tmp, content)
  } catch (e) {
    removeWithSidecars(tmp)
    throw fileErrors.io(file, 'repair', e)
  }
  const kept = damagedName(file, wallTime)
  let keptMain = false
  let logMoved = false
  try {
    keepOriginal(file, kept)
    keptMain = true
    // The original's log goes with it (SQLite would replay it into the rebuilt file), by a rename:
    // at no moment is it lost, nor beside the wrong file.
    if (fs.existsSync(`${file}-wal`)) {
      fs.renameSync(`${file}-wal`, `${kept}-wal`)
      logMoved = true
    }
    fs.rmSync(`${file}-shm`, { force: true })
    syncFile(tmp)
    fs.renameSync(tmp, file)
    syncDir(dirname(file))
  } catch (e) {
    // The original stays as it was found, and nothing is left beside it.
    if (logMoved) fs.renameSync(`${kept}-wal`, `${file}-wal`)
    if (keptMain) fs.rmSync(kept, { force: true })
    throw fileErrors.io(file, 'repair', e)
  } finally {
    removeWithSidecars(tmp)
  }
  return kept
}

/** A free "<name>.damaged-<date>.hcilab" beside `file`, with a counter when the day's is taken. */
export function damagedName(file: string, wallTime: Date): string {
  const stem = basename(file).replace(/\.hcilab$/i, '')
  // The date as the person sees it on their calendar.
  const pad = (n: number) => String(n).padStart(2, '0')
  const date = `${wallTime.getFullYear()}-${pad(wallTime.getMonth() + 1)}-${pad(wallTime.getDate())}`
  for (let n = 1; ; n++) {
    const name = join(dirname(file), `${stem}.damaged-${date}${n === 1 ? '' : `-${n}`}.hcilab`)
    if (!fs.existsSync(name) && !fs.existsSync(`${name}-wal`)) return name
  }
}

/** A second name for the original's bytes: a hard link, else a copy. */
function keepOriginal(file: string, kept: string): void {
  try {
    fs.linkSync(file, kept)
  } catch (e) {
    if (errorCode(e) === 'EEXIST') throw e
    fs.copyFileSync(file, kept, fs.constants.COPYFILE_EXCL)
    syncFile(kept)
  }
}
