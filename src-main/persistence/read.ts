import type Database from 'better-sqlite3'
import { errorCode } from './errors'

// The rows of a lab file, read from a read-only connection in any schema version. Reads that SQLite
// fails (a damaged page) are reported as such, so that what can be read is still used.

export interface SnapshotRow {
  id: number
  seq: number
}

export interface CommandRow {
  seq: number
  at: unknown
  body: unknown
  /** Null for rows written before file version 5: they are checked by replay only. */
  sum: string | null
}

export interface ClockRow {
  now: unknown
  sum: string | null
}

/** Thrown when SQLite cannot read a part of the file (damaged pages). */
export class UnreadableError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'UnreadableError'
  }
}

export class LabFileReader {
  private readonly sumColumn: string

  constructor(
    private readonly db: Database.Database,
    readonly version: number,
  ) {
    this.sumColumn = version >= 5 ? 'sum' : 'NULL'
  }

  /** Newest first: the latest command's snapshot, the last one written for it first. */
  snapshots(): SnapshotRow[] {
    return guard(
      () =>
        this.db
          .prepare('SELECT rowid AS id, seq FROM snapshots ORDER BY seq DESC, rowid DESC')
          .all() as SnapshotRow[],
    )
  }

  snapshot(id: number): { state: unknown; sum: string | null } | undefined {
    return guard(
      () =>
        this.db.prepare(`SELECT state, ${this.sumColumn} AS sum FROM snapshots WHERE rowid = ?`).get(id) as
          { state: unknown; sum: string | null } | undefined,
    )
  }

  /** Commands after `seq` (up to `last`), in order; iteration throws UnreadableError where SQLite cannot read. */
  *commandsAfter(seq: number, last = Number.MAX_SAFE_INTEGER): Generator<CommandRow> {
    const rows = guard(() =>
      this.db
        .prepare(
          `SELECT seq, at, body, ${this.sumColumn} AS sum FROM commands WHERE seq > ? AND seq <= ? ORDER BY seq`,
        )
        .iterate(seq, last),
    ) as IterableIterator<CommandRow>
    try {
      for (;;) {
        const next = guard(() => rows.next())
        if (next.done) return
        yield next.value
      }
    } finally {
      // A reader that stops early must free the connection for the next query.
      rows.return?.()
    }
  }

  /** The highest command number in the file, or undefined if the log cannot be read. */
  lastCommandSeq(): number | undefined {
    try {
      const seq = this.db.prepare('SELECT max(seq) FROM commands').pluck().get()
      return typeof seq === 'number' ? seq : undefined
    } catch {
      return undefined
    }
  }

  /** The saved clock (files from version 2 on), undefined when none was saved. */
  clock(): ClockRow | undefined {
    if (this.version < 2) return undefined
    return guard(
      () =>
        this.db.prepare(`SELECT now, ${this.sumColumn} AS sum FROM clock WHERE id = 1`).get() as
          ClockRow | undefined,
    )
  }
}

function guard<T>(read: () => T): T {
  try {
    return read()
  } catch (e) {
    const code = errorCode(e)
    // Whatever SQLite reports but a lock (a damaged page, a missing table) means: not readable here.
    if (code.startsWith('SQLITE_') && !code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED'))
      throw new UnreadableError(e)
    throw e
  }
}
