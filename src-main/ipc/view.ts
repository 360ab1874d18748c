import type { LabView } from '@shared/contract'
import type { LabState } from '../engine/core/state'

/** The renderer's copy of a lab: everything but the engine's internals (rng, event queue). */
export function labView(state: Readonly<LabState>): LabView {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { rng, queue, nextSeq, format, ...view } = state
  return structuredClone(view)
}
