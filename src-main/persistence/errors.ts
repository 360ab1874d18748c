import fs from 'node:fs'
import { basename, dirname } from 'node:path'

// Why a lab file could not be opened, created or written. The message is for a person (it names the
// file and says what to do); the code is for the host, which may react differently per code.

export type LabFileErrorCode =
  'NotFound' | 'NotALab' | 'Damaged' | 'NewerVersion' | 'Exists' | 'ReadOnly' | 'DiskFull' | 'Quota' | 'Io'

export class LabFileError extends Error {
  constructor(
    readonly code: LabFileErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'LabFileError'
  }
}

const quoted = (file: string) => `"${basename(file)}"`

export const fileErrors = {
  notFound: (file: string) =>
    new LabFileError('NotFound', file, `The lab file ${quoted(file)} does not exist.`),

  notALab: (file: string, why: string) =>
    new LabFileError('NotALab', file, `${quoted(file)} is not an HCI Lab file: ${why}.`),

  damaged: (file: string, why: string, cause?: unknown) =>
    new LabFileError(
      'Damaged',
      file,
      `The lab file ${quoted(file)} is damaged and cannot be opened (${why}). It was left unchanged.`,
      { cause },
    ),

  newer: (file: string, version: number, supported: number) =>
    new LabFileError(
      'NewerVersion',
      file,
      `The lab file ${quoted(file)} was saved by a newer version of HCI Lab (file version ${version}; ` +
        `this version opens files up to version ${supported}). Update HCI Lab to open it.`,
    ),

  exists: (file: string) =>
    new LabFileError('Exists', file, `A file named ${quoted(file)} already exists; it was not overwritten.`),

  /** An input/output failure; a full disk and a read-only file or folder get their own message. */
  io: (file: string, action: string, cause: unknown): LabFileError => {
    if (isDiskFull(file, cause)) return fileErrors.diskFull(file, action, cause)
    if (READ_ONLY_CODES.some((c) => errorCode(cause).startsWith(c))) return fileErrors.readOnly(file, cause)
    return new LabFileError(
      'Io',
      file,
      `Could not ${action} the lab file ${quoted(file)}: ${reasonOf(cause)}.`,
      {
        cause,
      },
    )
  },

  readOnly: (file: string, cause?: unknown) =>
    new LabFileError(
      'ReadOnly',
      file,
      `The lab file ${quoted(file)} is read-only, so HCI Lab opens it for looking only and refuses ` +
        'changes. Save a copy in a writable place to make changes.',
      { cause },
    ),

  diskFull: (file: string, action: string, cause: unknown) =>
    new LabFileError(
      'DiskFull',
      file,
      `The disk is full: HCI Lab could not ${action} the lab file ${quoted(file)}. Free some space and try again.`,
      { cause },
    ),

  quota: (file: string, why: string) =>
    new LabFileError('Quota', file, `Could not add a lab to the library: ${why}.`),

  inUse: (file: string, cause: unknown) =>
    new LabFileError(
      'Io',
      file,
      `The lab file ${quoted(file)} is in use by another HCI Lab window or program. Close it there first.`,
      { cause },
    ),
}

export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\.$/, '')
}

/** Node's error code (ENOENT…) or better-sqlite3's (SQLITE_BUSY…), if any. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code
  return ''
}

const READ_ONLY_CODES = ['SQLITE_READONLY', 'EACCES', 'EPERM', 'EROFS']
/** Below this, an input/output error while writing is taken for a full disk. */
const NEARLY_FULL_BYTES = 1024 * 1024

/**
 * SQLite reports a full disk as SQLITE_FULL, but a write that the system refused for lack of space
 * can also surface as a plain I/O error: then the free space tells.
 */
function isDiskFull(file: string, cause: unknown): boolean {
  const code = errorCode(cause)
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true
  if (!code.startsWith('SQLITE_IOERR')) return false
  const free = freeBytes(dirname(file))
  return free !== undefined && free < NEARLY_FULL_BYTES
}

/** Free space for this user in a folder, if the system tells. */
export function freeBytes(dir: string): number | undefined {
  try {
    const s = fs.statfsSync(dir)
    return s.bavail * s.bsize
  } catch {
    return undefined
  }
}
