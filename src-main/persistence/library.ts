import fs from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import type { LabEntry } from '@shared/contract'
import { fileErrors, freeBytes } from './errors'
import { writeAtomic } from './files'

// The labs a person has: <dataDir>/labs/*.hcilab by default (any file can be opened), and the list
// of recently opened ones in <dataDir>/recent.json.

export const LAB_EXTENSION = '.hcilab'
const MAX_RECENT = 20
const MAX_NAME = 64
/** The most labs the library holds: new ones are refused beyond it (a client cannot fill the disk). */
export const MAX_LABS = 500
/** New labs and copies are refused when they would leave less free space than this. */
export const MIN_FREE_BYTES = 256 * 1024 * 1024

const entrySchema = z.object({ name: z.string(), file: z.string(), lastOpened: z.iso.datetime() })

export class LabLibrary {
  readonly labsDir: string
  private readonly recentFile: string

  constructor(dataDir: string) {
    this.labsDir = join(dataDir, 'labs')
    this.recentFile = join(dataDir, 'recent.json')
    fs.mkdirSync(this.labsDir, { recursive: true })
  }

  /** Recently opened labs, newest first; files that no longer exist are left out. */
  recent(): LabEntry[] {
    return this.read().filter((e) => fs.existsSync(e.file))
  }

  /** Records that a lab was opened (at most MAX_RECENT entries are kept). */
  touch(file: string, name: string, wallTime: Date): void {
    const entry: LabEntry = { name, file: resolve(file), lastOpened: wallTime.toISOString() }
    const others = this.read().filter((e) => !samePath(e.file, entry.file))
    this.write([entry, ...others].slice(0, MAX_RECENT))
  }

  forget(file: string): void {
    const entries = this.read()
    const kept = entries.filter((e) => !samePath(e.file, file))
    if (kept.length !== entries.length) this.write(kept)
  }

  /**
   * Refuses a new lab file (of about `bytes`) when the library is full or the disk nearly is, with
   * an error that says which and what to do.
   */
  checkRoom(bytes = 0): void {
    const labs = fs.readdirSync(this.labsDir).filter((n) => n.toLowerCase().endsWith(LAB_EXTENSION))
    if (labs.length >= MAX_LABS)
      throw fileErrors.quota(
        this.labsDir,
        `the lab library already holds ${labs.length} labs, the most it keeps (${MAX_LABS}). Delete labs you no longer need first`,
      )
    const free = freeBytes(this.labsDir)
    if (free !== undefined && free - bytes < MIN_FREE_BYTES)
      throw fileErrors.quota(
        this.labsDir,
        `the disk is nearly full (${Math.floor(free / 1024 ** 2)} MB free; HCI Lab keeps at least ` +
          `${MIN_FREE_BYTES / 1024 ** 2} MB free). Free some space first`,
      )
  }

  /** A free path in labsDir for a lab name: "My lab.hcilab", then "My lab (2).hcilab"… */
  pathFor(name: string): string {
    const base = fileNameFor(name)
    for (let n = 1; ; n++) {
      const file = join(this.labsDir, `${n === 1 ? base : `${base} (${n})`}${LAB_EXTENSION}`)
      if (!fs.existsSync(file)) return file
    }
  }

  /** The stored list; a missing or unreadable list is an empty one (it is only a convenience). */
  private read(): LabEntry[] {
    let text: string
    try {
      text = fs.readFileSync(this.recentFile, 'utf8')
    } catch {
      return []
    }
    let items: unknown
    try {
      items = JSON.parse(text)
    } catch {
      return []
    }
    if (!Array.isArray(items)) return []
    const entries = items.flatMap((item) => {
      const parsed = entrySchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
    // Newest first, whatever order the file holds; the sort is stable for equal times.
    return entries.sort((a, b) => Date.parse(b.lastOpened) - Date.parse(a.lastOpened))
  }

  private write(entries: LabEntry[]): void {
    writeAtomic(this.recentFile, JSON.stringify(entries, null, 2) + '\n')
  }
}

/**
 * A file name that is valid on Windows, macOS and Linux: no reserved characters, no trailing dots or
 * spaces, no device names (CON, NUL…), not empty, not too long.
 */
export function fileNameFor(name: string): string {
  let base = name
    .replace(/\s+/g, ' ')
    // Reserved and control characters are exactly what this pattern must catch.
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .trim()
    .slice(0, MAX_NAME)
    .replace(/^[. ]+|[. ]+$/g, '')
  if (base === '') base = 'Lab'
  if (/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i.test(base)) base = `${base}_`
  return base
}

function samePath(a: string, b: string): boolean {
  const [x, y] = [resolve(a), resolve(b)]
  // Windows and macOS paths are case-insensitive by default.
  return process.platform === 'linux' ? x === y : x.toLowerCase() === y.toLowerCase()
}
