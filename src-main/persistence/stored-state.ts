import type { LabState } from '../engine/core/state'
import { addAksShape, addClusterShape } from './schema'

// Lab states as stored in snapshots: JSON, in the shape of the file's version.

/** A stored state as the engine needs it, or null when it clearly is not one. */
export function parseState(text: string): LabState | null {
  let state: Partial<LabState> | null
  try {
    state = JSON.parse(text) as Partial<LabState> | null
  } catch {
    return null
  }
  // A light shape check: the engine trusts its state, so reject what is clearly not one.
  const ok =
    state !== null &&
    typeof state === 'object' &&
    state.format === 1 &&
    typeof state.clock?.now === 'number' &&
    Array.isArray(state.queue)
  if (!ok) return null
  // Files older than version 4 are read before they are migrated: give their state what it lacks.
  // States saved before the performance history began start one, empty.
  const shaped = addClusterShape(addAksShape(state as Record<string, unknown>))
  return { performance: { samples: [], containerBytes: 0 }, ...shaped } as unknown as LabState
}

/** A stored state in the current shape, as text (for rebuilding a file from it). */
export function currentStateText(text: string, version: number): string {
  // States gained their last entries in version 4; from then on, they are stored as they are.
  return version >= 4 ? text : JSON.stringify(parseState(text))
}
