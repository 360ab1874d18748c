import { absolutePath as absolute, HOME, readHomeFile } from '../home'
import { hasWildcard, wildcardPattern, type WildcardPattern } from '../wildcard'
import type { CmdletContext, CmdletDef, Registry } from '../registry'
import { PsObject, toText, type PsValue } from '../values'
import { children, itemObject, nameOf, notFound, parentOf, tree, type Item } from './fs-tree'

// Get-ChildItem over the cluster shared volumes and the prompt's folder. Every byte on a volume
// belongs to a file of the lab's ledger; folders are the prefixes of those files' paths (plus each
// volume's root), so the listing is always what the volumes hold. The prompt's folder holds the
// sample manifests (../home.ts). Output is 5.1's FileSystem view, grouped by directory.
// Get-Content reads the prompt's folder (the volumes' files are VHDX images, not text).

function getChildItem(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  const items = tree(ctx.state())
  const recurse = args.Recurse === true
  const filter = args.Filter === undefined ? null : wildcardPattern(toText(args.Filter))
  const keep = (i: Item) =>
    (!filter || filter.test(nameOf(i.path))) &&
    !(args.File === true && i.dir) &&
    !(args.Directory === true && !i.dir)
  const out: PsObject[] = []
  const list = (dir: Item, only?: WildcardPattern) => {
    const kids = children(items, dir)
    for (const k of kids) if (keep(k) && (!only || only.test(nameOf(k.path)))) out.push(itemObject(k))
    if (recurse) for (const k of kids) if (k.dir) list(k, only)
  }
  const paths = args.Path === undefined ? [HOME] : Array.isArray(args.Path) ? args.Path : [args.Path]
  for (const raw of paths.map(toText)) {
    const path = absolute(raw)
    const leaf = nameOf(path)
    if (hasWildcard(leaf)) {
      const dir = items.get(parentOf(path).toLowerCase())
      if (dir?.dir) list(dir, wildcardPattern(leaf))
      else ctx.writeError(notFound(path))
      continue
    }
    const item = items.get(path.toLowerCase())
    if (!item) ctx.writeError(notFound(path))
    else if (item.dir) list(item)
    else if (keep(item)) out.push(itemObject(item))
  }
  return out
}

/** Get-Content: the file's lines, one string each, as the FileSystem provider splits them. */
function getContent(ctx: CmdletContext, args: Record<string, PsValue>): PsValue[] {
  const paths: PsValue[] = Array.isArray(args.Path) ? args.Path : [args.Path ?? null]
  const out: string[] = []
  for (const raw of paths.map(toText)) {
    const text = readHomeFile(raw)
    if (text === null) ctx.writeError(notFound(absolute(raw)))
    else out.push(...text.replace(/\r?\n$/, '').split(/\r?\n/))
  }
  return out
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-Content',
    module: 'Microsoft.PowerShell.Management',
    version: '3.1.0.0',
    commandType: 'Cmdlet',
    implementingType: 'Microsoft.PowerShell.Commands.GetContentCommand',
    synopsis:
      "Prints a text file of the prompt's folder, C:\\Users\\Administrator\\Documents (the sample manifests).",
    params: [{ name: 'Path', type: 'String[]', position: 0, mandatory: true }],
    invoke: getContent,
  },
  {
    name: 'Get-ChildItem',
    module: 'Microsoft.PowerShell.Management',
    version: '3.1.0.0',
    commandType: 'Cmdlet',
    implementingType: 'Microsoft.PowerShell.Commands.GetChildItemCommand',
    synopsis:
      'Lists the folders and files under C:\\ClusterStorage (the volumes, the AKS images and disks); Length is in bytes.',
    params: [
      { name: 'Path', type: 'String[]', position: 0 },
      { name: 'Filter', type: 'String', position: 1 },
      { name: 'Recurse', type: 'Switch' },
      { name: 'File', type: 'Switch' },
      { name: 'Directory', type: 'Switch' },
      { name: 'Force', type: 'Switch' },
    ],
    invoke: getChildItem,
  },
]

export function registerFileSystem(registry: Registry): void {
  registry.addView({
    key: 'FileSystem',
    // FileSystem.format.ps1xml: Mode 7 wide, LastWriteTime 25 and Length 14 right-aligned.
    columns: [
      { label: 'Mode', value: (o) => toText(o.get('Mode')), width: 7 },
      {
        label: 'LastWriteTime',
        value: (o) => {
          // [String]::Format("{0,10}  {1,8}", date "d", time "t") from "9/22/2020 9:31:05 AM".
          const [date = '', time = '', ampm = ''] = toText(o.get('LastWriteTime')).split(' ')
          return `${date.padStart(10)}  ${`${time.replace(/:\d\d$/, '')} ${ampm}`.padStart(8)}`
        },
        align: 'right',
        width: 25,
      },
      {
        label: 'Length',
        value: (o) => (o.has('Length') ? toText(o.get('Length')) : ''),
        align: 'right',
        width: 14,
      },
      { label: 'Name', value: (o) => toText(o.get('Name')) },
    ],
    groupBy: {
      value: (o) => toText(o.get('PSParentPath')).replace(/^.*::/, ''),
      header: (dir) => `    Directory: ${dir}`,
    },
  })
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
  for (const alias of ['dir', 'ls', 'gci']) registry.addAlias(alias, 'Get-ChildItem')
  for (const alias of ['cat', 'gc', 'type']) registry.addAlias(alias, 'Get-Content')
}
