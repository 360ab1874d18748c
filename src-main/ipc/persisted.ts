import { basename } from 'node:path'
import { commandSchema } from '@shared/commands'
import type { LabError, Result } from '@shared/errors'
import type { Lab } from '../engine/lab'
import type { LabStore } from '../persistence'

/**
 * Applies a command and appends it to the lab file before anyone hears it succeeded: an
 * acknowledged command is a durable command. A failing append throws; the caller must then drop
 * the in-memory lab (it is ahead of the file) and reopen it.
 */
export function dispatchAndSave(lab: Lab, store: LabStore, input: unknown): Result<unknown> {
  // Refused before the engine sees it: a change that cannot be saved is not made at all.
  if (store.readOnly) return { ok: false, error: readOnlyError(store.file) }
  const parsed = commandSchema.safeParse(input)
  // The engine words the error for an invalid command; nothing is applied or saved.
  if (!parsed.success) return lab.dispatch(input)
  const at = lab.now
  const result = lab.dispatch(parsed.data)
  if (result.ok) store.append(parsed.data, at, lab)
  return result
}

function readOnlyError(file: string): LabError {
  return {
    code: 'LabReadOnly',
    message: `The lab file "${basename(file)}" is read-only, so this change was not made. Save a copy in a writable place to make changes.`,
    category: 'InvalidOperation',
  }
}
