import type { CommandInput } from '@shared/commands'
import { inUseMessage } from '../../hci/user-files'
import { PsError } from '../errors'
import { absolutePath as absolute, HOME } from '../home'
import type { CmdletContext, CmdletDef, Registry } from '../registry'
import { enumerate, PsObject, toText, type PsValue } from '../values'
import { hasWildcard, wildcardPattern } from '../wildcard'
import { children, itemObject, nameOf, notFound, parentOf, tree, type Item } from './fs-tree'

// Test-Path, Get-Item, New-Item, Copy-Item and Remove-Item over the console's file system
// (fs-tree.ts). The volumes' files change through the engine (file.create, file.copy, file.delete),
// which refuses a file something still uses; the prompt's folder holds the read-only samples.
// Errors are the FileSystem provider's records.

const MANAGEMENT = {
  module: 'Microsoft.PowerShell.Management',
  version: '3.1.0.0',
  commandType: 'Cmdlet',
} as const
const CMD = 'Microsoft.PowerShell.Commands'
const NOT_EMPTY = 'The directory is not empty.'
const VOLUME_ROOT = /^c:\\clusterstorage\\[^\\]+$/i

/** The paths a command names: its -Path, else the FullName of each input object (gci | Remove-Item). */
function pathsOf(args: Record<string, PsValue>, input: PsValue[]): string[] {
  if (args.Path !== undefined && args.Path !== null) return enumerate(args.Path).map(toText)
  // Files and folders carry FullName; Get-VHD's disks carry Path.
  const pathOf = (o: PsValue) =>
    o instanceof PsObject && (o.has('FullName') || o.has('Path'))
      ? toText(o.has('FullName') ? o.get('FullName') : o.get('Path'))
      : toText(o)
  return input.map(pathOf)
}

/** The items a path names: itself, or what its last part's wildcard matches; [] when none. */
function resolve(items: Map<string, Item>, raw: string): Item[] {
  const path = absolute(raw)
  const leaf = nameOf(path)
  if (!hasWildcard(leaf)) {
    const item = items.get(path.toLowerCase())
    return item ? [item] : []
  }
  const dir = items.get(parentOf(path).toLowerCase())
  const pattern = wildcardPattern(leaf)
  return dir?.dir ? children(items, dir).filter((k) => pattern.test(nameOf(k.path))) : []
}

const inHome = (path: string) => path.toLowerCase().startsWith(`${HOME.toLowerCase()}\\`)

function ioError(
  message: string,
  errorId: string,
  target: string,
  category = 'WriteError',
  type = 'String',
): PsError {
  return new PsError({ message, category, reason: 'IOException', errorId, target: { name: target, type } })
}

function accessDenied(path: string, errorId: string, prefix = ''): PsError {
  return new PsError({
    message: `${prefix}Access to the path '${path}' is denied.`,
    category: 'PermissionDenied',
    reason: 'UnauthorizedAccessException',
    errorId,
    target: { name: path, type: 'String' },
  })
}

/**
 * Runs a file command; the engine's refusal becomes the provider's error record for `errorId`
 * (Remove-Item's names the item it could not remove: `prefix`, and the item's type).
 */
function change(
  ctx: CmdletContext,
  command: CommandInput,
  errorId: string,
  removing?: { prefix: string; type: string },
): boolean {
  try {
    ctx.dispatch(command)
    return true
  } catch (e) {
    if (!(e instanceof PsError)) throw e
    const code = e.record.errorId
    const target = e.record.target?.name ?? ''
    // The engine says why in its words; the console prints what the FileSystem provider would.
    const message = code === 'FileInUse' ? inUseMessage(target) : code === 'NotAFile' ? NOT_EMPTY : e.message
    if (code === 'FileNotFound') ctx.writeError(notFound(target))
    else if (code === 'FileExists' && command.type === 'file.create' && command.directory)
      ctx.writeError(
        ioError(
          `An item with the specified name ${target} already exists.`,
          'DirectoryExist',
          target,
          'ResourceExists',
        ),
      )
    else if (removing)
      ctx.writeError(ioError(`${removing.prefix}${message}`, errorId, target, 'WriteError', removing.type))
    else ctx.writeError(ioError(message, errorId, target))
    return false
  }
}

function testPath(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const items = tree(ctx.state())
  const type = toText(args.PathType ?? 'Any')
  return pathsOf(args, input).map((raw) =>
    resolve(items, raw).some((i) => type === 'Any' || (type === 'Container') === i.dir),
  )
}

function getItem(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const items = tree(ctx.state())
  return pathsOf(args, input).flatMap((raw) => {
    const found = resolve(items, raw)
    if (found.length === 0 && !hasWildcard(raw)) ctx.writeError(notFound(absolute(raw)))
    return found.map(itemObject)
  })
}

function newItem(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const directory = toText(args.ItemType ?? 'File').toLowerCase() === 'directory'
  const value = args.Value !== undefined ? toText(args.Value) : input.length ? input.map(toText).join('') : ''
  const name = args.Name === undefined ? null : toText(args.Name)
  const targets = enumerate(args.Path ?? HOME)
    .map((p) => absolute(name === null ? toText(p) : `${toText(p)}\\${name}`))
    .filter((path) =>
      ctx.shouldProcess(`Destination: ${path}`, directory ? 'Create Directory' : 'Create File'),
    )
  const out: PsValue[] = []
  for (const path of targets) {
    if (inHome(path) || path.toLowerCase() === HOME.toLowerCase()) {
      ctx.writeError(accessDenied(path, 'NewItemUnauthorizedAccessError'))
      continue
    }
    const sizeBytes = new TextEncoder().encode(value).length
    if (!change(ctx, { type: 'file.create', path, directory, sizeBytes }, 'NewItemIOError')) continue
    const item = tree(ctx.state()).get(path.toLowerCase())
    if (item) out.push(itemObject(item))
  }
  return out
}

function copyItem(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const items = tree(ctx.state())
  const destination = absolute(toText(args.Destination ?? HOME))
  const sources: Item[] = []
  for (const raw of pathsOf(args, input)) {
    const found = resolve(items, raw)
    if (found.length === 0 && !hasWildcard(raw)) ctx.writeError(notFound(absolute(raw)))
    sources.push(...found)
  }
  const approved = sources.filter((s) =>
    ctx.shouldProcess(`Item: ${s.path} Destination: ${destination}`, s.dir ? 'Copy Directory' : 'Copy File'),
  )
  for (const source of approved) {
    const into = items.get(destination.toLowerCase())?.dir
      ? `${destination}\\${nameOf(source.path)}`
      : destination
    if (inHome(into)) {
      ctx.writeError(accessDenied(into, 'CopyFileInfoItemUnauthorizedAccessError'))
      continue
    }
    // The samples are the console's own: their copy is a new file of the same length.
    const command: CommandInput = inHome(source.path)
      ? { type: 'file.create', path: into, sizeBytes: source.length }
      : { type: 'file.copy', source: source.path, destination: into }
    change(ctx, command, 'CopyFileInfoItemIOError')
  }
  return []
}

function removeItem(ctx: CmdletContext, args: Record<string, PsValue>, input: PsValue[]): PsValue[] {
  const items = tree(ctx.state())
  const targets: Item[] = []
  for (const raw of pathsOf(args, input)) {
    const found = resolve(items, raw)
    if (found.length === 0 && !hasWildcard(raw)) ctx.writeError(notFound(absolute(raw)))
    targets.push(...found)
  }
  const approved = targets.filter((t) =>
    ctx.shouldProcess(t.path, t.dir ? 'Remove Directory' : 'Remove File'),
  )
  for (const target of approved) {
    const prefix = `Cannot remove item ${target.path}: `
    if (inHome(target.path) || target.path.toLowerCase() === HOME.toLowerCase()) {
      ctx.writeError(accessDenied(target.path, 'RemoveFileSystemItemUnAuthorizedAccess', prefix))
      continue
    }
    // -Recurse removes what is inside first, deepest first; without it a folder must be empty.
    const inside = args.Recurse === true && target.dir ? descendants(items, target).reverse() : []
    // A folder that only held files is gone with them: only a folder made with New-Item is left to delete.
    const remove = (i: Item) =>
      (i.dir && !tree(ctx.state()).has(i.path.toLowerCase())) ||
      change(ctx, { type: 'file.delete', path: i.path }, 'RemoveFileSystemItemIOError', {
        prefix: `Cannot remove item ${i.path}: `,
        type: i.dir ? 'DirectoryInfo' : 'FileInfo',
      })
    if (VOLUME_ROOT.test(target.path))
      ctx.writeError(
        ioError(
          `${prefix}'${target.path}' is the folder of a volume: delete the volume instead (Remove-VirtualDisk).`,
          'RemoveFileSystemItemIOError',
          target.path,
          'WriteError',
          'DirectoryInfo',
        ),
      )
    else if (inside.every(remove)) remove(target)
  }
  return []
}

/** Everything under a folder, parents before their children. */
function descendants(items: Map<string, Item>, dir: Item): Item[] {
  return children(items, dir).flatMap((k) => [k, ...(k.dir ? descendants(items, k) : [])])
}

const path = {
  name: 'Path',
  type: 'String[]',
  position: 0,
  mandatory: true,
  pipeline: true,
  // The console's paths take a wildcard only in their last part, so a literal path reads the same.
  aliases: ['LiteralPath', 'PSPath'],
} as const

const CMDLETS: CmdletDef[] = [
  {
    name: 'Test-Path',
    ...MANAGEMENT,
    implementingType: `${CMD}.TestPathCommand`,
    synopsis:
      'Says whether each path exists (True or False); -PathType Leaf or Container asks for a file or a folder.',
    params: [path, { name: 'PathType', type: 'String', validateSet: ['Any', 'Container', 'Leaf'] }],
    invoke: testPath,
  },
  {
    name: 'Get-Item',
    ...MANAGEMENT,
    implementingType: `${CMD}.GetItemCommand`,
    synopsis: 'Gets the file or folder at a path (a wildcard in its last part gets every match).',
    params: [path, { name: 'Force', type: 'Switch' }],
    invoke: getItem,
  },
  {
    name: 'New-Item',
    ...MANAGEMENT,
    implementingType: `${CMD}.NewItemCommand`,
    supportsShouldProcess: true,
    synopsis:
      "Creates a file (-Value: its text) or a folder (-ItemType Directory) on a volume, under C:\\ClusterStorage\\<volume>. The prompt's folder is read-only.",
    params: [
      { name: 'Path', type: 'String[]', position: 0, mandatory: true },
      { name: 'Name', type: 'String' },
      { name: 'ItemType', type: 'String', aliases: ['Type'], validateSet: ['File', 'Directory'] },
      { name: 'Value', type: 'Object', pipeline: true },
      { name: 'Force', type: 'Switch' },
    ],
    invoke: newItem,
  },
  {
    name: 'Copy-Item',
    ...MANAGEMENT,
    implementingType: `${CMD}.CopyItemCommand`,
    supportsShouldProcess: true,
    synopsis: 'Copies a file to a volume (into a folder, or as a new name); the copy takes its own space.',
    params: [path, { name: 'Destination', type: 'String', position: 1 }, { name: 'Force', type: 'Switch' }],
    invoke: copyItem,
  },
  {
    name: 'Remove-Item',
    ...MANAGEMENT,
    implementingType: `${CMD}.RemoveItemCommand`,
    supportsShouldProcess: true,
    synopsis:
      'Deletes files nothing uses any more (a VHDX of a deleted cluster) and empty folders (-Recurse: with what is in them).',
    params: [path, { name: 'Recurse', type: 'Switch' }, { name: 'Force', type: 'Switch' }],
    invoke: removeItem,
  },
]

export function registerItems(registry: Registry): void {
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
  for (const [alias, target] of [
    ['gi', 'Get-Item'],
    ['ni', 'New-Item'],
    ['copy', 'Copy-Item'],
    ['cp', 'Copy-Item'],
    ['cpi', 'Copy-Item'],
    ['del', 'Remove-Item'],
    ['erase', 'Remove-Item'],
    ['rm', 'Remove-Item'],
    ['ri', 'Remove-Item'],
    ['rd', 'Remove-Item'],
    ['rmdir', 'Remove-Item'],
  ])
    registry.addAlias(alias!, target!)
}
