import { commandSum, snapshotSum } from './checksum'
import { UnreadableError, type LabFileReader, type SnapshotRow } from './read'

// A lab opens from its latest good snapshot, but every row is checked on open, history included:
// the older snapshots and commands are what a damaged newer snapshot would be rebuilt from.

/**
 * What is wrong in the history before `base` (the snapshot the lab opened from), in a sentence, or
 * undefined when every row of it passes its check. `snapshots` are newest first.
 */
export function historyProblem(
  reader: LabFileReader,
  snapshots: SnapshotRow[],
  base: SnapshotRow,
): string | undefined {
  const problem = findProblem(reader, snapshots, base)
  if (problem === undefined) return undefined
  return `In the lab's history, ${problem}: the history before command ${base.seq} was dropped, nothing of the lab itself.`
}

function findProblem(reader: LabFileReader, snapshots: SnapshotRow[], base: SnapshotRow): string | undefined {
  const older = snapshots.slice(snapshots.indexOf(base) + 1)
  for (const row of older) {
    const problem = snapshotProblem(reader, row)
    if (problem) return problem
  }
  const first = older.at(-1) ?? base
  let expected = first.seq + 1
  try {
    for (const row of reader.commandsAfter(first.seq, base.seq)) {
      if (row.seq !== expected) return `command ${expected} is missing`
      const whole =
        typeof row.body === 'string' &&
        typeof row.at === 'number' &&
        (row.sum === null || row.sum === commandSum(row.seq, row.at, row.body))
      if (!whole) return `command ${row.seq} failed its check`
      expected++
    }
  } catch (e) {
    if (e instanceof UnreadableError) return `command ${expected} could not be read`
    throw e
  }
  return expected === base.seq + 1 ? undefined : `command ${expected} is missing`
}

function snapshotProblem(reader: LabFileReader, row: SnapshotRow): string | undefined {
  try {
    const stored = reader.snapshot(row.id)
    const whole =
      typeof stored?.state === 'string' &&
      (stored.sum === null || stored.sum === snapshotSum(row.seq, stored.state))
    return whole ? undefined : `the snapshot at command ${row.seq} failed its check`
  } catch (e) {
    if (e instanceof UnreadableError) return `the snapshot at command ${row.seq} could not be read`
    throw e
  }
}
