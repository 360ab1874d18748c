import { csvPath } from '@shared/s2d'
import type { LabState } from '../../core/state'
import { USER_FOLDER } from '../../hci/user-files'
import { dateTimeText } from '../dates'
import { PsError } from '../errors'
import { HOME, homeFiles } from '../home'
import { PsObject, type PsValue } from '../values'

// The console's view of the file system: every folder and file under C:\ClusterStorage (the
// ledger's files; folders are the prefixes of their paths, each volume's root, and the empty folders
// someone made) and the prompt's folder with the sample manifests (../home.ts).

const ROOT = 'C:\\ClusterStorage'
const FILE_TYPE = 'System.IO.FileInfo'
const DIR_TYPE = 'System.IO.DirectoryInfo'

export interface Item {
  path: string // as stored: the case the ledger uses
  dir: boolean
  length: number
  created: number
  written: number
}

/** Every folder and file under C:\ClusterStorage, by lower-case path. */
export function tree(state: Readonly<LabState>): Map<string, Item> {
  const items = new Map<string, Item>()
  const addDir = (path: string, t: number) => {
    const key = path.toLowerCase()
    const item = items.get(key)
    if (!item) items.set(key, { path, dir: true, length: 0, created: t, written: t })
    else item.created = Math.min(item.created, t)
  }
  const volumes = Object.values(state.volumes)
  addDir(ROOT, Math.min(...volumes.map((v) => v.createdAt), state.meta.createdAt))
  for (const v of volumes) addDir(csvPath(v.name), v.createdAt)
  for (const f of Object.values(state.files)) {
    const parts = f.path.split('\\')
    for (let i = 3; i < parts.length; i++) addDir(parts.slice(0, i).join('\\'), f.createdAt)
    if (f.owner.kind === USER_FOLDER) {
      addDir(f.path, f.createdAt)
      continue
    }
    items.set(f.path.toLowerCase(), {
      path: f.path,
      dir: false,
      // A file's Length is its size on disk: a dynamic VHDX is as long as what it holds.
      length: f.allocatedBytes,
      created: f.createdAt,
      written: f.createdAt,
    })
  }
  const born = state.meta.createdAt
  addDir('C:\\Users', born)
  addDir('C:\\Users\\Administrator', born)
  addDir(HOME, born)
  for (const f of homeFiles())
    items.set(f.path.toLowerCase(), {
      path: f.path,
      dir: false,
      length: f.length,
      created: born,
      written: born,
    })
  // A folder was last written when its newest entry appeared in it.
  for (const item of items.values()) {
    const parent = items.get(parentOf(item.path).toLowerCase())
    if (parent && parent !== item) parent.written = Math.max(parent.written, item.created)
  }
  return items
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('\\')
  return i <= 2 ? path.slice(0, 3) : path.slice(0, i)
}

export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('\\') + 1)
}

export function children(items: Map<string, Item>, dir: Item): Item[] {
  const prefix = `${dir.path.toLowerCase()}\\`
  const kids = [...items.values()].filter(
    (i) => i.path.toLowerCase().startsWith(prefix) && !i.path.slice(prefix.length).includes('\\'),
  )
  // The FileSystem provider lists folders first, then files, each by name.
  const byName = (a: Item, b: Item) => (a.path.toLowerCase() < b.path.toLowerCase() ? -1 : 1)
  return [...kids.filter((k) => k.dir).sort(byName), ...kids.filter((k) => !k.dir).sort(byName)]
}

export function itemObject(item: Item): PsObject {
  const name = nameOf(item.path)
  const parent = parentOf(item.path)
  const common = {
    Name: name,
    FullName: item.path,
    Mode: item.dir ? 'd-----' : '-a----',
    Attributes: item.dir ? 'Directory' : 'Archive',
    CreationTime: dateTimeText(item.created),
    LastWriteTime: dateTimeText(item.written),
    PSParentPath: `Microsoft.PowerShell.Core\\FileSystem::${parent}`,
    PSIsContainer: item.dir,
  }
  const props: Record<string, PsValue> = item.dir
    ? { ...common, Parent: nameOf(parent), Root: 'C:\\' }
    : {
        ...common,
        Length: item.length,
        DirectoryName: parent,
        Extension: name.includes('.') ? name.slice(name.lastIndexOf('.')) : '',
        IsReadOnly: false,
      }
  return new PsObject(item.dir ? DIR_TYPE : FILE_TYPE, props, 'FileSystem', name)
}

export function notFound(path: string): PsError {
  return new PsError({
    message: `Cannot find path '${path}' because it does not exist.`,
    category: 'ObjectNotFound',
    reason: 'ItemNotFoundException',
    errorId: 'PathNotFound',
    target: { name: path, type: 'String' },
  })
}
