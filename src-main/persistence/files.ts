import fs from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { errorCode, fileErrors, LabFileError } from './errors'

// File-level work done without SQLite: checking a header before SQLite touches the file, tidying
// the side files a read-only SQLite connection leaves, and publishing a finished file atomically.

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const SIDECARS = ['-wal', '-shm'] as const

/**
 * Refuses, reading only, a file that is missing, not a regular file, not SQLite or cut inside its
 * header. Tells whether it looks truncated: that is only judged when no write-ahead log holds newer
 * pages (with one, the main file may lag behind), and a truncated file is read for what it holds.
 */
export function checkHeader(file: string): { truncated: boolean; fullSize: number } {
  // Stat before opening: opening a FIFO or a device would block, or read forever.
  const stat = statOrNull(file)
  if (!stat) throw fileErrors.notFound(file)
  if (stat.isDirectory()) throw fileErrors.notALab(file, 'it is a folder')
  if (!stat.isFile()) throw fileErrors.notALab(file, 'it is not a regular file')
  for (const s of SIDECARS) {
    const side = statOrNull(file + s)
    if (side && !side.isFile())
      throw fileErrors.notALab(file, `its side file ${basename(file + s)} is not a regular file`)
  }
  if (stat.size === 0) throw fileErrors.notALab(file, 'the file is empty')
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    if (errorCode(e) === 'ENOENT') throw fileErrors.notFound(file)
    throw fileErrors.io(file, 'read', e)
  }
  try {
    const header = Buffer.alloc(100)
    const read = fs.readSync(fd, header, 0, header.length, 0)
    if (read < SQLITE_MAGIC.length || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC))
      throw fileErrors.notALab(file, 'it is not an SQLite database')
    if (read < header.length) throw fileErrors.damaged(file, 'the file is truncated')
    const raw = header.readUInt16BE(16)
    const pageSize = raw === 1 ? 65536 : raw
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
      throw fileErrors.damaged(file, 'the database header is not valid')
    const truncated = !hasWalContent(file) && isTruncated(header, stat.size, pageSize)
    const pages = Math.max(header.readUInt32BE(28), Math.ceil(stat.size / pageSize))
    return { truncated, fullSize: truncated ? pages * pageSize : stat.size }
  } catch (e) {
    if (e instanceof LabFileError) throw e
    throw fileErrors.io(file, 'read', e)
  } finally {
    fs.closeSync(fd)
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch (e) {
    if (errorCode(e) === 'ENOENT' || errorCode(e) === 'ENOTDIR') return null
    throw fileErrors.io(file, 'read', e)
  }
}

function isTruncated(header: Buffer, size: number, pageSize: number): boolean {
  if (size % pageSize !== 0) return true
  // The page count at offset 28 is only trustworthy when its "valid for" counter matches.
  const pages = header.readUInt32BE(28)
  const valid = header.readUInt32BE(92) === header.readUInt32BE(24)
  return valid && pages > 0 && size < pages * pageSize
}

function hasWalContent(file: string): boolean {
  try {
    return fs.statSync(`${file}-wal`).size > 0
  } catch {
    return false
  }
}

/** Which SQLite side files exist now, so that those a read-only look creates can be removed. */
export function existingSidecars(file: string): Set<string> {
  return new Set(SIDECARS.filter((s) => fs.existsSync(file + s)))
}

/**
 * Removes the side files that did not exist before our read-only connection (an empty log and a
 * shared-memory index, both rebuilt on demand), so a file is left exactly as it was found. Another
 * program using them would have created them first; our own writers lock exclusively and use none.
 */
export function removeNewSidecars(file: string, before: Set<string>): void {
  for (const s of SIDECARS) {
    if (before.has(s)) continue
    try {
      fs.rmSync(file + s, { force: true })
    } catch {
      // Leaving an empty side file behind is untidy but harmless.
    }
  }
}

/**
 * Removes the side files of a lab whose main file is gone (deleted after a crash). SQLite would
 * otherwise read an old write-ahead log into a new file created under the same name.
 */
export function removeOrphanSidecars(file: string): void {
  if (!fs.existsSync(file)) removeWithSidecars(file)
}

/** Removes a (temporary) database file and whatever side files SQLite made for it. */
export function removeWithSidecars(file: string): void {
  for (const s of ['', ...SIDECARS, '-journal']) fs.rmSync(file + s, { force: true })
}

/**
 * Moves a finished temporary file to `file` without ever overwriting: a hard link fails if the name
 * is taken, and the name appears complete or not at all, even after a crash.
 */
export function publish(tmp: string, file: string): void {
  try {
    syncFile(tmp)
    try {
      fs.linkSync(tmp, file)
    } catch (e) {
      if (errorCode(e) === 'EEXIST') throw fileErrors.exists(file)
      // File systems without hard links (FAT, some network shares): an exclusive copy instead.
      fs.copyFileSync(tmp, file, fs.constants.COPYFILE_EXCL)
      syncFile(file)
    }
    syncDir(dirname(file))
  } catch (e) {
    if (e instanceof LabFileError) throw e
    if (errorCode(e) === 'EEXIST') throw fileErrors.exists(file)
    throw fileErrors.io(file, 'write', e)
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/** Writes `data` to `file` atomically (temporary file, flush, rename over). */
export function writeAtomic(file: string, data: string): void {
  replaceFile(file, (tmp) => fs.writeFileSync(tmp, data))
}

/** Copies `file` to `backup` durably, replacing an older backup of the same version. */
export function writeBackup(file: string, backup: string): void {
  replaceFile(backup, (tmp) => fs.copyFileSync(file, tmp))
}

function replaceFile(target: string, fill: (tmp: string) => void): void {
  const tmp = `${target}.${process.pid}.tmp`
  try {
    fill(tmp)
    syncFile(tmp)
    fs.renameSync(tmp, target)
    syncDir(dirname(target))
  } finally {
    fs.rmSync(tmp, { force: true })
  }
}

/** A name next to `file` for building it before it is published. */
export function tempPathFor(file: string): string {
  return `${file}.${process.pid}.creating`
}

/**
 * Removes the half-built files that processes killed while creating a lab left in `dir` (their
 * process is gone), with their side files. Files of running processes are left alone.
 */
export function removeStaleTemps(dir: string): void {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    const m = /^(.*\.(\d+)\.creating)(-wal|-shm|-journal)?$/.exec(name)
    if (!m || isRunning(Number(m[2]))) continue
    try {
      removeWithSidecars(join(dir, m[1]!))
    } catch {
      // Another attempt will be made next time.
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists, run by someone else.
    return errorCode(e) === 'EPERM'
  }
}

export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

export function syncDir(dir: string): void {
  // Makes a new name durable on POSIX; Windows cannot open folders this way and needs no such step.
  try {
    const fd = fs.openSync(dir, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    // Best effort.
  }
}
