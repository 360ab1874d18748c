import fs from 'node:fs'
import { dirname } from 'node:path'
import { errorCode, fileErrors, LabFileError } from './errors'

// File-level work done without SQLite: checking a header before SQLite touches the file, tidying
// the side files a read-only SQLite connection leaves, and publishing a finished file atomically.

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')
const SIDECARS = ['-wal', '-shm'] as const

/**
 * Refuses, reading only, a file that is missing, not SQLite or visibly truncated. A truncation is
 * only judged when no write-ahead log holds newer pages: with one, the main file may lag behind.
 */
export function checkHeader(file: string): void {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    if (errorCode(e) === 'ENOENT') throw fileErrors.notFound(file)
    if (errorCode(e) === 'EISDIR') throw fileErrors.notALab(file, 'it is a folder')
    throw fileErrors.io(file, 'read', e)
  }
  try {
    const stat = fs.fstatSync(fd)
    if (stat.isDirectory()) throw fileErrors.notALab(file, 'it is a folder')
    if (stat.size === 0) throw fileErrors.notALab(file, 'the file is empty')
    const header = Buffer.alloc(100)
    const read = fs.readSync(fd, header, 0, header.length, 0)
    if (read < SQLITE_MAGIC.length || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC))
      throw fileErrors.notALab(file, 'it is not an SQLite database')
    if (read < header.length) throw fileErrors.damaged(file, 'the file is truncated')
    const raw = header.readUInt16BE(16)
    const pageSize = raw === 1 ? 65536 : raw
    if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0)
      throw fileErrors.damaged(file, 'the database header is not valid')
    if (!hasWalContent(file) && isTruncated(header, stat.size, pageSize))
      throw fileErrors.damaged(file, 'the file is truncated')
  } catch (e) {
    if (e instanceof LabFileError) throw e
    throw fileErrors.io(file, 'read', e)
  } finally {
    fs.closeSync(fd)
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

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

function syncDir(dir: string): void {
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
