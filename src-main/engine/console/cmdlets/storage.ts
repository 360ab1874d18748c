import { cimNotFound } from '../errors'
import { percentCell, prop, size } from '../format/cells'
import { hasWildcard, wildcardPattern } from '../wildcard'
import type { CmdletContext, CmdletDef, Registry, ViewDef } from '../registry'
import { PsObject, toText, type PsValue } from '../values'
import { physicalDisks, storagePools, virtualDisks, volumes } from './storage-objects'
import { tierObjects } from './tiers'

// The Storage module's Get-* cmdlets and their default table views.

export const STORAGE_MODULE = { module: 'Storage', version: '2.0.0.0', commandType: 'Function' } as const

/** Filters by a name parameter with wildcards; a plain name that matches nothing is an error. */
export function byName(
  ctx: CmdletContext,
  objects: PsObject[],
  names: PsValue,
  property: string,
  cimClass: string,
): PsObject[] {
  if (names === null) return objects
  const out: PsObject[] = []
  for (const name of (Array.isArray(names) ? names : [names]).map(toText)) {
    const re = wildcardPattern(name)
    const hits = objects.filter((o) => re.test(toText(o.get(property))))
    if (hits.length === 0 && !hasWildcard(name)) ctx.writeError(cimNotFound(cimClass, property, name))
    for (const hit of hits) if (!out.includes(hit)) out.push(hit)
  }
  return out
}

const efficiency = (o: PsObject) => {
  const sizeBytes = o.get('Size')
  const footprint = o.get('FootprintOnPool')
  return typeof sizeBytes === 'number' && typeof footprint === 'number' && footprint > 0
    ? percentCell(sizeBytes / footprint)
    : ''
}

const VIEWS: ViewDef[] = [
  {
    key: 'StoragePool',
    columns: [
      { label: 'FriendlyName', value: prop('FriendlyName') },
      { label: 'OperationalStatus', value: prop('OperationalStatus') },
      { label: 'HealthStatus', value: prop('HealthStatus') },
      { label: 'IsPrimordial', value: prop('IsPrimordial') },
      { label: 'IsReadOnly', value: prop('IsReadOnly') },
      { label: 'Size', value: size('Size'), align: 'right' },
      { label: 'AllocatedSize', value: size('AllocatedSize'), align: 'right' },
    ],
  },
  {
    key: 'PhysicalDisk',
    columns: [
      { label: 'Number', value: prop('DeviceId') },
      { label: 'FriendlyName', value: prop('FriendlyName') },
      { label: 'SerialNumber', value: prop('SerialNumber') },
      { label: 'MediaType', value: prop('MediaType') },
      { label: 'CanPool', value: prop('CanPool') },
      { label: 'OperationalStatus', value: prop('OperationalStatus') },
      { label: 'HealthStatus', value: prop('HealthStatus') },
      { label: 'Usage', value: prop('Usage') },
      { label: 'Size', value: size('Size'), align: 'right' },
    ],
  },
  {
    key: 'VirtualDisk',
    columns: [
      { label: 'FriendlyName', value: prop('FriendlyName') },
      { label: 'ResiliencySettingName', value: prop('ResiliencySettingName') },
      { label: 'FaultDomainRedundancy', value: prop('FaultDomainRedundancy') },
      { label: 'OperationalStatus', value: prop('OperationalStatus') },
      { label: 'HealthStatus', value: prop('HealthStatus') },
      { label: 'Size', value: size('Size'), align: 'right' },
      { label: 'FootprintOnPool', value: size('FootprintOnPool'), align: 'right' },
      { label: 'StorageEfficiency', value: efficiency, align: 'right' },
    ],
  },
  {
    key: 'Volume',
    columns: [
      { label: 'DriveLetter', value: prop('DriveLetter') },
      { label: 'FriendlyName', value: prop('FileSystemLabel') },
      { label: 'FileSystemType', value: prop('FileSystemType') },
      { label: 'DriveType', value: prop('DriveType') },
      { label: 'HealthStatus', value: prop('HealthStatus') },
      { label: 'OperationalStatus', value: prop('OperationalStatus') },
      { label: 'SizeRemaining', value: size('SizeRemaining'), align: 'right' },
      { label: 'Size', value: size('Size'), align: 'right' },
    ],
  },
  {
    key: 'StorageTier',
    columns: [
      { label: 'FriendlyName', value: prop('FriendlyName') },
      { label: 'TierClass', value: prop('TierClass') },
      { label: 'MediaType', value: prop('MediaType') },
      { label: 'ResiliencySettingName', value: prop('ResiliencySettingName') },
      { label: 'FaultDomainRedundancy', value: prop('FaultDomainRedundancy') },
      { label: 'Size', value: size('Size'), align: 'right' },
      { label: 'FootprintOnPool', value: size('FootprintOnPool'), align: 'right' },
      { label: 'StorageEfficiency', value: efficiency, align: 'right' },
    ],
  },
]

const friendlyName = { name: 'FriendlyName', type: 'String[]', position: 0 } as const

const CMDLETS: CmdletDef[] = [
  {
    name: 'Get-StoragePool',
    ...STORAGE_MODULE,
    synopsis: 'Gets the storage pools: the primordial pool of all drives and the Storage Spaces Direct pool.',
    params: [friendlyName, { name: 'IsPrimordial', type: 'Boolean' }],
    invoke(ctx, args) {
      let pools = byName(
        ctx,
        storagePools(ctx.state()),
        args.FriendlyName ?? null,
        'FriendlyName',
        'MSFT_StoragePool',
      )
      if (typeof args.IsPrimordial === 'boolean')
        pools = pools.filter((p) => p.get('IsPrimordial') === args.IsPrimordial)
      return pools
    },
  },
  {
    name: 'Get-PhysicalDisk',
    ...STORAGE_MODULE,
    synopsis: 'Gets the physical drives of the cluster (all servers).',
    params: [friendlyName, { name: 'SerialNumber', type: 'String[]' }],
    invoke(ctx, args) {
      const disks = byName(
        ctx,
        physicalDisks(ctx.state()),
        args.FriendlyName ?? null,
        'FriendlyName',
        'MSFT_PhysicalDisk',
      )
      return byName(ctx, disks, args.SerialNumber ?? null, 'SerialNumber', 'MSFT_PhysicalDisk')
    },
  },
  {
    name: 'Get-VirtualDisk',
    ...STORAGE_MODULE,
    synopsis: 'Gets the virtual disks (one per volume) of the storage pool.',
    params: [friendlyName],
    invoke: (ctx, args) =>
      byName(ctx, virtualDisks(ctx.state()), args.FriendlyName ?? null, 'FriendlyName', 'MSFT_VirtualDisk'),
  },
  {
    name: 'Get-Volume',
    ...STORAGE_MODULE,
    synopsis: 'Gets the volumes: the cluster shared volumes and the C: drive of this server.',
    params: [
      { name: 'DriveLetter', type: 'String[]', position: 0 },
      { name: 'FriendlyName', type: 'String[]' },
    ],
    invoke(ctx, args) {
      const all = volumes(ctx.state())
      const found = byName(ctx, all, args.FriendlyName ?? null, 'FileSystemLabel', 'MSFT_Volume')
      return byName(ctx, found, args.DriveLetter ?? null, 'DriveLetter', 'MSFT_Volume')
    },
  },
  {
    name: 'Get-StorageTier',
    ...STORAGE_MODULE,
    synopsis: 'Gets the storage tier templates New-Volume -StorageTierFriendlyNames accepts.',
    params: [friendlyName],
    invoke: (ctx, args) =>
      byName(ctx, tierObjects(ctx.state()), args.FriendlyName ?? null, 'FriendlyName', 'MSFT_StorageTier'),
  },
]

export function registerStorage(registry: Registry): void {
  for (const view of VIEWS) registry.addView(view)
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
