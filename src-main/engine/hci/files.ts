import type { Command } from '@shared/commands'
import type { FileEntry } from '@shared/domain'
import { fail } from '@shared/errors'
import { csvPath } from '@shared/s2d'
import type { LabState } from '../core/state'
import type { Tx } from '../core/tx'
import { vhdxFileId } from '../kube/storage/provision'
import { putFile, removeFile } from './ledger'

// Files and folders a person makes, copies and deletes on the cluster shared volumes (New-Item,
// Copy-Item, Remove-Item). They go through the ledger like every other file, so capacity follows.
// The ledger holds files; a folder is the prefix of the files under it, and an empty folder someone
// made is an entry of its own (owner kind 'folder', 0 bytes). What belongs to something that still
// exists (the AKS host's images, a cluster's VM disks, a live claim's VHDX) is in use: only files
// nothing owns any more can be deleted.

type CreateFile = Extract<Command, { type: 'file.create' }>
type CopyFile = Extract<Command, { type: 'file.copy' }>
type DeleteFile = Extract<Command, { type: 'file.delete' }>

export const USER_FILE = 'user'
export const USER_FOLDER = 'folder'

// Control characters are exactly what this pattern must catch.
// eslint-disable-next-line no-control-regex
const ILLEGAL_NAME_CHARS = /[<>:"/|?*\u0000-\u001f]/

/** C:/x/ and c:\x\ name the same place: one spelling, no trailing separator. */
export function normalPath(path: string): string {
  return path.trim().replace(/\//g, '\\').replace(/\\+$/, '')
}

const lower = (path: string) => path.toLowerCase()
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('\\'))
const nameOf = (path: string) => path.slice(path.lastIndexOf('\\') + 1)

/** The volume whose folder holds the path (the volume's root included), or undefined. */
export function volumeOfPath(state: Readonly<LabState>, path: string) {
  const p = lower(normalPath(path))
  return Object.values(state.volumes).find((v) => {
    const root = lower(csvPath(v.name))
    return p === root || p.startsWith(`${root}\\`)
  })
}

export function fileAt(state: Readonly<LabState>, path: string): FileEntry | undefined {
  const p = lower(normalPath(path))
  return Object.values(state.files).find((f) => lower(f.path) === p)
}

/** Entries directly or deeper under the folder. */
function entriesUnder(state: Readonly<LabState>, path: string): FileEntry[] {
  const prefix = `${lower(normalPath(path))}\\`
  return Object.values(state.files).filter((f) => lower(f.path).startsWith(prefix))
}

/** A volume's root, a folder someone made, or the folder of some file. */
export function isFolder(state: Readonly<LabState>, path: string): boolean {
  const p = lower(normalPath(path))
  if (Object.values(state.volumes).some((v) => lower(csvPath(v.name)) === p)) return true
  const entry = fileAt(state, path)
  if (entry) return entry.owner.kind === USER_FOLDER
  return entriesUnder(state, path).length > 0
}

/** Whether what owns the file still exists (then the file is in use and cannot be deleted). */
export function fileInUse(state: Readonly<LabState>, file: FileEntry): boolean {
  switch (file.owner.kind) {
    case USER_FILE:
    case USER_FOLDER:
      return false
    case 'aks-cluster':
      return state.aksClusters[file.owner.id] !== undefined
    case 'pv':
      return Object.values(state.aksClusters).some((c) => vhdxFileId(c.id, file.owner.id) === file.id)
    default:
      return true
  }
}

/** Where a new entry may go: on a volume, a valid name, a folder above it, nothing there yet. */
function checkNewPath(tx: Tx, path: string): string {
  const p = normalPath(path)
  if (!volumeOfPath(tx.state, p) || lower(p) === lower(csvPath(volumeOfPath(tx.state, p)!.name)))
    fail(
      'PathNotOnVolume',
      `'${p}' is not in a volume's folder. HCI Lab's file system holds the cluster shared volumes: C:\\ClusterStorage\\<volume>\\….`,
      'InvalidArgument',
      p,
    )
  const name = nameOf(p)
  if (name === '' || ILLEGAL_NAME_CHARS.test(name) || /[ .]$/.test(name))
    fail('InvalidFileName', `The file name '${name}' is not valid.`, 'InvalidArgument', p)
  if (fileAt(tx.state, p) || isFolder(tx.state, p))
    fail('FileExists', `The file '${p}' already exists.`, 'ResourceExists', p)
  if (!isFolder(tx.state, parentOf(p)))
    fail('PathNotFound', `Could not find a part of the path '${p}'.`, 'ObjectNotFound', p)
  return p
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

/** New-Item: an empty folder, or a file of `sizeBytes` (the text New-Item -Value wrote). */
export function createFile(tx: Tx, command: CreateFile): void {
  const path = checkNewPath(tx, command.path)
  const entry = command.directory
    ? newEntry(tx, path, USER_FOLDER, 0, 'Folder made in PowerShell')
    : newEntry(tx, path, USER_FILE, command.sizeBytes, 'File made in PowerShell')
  putFile(tx, entry)
}

/** Copy-Item of one file (a folder copies as an empty folder, as without -Recurse). */
export function copyFile(tx: Tx, command: CopyFile): void {
  const source = normalPath(command.source)
  const file = fileAt(tx.state, source)
  const folder = isFolder(tx.state, source)
  if (!file && !folder)
    fail('PathNotFound', `Cannot find path '${source}' because it does not exist.`, 'ObjectNotFound', source)
  let destination = normalPath(command.destination)
  if (isFolder(tx.state, destination)) destination = `${destination}\\${nameOf(source)}`
  if (lower(destination) === lower(source))
    fail('CopySameFile', `Cannot overwrite the item ${source} with itself.`, 'InvalidArgument', source)
  const existing = fileAt(tx.state, destination)
  // Copy-Item replaces a file that is there, unless something uses it.
  if (existing && !folder && existing.owner.kind !== USER_FOLDER) {
    if (fileInUse(tx.state, existing))
      fail('FileInUse', inUseMessage(existing.path), 'InvalidOperation', existing.path)
    removeFile(tx, existing.id)
  }
  const path = checkNewPath(tx, destination)
  if (folder) return putFile(tx, newEntry(tx, path, USER_FOLDER, 0, 'Folder made in PowerShell'))
  putFile(tx, {
    ...newEntry(tx, path, USER_FILE, file!.sizeBytes, `Copy of ${nameOf(source)}`),
    allocatedBytes: file!.allocatedBytes,
  })
}

export function inUseMessage(path: string): string {
  return `The process cannot access the file '${path}' because it is being used by another process.`
}

/** Remove-Item: a file nothing owns any more, or an empty folder someone made. */
export function deleteFile(tx: Tx, command: DeleteFile): void {
  const path = normalPath(command.path)
  const file = fileAt(tx.state, path)
  if (!file) {
    if (!isFolder(tx.state, path))
      fail('PathNotFound', `Cannot find path '${path}' because it does not exist.`, 'ObjectNotFound', path)
    const volume = volumeOfPath(tx.state, path)
    if (volume && lower(csvPath(volume.name)) === lower(path))
      fail(
        'VolumeRoot',
        `'${path}' is the folder of volume ${volume.name}: delete the volume instead (Remove-VirtualDisk).`,
        'InvalidOperation',
        path,
      )
  }
  if (entriesUnder(tx.state, path).length > 0)
    fail('DirectoryNotEmpty', `The directory '${path}' is not empty.`, 'InvalidOperation', path)
  if (!file)
    fail('PathNotFound', `Cannot find path '${path}' because it does not exist.`, 'ObjectNotFound', path)
  if (fileInUse(tx.state, file)) fail('FileInUse', inUseMessage(file.path), 'InvalidOperation', file.path)
  removeFile(tx, file.id)
}

export const fileCommandHandlers = {
  'file.create': createFile,
  'file.copy': copyFile,
  'file.delete': deleteFile,
}
