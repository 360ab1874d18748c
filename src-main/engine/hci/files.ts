import { normalizePath } from '@shared/aks-paths'
import type { Command } from '@shared/commands'
import { fail } from '@shared/errors'
import { fileOwner } from '@shared/file-owners'
import type { Tx } from '../core/tx'
import { removeFile } from './ledger'

// Deleting a file by hand (Remove-Item, the volume's Files table): only one nothing owns, so an
// administrator can reclaim what a removed cluster left behind without breaking what still runs.

export interface DeletedFile {
  path: string
  freedBytes: number
}

export function deleteUnownedFile(tx: Tx, c: Extract<Command, { type: 'file.delete' }>): DeletedFile {
  const path = normalizePath(c.path)
  if (!path)
    fail(
      'FilePathRequired',
      'Give the full path of the file to delete, e.g. C:\\ClusterStorage\\Volume01\\images\\<folder>\\<file>.vhdx.',
      'InvalidArgument',
    )
  const wanted = path.toLowerCase()
  const file = tx.all('files').find((f) => f.path.toLowerCase() === wanted)
  if (!file) {
    const folder = `${wanted}\\`
    if (tx.all('files').some((f) => f.path.toLowerCase().startsWith(folder)))
      fail(
        'NotAFile',
        `'${path}' is a folder, not a file: delete the files in it one at a time.`,
        'InvalidArgument',
        path,
      )
    fail('FileNotFound', `Cannot find path '${path}' because it does not exist.`, 'ObjectNotFound', path)
  }
  const owner = fileOwner(tx.state, file)
  if (owner)
    fail(
      'FileInUse',
      `Cannot delete '${file.path}': it belongs to ${owner.owner}. ${owner.remedy}`,
      'InvalidOperation',
      file.path,
    )
  removeFile(tx, file.id)
  return { path: file.path, freedBytes: file.allocatedBytes }
}
