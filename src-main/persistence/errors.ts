import { basename } from 'node:path'

// Why a lab file could not be opened, created or written. The message is for a person (it names the
// file and says what to do); the code is for the host, which may react differently per code.

export type LabFileErrorCode = 'NotFound' | 'NotALab' | 'Damaged' | 'NewerVersion' | 'Exists' | 'Io'

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

  io: (file: string, action: string, cause: unknown) =>
    new LabFileError('Io', file, `Could not ${action} the lab file ${quoted(file)}: ${reasonOf(cause)}.`, {
      cause,
    }),

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
