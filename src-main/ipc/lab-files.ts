import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, isAbsolute, join, relative, resolve } from 'node:path'
import { fail } from '@shared/errors'
import { LabStore, type LabLibrary } from '../persistence'

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

/**
 * Opens an uploaded lab in a private folder (a refusal's error is thrown), and copies it into the
 * library. Returns its path there and, for a damaged upload, what was repaired.
 */
export function importIntoLibrary(
  library: LabLibrary,
  fileName: string,
  base64: string,
): { file: string; recovery?: string } {
  // Twice the file: the checked copy in a temporary folder, then the one in the library.
  library.checkRoom(2 * Math.ceil((base64.length * 3) / 4))
  return withTempDir((dir) => {
    // Named as the person knows it, so that a refusal's message names their file.
    const temp = join(dir, labFileName(basename(fileName).replace(/\.hcilab$/i, '')))
    writeFileSync(temp, Buffer.from(base64, 'base64'))
    const opened = LabStore.open(temp)
    try {
      const file = library.pathFor(opened.lab.state.meta.name)
      opened.store.copyTo(file)
      const damage = opened.store.damage
      // The person keeps their own file: only what was lost is said, not where a copy went.
      if (damage === undefined) return { file }
      const recovery = `The imported file "${basename(fileName)}" was damaged, so it was imported at its last good point. ${damage}`
      return { file, recovery }
    } finally {
      opened.store.close()
    }
  })
}
