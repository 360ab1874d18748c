import { basename } from 'node:path'
import { commandSchema } from '@shared/commands'
import type { LabError, Result } from '@shared/errors'
import type { Lab } from '../engine/lab'
import { LabFileError, LabStore } from '../persistence'
import { toLabError } from './errors'

/** A lab and the file it is saved to. */
export interface OpenLab {
  lab: Lab
  store: LabStore
}

/**
 * Applies a command and appends it to the lab file before anyone hears it succeeded: an
 * acknowledged command is a durable command. A command the engine refused, or one that changed
 * nothing (a kubectl apply whose every document was rejected), is not appended: the log holds only
 * what replay needs. A failing append throws; the caller must then drop the in-memory lab (it is
 * ahead of the file) and reopen it: see reloadAfterFailedSave.
 */
export function dispatchAndSave(lab: Lab, store: LabStore, input: unknown): Result<unknown> {
  // Refused before the engine sees it: a change that cannot be saved is not made at all.
  if (store.readOnly) return { ok: false, error: readOnlyError(store.file) }
  const parsed = commandSchema.safeParse(input)
  // The engine words the error for an invalid command; nothing is applied or saved.
  if (!parsed.success) return lab.dispatch(input)
  const at = lab.now
  const before = footprint(lab)
  const result = lab.dispatch(parsed.data)
  if (result.ok && footprint(lab) !== before) store.append(parsed.data, at, lab)
  return result
}

/**
 * Everything a command can change: objects (each write bumps the change version), ids and
 * scheduled work (both take a sequence number), the random generator, and cancelled work (it leaves
 * the queue).
 */
function footprint(lab: Lab): string {
  const { nextSeq, rng, queue } = lab.state
  return `${lab.changeVersion} ${nextSeq} ${rng.join(',')} ${queue.length}`
}

/**
 * After a failed save, or a change that threw part-way through, the lab in memory is ahead of its
 * file: closes the file without saving the clock (the lost change may have moved it) and opens it
 * again, so that what is shown is what is saved. `error` says the change was undone. When the file
 * cannot be reopened `reopened` is null: keep the old lab on screen; its store is closed, so the
 * next command fails and retries this.
 */
export function reloadAfterFailedSave(
  current: OpenLab,
  failure: unknown,
  log: (message: string) => void,
): { reopened: OpenLab | null; error: LabError } {
  const reason = toLabError(failure).message
  const what =
    failure instanceof LabFileError ? 'The change could not be saved' : 'The change failed part-way'
  const file = current.store.file
  try {
    current.store.close()
  } catch (e) {
    log(`Could not close ${file}: ${toLabError(e).message}`)
  }
  try {
    return { reopened: LabStore.open(file), error: saveFailed(`${what}, so it was undone: ${reason}`) }
  } catch (reopen) {
    const why = toLabError(reopen).message
    log(`Could not reload ${file} after a failed change: ${why}`)
    return {
      reopened: null,
      error: saveFailed(`${what} (${reason}) and the lab could not be reloaded (${why}).`),
    }
  }
}

function saveFailed(message: string): LabError {
  return { code: 'SaveFailed', message, category: 'ResourceUnavailable' }
}

function readOnlyError(file: string): LabError {
  return {
    code: 'LabReadOnly',
    message: `The lab file "${basename(file)}" is read-only, so this change was not made. Save a copy in a writable place to make changes.`,
    category: 'InvalidOperation',
  }
}
