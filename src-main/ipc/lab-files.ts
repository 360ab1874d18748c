import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { fail } from '@shared/errors'

// File rules of the service. Paths arrive from the renderer (or a browser), so they are checked
// before anything is opened or deleted.

export const LAB_EXTENSION = '.hcilab'

export function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b)
}

/** Opening goes through SQLite, which may write next to the file: only lab files, by absolute path. */
export function checkLabPath(file: string): string {
  if (!isAbsolute(file))
    fail('InvalidPath', `Give the full path of the lab file, not '${file}'.`, 'InvalidArgument')
  if (!file.toLowerCase().endsWith(LAB_EXTENSION))
    fail(
      'InvalidPath',
      `'${file}' is not a lab file: lab files end with ${LAB_EXTENSION}.`,
      'InvalidArgument',
    )
  return resolve(file)
}

export function isInside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file))
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
}

/** A lab file and the SQLite journal files beside it. */
export function removeLabFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
}

/** Runs `use` with a fresh private folder that is removed afterwards, whatever happens. */
export function withTempDir<T>(use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'hci-lab-'))
  try {
    return use(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function labFileName(name: string): string {
  // Keep letters, digits, spaces and a few safe marks: the name becomes a download's file name.
  const safe = name.replace(/[^\p{L}\p{N} ._()-]+/gu, '_').trim() || 'lab'
  return safe + LAB_EXTENSION
}

/** The size of a file in bytes (0 if it cannot be read), for checking there is room for a copy. */
export function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}
