import { normalizePath, volumeOfPath } from '@shared/aks-paths'
import type { Command } from '@shared/commands'
import type { FileEntry } from '@shared/domain'
import { fail } from '@shared/errors'
import { fileOwner } from '@shared/file-owners'
import { csvPath } from '@shared/s2d'
import type { LabState } from '../core/state'
import type { Tx } from '../core/tx'
import { putFile, removeFile } from './ledger'

// Files and folders a person makes and copies on the cluster shared volumes (New-Item, Copy-Item).
// They go through the ledger like every other file, so capacity follows. The ledger holds files; a
// folder is the prefix of the files under it, and an empty folder someone made is an entry of its
// own (owner kind 'folder', 0 bytes). Nothing owns either: they can be deleted (files.ts).

type CreateFile = Extract<Command, { type: 'file.create' }>
type CopyFile = Extract<Command, { type: 'file.copy' }>

export const USER_FILE = 'user'
export const USER_FOLDER = 'folder'

// Control characters are exactly what this pattern must catch.
// eslint-disable-next-line no-control-regex
const ILLEGAL_NAME_CHARS = /[<>:"/|?*\u0000-\u001f]/

/** C:/x/ and c:\x\ name the same place. */
const windowsPath = (path: string) => normalizePath(path.replace(/\//g, '\\'))
const lower = (path: string) => path.toLowerCase()
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('\\'))
const nameOf = (path: string) => path.slice(path.lastIndexOf('\\') + 1)

function fileAt(state: Readonly<LabState>, path: string): FileEntry | undefined {
  const p = lower(path)
  return Object.values(state.files).find((f) => lower(f.path) === p)
}

function isVolumeRoot(state: Readonly<LabState>, path: string): boolean {
  return Object.values(state.volumes).some((v) => lower(csvPath(v.name)) === lower(path))
}

/** A volume's root, a folder someone made, or the folder of some file. */
function isFolder(state: Readonly<LabState>, path: string): boolean {
  if (isVolumeRoot(state, path)) return true
  const entry = fileAt(state, path)
  if (entry) return entry.owner.kind === USER_FOLDER
  const prefix = `${lower(path)}\\`
  return Object.values(state.files).some((f) => lower(f.path).startsWith(prefix))
}

/** Where a new entry may go: in a volume's folder, a valid name, a folder above it, nothing there yet. */
function checkNewPath(tx: Tx, path: string): void {
  if (!volumeOfPath(tx.state, path) || isVolumeRoot(tx.state, path))
    fail(
      'PathNotOnVolume',
      `'${path}' is not in a volume's folder. HCI Lab's file system holds the cluster shared volumes: C:\\ClusterStorage\\<volume>\\….`,
      'InvalidArgument',
      path,
    )
  const name = nameOf(path)
  if (name === '' || ILLEGAL_NAME_CHARS.test(name) || /[ .]$/.test(name))
    fail('InvalidFileName', `The file name '${name}' is not valid.`, 'InvalidArgument', path)
  if (fileAt(tx.state, path) || isFolder(tx.state, path))
    fail('FileExists', `The file '${path}' already exists.`, 'ResourceExists', path)
  if (!isFolder(tx.state, parentOf(path)))
    fail('ParentNotFound', `Could not find a part of the path '${path}'.`, 'ObjectNotFound', path)
}

function newEntry(tx: Tx, path: string, kind: string, bytes: number, label: string): FileEntry {
  return {
    id: `${kind}:${lower(path)}`,
    volumeId: volumeOfPath(tx.state, path)!.id,
    path,
    sizeBytes: bytes,
    allocatedBytes: bytes,
    owner: { kind, id: lower(path), label },
    createdAt: tx.now,
  }
}

const folderEntry = (tx: Tx, path: string) => newEntry(tx, path, USER_FOLDER, 0, 'Folder made in PowerShell')

/** New-Item: an empty folder, or a file of `sizeBytes` (the text New-Item -Value wrote). */
export function createFile(tx: Tx, command: CreateFile): void {
  const path = windowsPath(command.path)
  checkNewPath(tx, path)
  putFile(
    tx,
    command.directory
      ? folderEntry(tx, path)
      : newEntry(tx, path, USER_FILE, command.sizeBytes, 'File made in PowerShell'),
  )
}

export function inUseMessage(path: string): string {
  return `The process cannot access the file '${path}' because it is being used by another process.`
}

/** Copy-Item of one file (a folder copies as an empty folder, as without -Recurse). */
export function copyFile(tx: Tx, command: CopyFile): void {
  const source = windowsPath(command.source)
  const file = fileAt(tx.state, source)
  const folder = isFolder(tx.state, source)
  if (!file && !folder)
    fail('FileNotFound', `Cannot find path '${source}' because it does not exist.`, 'ObjectNotFound', source)
  let destination = windowsPath(command.destination)
  if (isFolder(tx.state, destination)) destination = `${destination}\\${nameOf(source)}`
  if (lower(destination) === lower(source))
    fail('CopySameFile', `Cannot overwrite the item ${source} with itself.`, 'InvalidArgument', source)
  const existing = fileAt(tx.state, destination)
  // Copy-Item replaces a file that is there, unless something uses it.
  if (existing && !folder && existing.owner.kind !== USER_FOLDER) {
    if (fileOwner(tx.state, existing))
      fail('FileInUse', inUseMessage(existing.path), 'InvalidOperation', existing.path)
    removeFile(tx, existing.id)
  }
  checkNewPath(tx, destination)
  if (folder) return putFile(tx, folderEntry(tx, destination))
  putFile(tx, {
    ...newEntry(tx, destination, USER_FILE, file!.sizeBytes, `Copy of ${nameOf(source)}`),
    allocatedBytes: file!.allocatedBytes,
  })
}
