import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { LabFileError } from '../persistence'
import { createLab, seedLabInput } from './cli-new'

// The lab named by `npm run web -- --lab FILE`: a file that is not there yet is made there, as
// `hci-lab new FILE` makes it, so a newcomer can start from any path.

/** Makes the seed's lab at `file` if nothing is there; returns what to tell the user, if anything. */
export function prepareLabFile(file: string): string | undefined {
  if (existsSync(file)) return undefined
  return createLab(file, seedLabInput(file))
}

/**
 * A start-up failure as the web host prints it. A lab file's error names the file by its base name
 * (enough in a window that shows the path); on a command line the whole path says which one.
 */
export function startupErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (!(error instanceof LabFileError)) return message
  const named = `"${basename(error.file)}"`
  return message.includes(named) ? message.replace(named, `"${error.file}"`) : `${message} (${error.file})`
}
