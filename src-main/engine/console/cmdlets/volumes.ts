import { poolCapacity } from '@shared/capacity'
import type { Resiliency } from '@shared/domain'
import { bindingErrors, cimNotFound, cmdletError } from '../errors'
import { hasWildcard, wildcardPattern } from '../wildcard'
import type { BoundArgs, CmdletContext, CmdletDef, Registry } from '../registry'
import { PsObject, toText, type PsValue } from '../values'
import { STORAGE_MODULE } from './storage'
import { volumeOf } from './storage-objects'
import { resiliencyOfTiers, singleParity, tierTemplates } from './tiers'

// The Storage cmdlets that change the lab: New-Volume, Resize-VirtualDisk, Remove-VirtualDisk. They
// translate PowerShell's parameters into engine commands; the engine checks the domain rules.

const FILE_SYSTEMS = {
  enum: 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.Volume.FileSystemType',
  values: ['NTFS', 'ReFS', 'CSVFS_NTFS', 'CSVFS_ReFS'],
} as const

function checkPool(ctx: CmdletContext, pattern: PsValue): void {
  if (pattern === null) return
  const name = toText(pattern)
  if (!wildcardPattern(name).test(ctx.state().pool.friendlyName))
    throw cimNotFound('MSFT_StoragePool', 'FriendlyName', name)
}

/** -Size or the tiers: the resiliency, the size and the mirror tier's share. */
function layout(
  ctx: CmdletContext,
  args: BoundArgs,
): { resiliency: Resiliency; sizeBytes: number; mirrorSizeBytes: number } {
  const state = ctx.state()
  const tierNames = args.StorageTierFriendlyNames as string[] | undefined
  const tierSizes = args.StorageTierSizes as number[] | undefined
  if (tierNames || tierSizes) {
    if (!tierNames || !tierSizes || tierNames.length !== tierSizes.length)
      throw cmdletError(
        'Specify one size in -StorageTierSizes for each tier in -StorageTierFriendlyNames, in the same order.',
        'TierSizesMismatch',
      )
    const templates = tierTemplates(state)
    const tiers = tierNames.map((name) => {
      const tier = templates.find((t) => t.name.toLowerCase() === name.toLowerCase())
      if (!tier) throw cimNotFound('MSFT_StorageTier', 'FriendlyName', name)
      return tier
    })
    return resiliencyOfTiers(state, tiers, tierSizes)
  }
  const servers = poolCapacity(state).shape.servers
  const setting = (args.ResiliencySettingName as string | undefined) ?? 'Mirror'
  // Mirror defaults to what the cluster can do (three-way from 3 servers); parity to dual parity.
  const diskRedundancy =
    (args.PhysicalDiskRedundancy as number | undefined) ?? (setting === 'Parity' || servers >= 3 ? 2 : 1)
  if (setting === 'Simple')
    throw cmdletError(
      'HCI Lab does not simulate simple (non-resilient) volumes: use Mirror or Parity.',
      'SimpleNotSupported',
      'NotImplemented',
    )
  if (diskRedundancy < 1 || diskRedundancy > 2)
    throw cmdletError(
      `PhysicalDiskRedundancy ${diskRedundancy} is not supported: use 1 (two-way mirror) or 2 (three-way mirror, dual parity).`,
      'InvalidPhysicalDiskRedundancy',
    )
  // checkParameterSets made sure -Size is given when the tiers are not.
  const sizeBytes = args.Size as number
  if (setting === 'Parity') {
    if (diskRedundancy === 1) throw singleParity()
    return { resiliency: 'dual-parity', sizeBytes, mirrorSizeBytes: 0 }
  }
  return {
    resiliency: diskRedundancy === 2 ? 'three-way-mirror' : 'two-way-mirror',
    sizeBytes,
    mirrorSizeBytes: 0,
  }
}

/** Virtual disks named by -FriendlyName (wildcards) or piped in. */
function targets(ctx: CmdletContext, args: BoundArgs, input: PsValue[]): string[] {
  const given = args.FriendlyName ?? (input.length ? input.map((o) => toText(getName(o))) : null)
  if (given === null) throw bindingErrors.missingMandatory(['FriendlyName'])
  const names = Object.values(ctx.state().volumes).map((v) => v.name)
  const out: string[] = []
  for (const name of (Array.isArray(given) ? given : [given]).map(toText)) {
    const hits = names.filter((n) => wildcardPattern(name).test(n))
    if (hits.length === 0 && !hasWildcard(name)) throw cimNotFound('MSFT_VirtualDisk', 'FriendlyName', name)
    for (const hit of hits) if (!out.includes(hit)) out.push(hit)
  }
  return out
}

function getName(o: PsValue): PsValue {
  return o instanceof PsObject ? o.get('FriendlyName') : o
}

const CMDLETS: CmdletDef[] = [
  {
    name: 'New-Volume',
    ...STORAGE_MODULE,
    supportsShouldProcess: true,
    synopsis:
      'Creates a volume (a virtual disk with a cluster shared volume) in the Storage Spaces Direct pool.',
    params: [
      { name: 'StoragePoolFriendlyName', type: 'String' },
      { name: 'FriendlyName', type: 'String', mandatory: true },
      { name: 'Size', type: 'UInt64' },
      { name: 'ResiliencySettingName', type: 'String', validateSet: ['Simple', 'Mirror', 'Parity'] },
      { name: 'PhysicalDiskRedundancy', type: 'UInt16' },
      { name: 'ProvisioningType', type: 'String', validateSet: ['Fixed', 'Thin'] },
      { name: 'FileSystem', type: FILE_SYSTEMS },
      { name: 'StorageTierFriendlyNames', type: 'String[]' },
      { name: 'StorageTierSizes', type: 'UInt64[]' },
    ],
    // -Size and the tier sizes are two parameter sets; one of them is needed.
    checkParameterSets(args) {
      const tiers = args.StorageTierFriendlyNames !== undefined || args.StorageTierSizes !== undefined
      if (args.Size !== undefined && args.StorageTierSizes !== undefined) throw bindingErrors.ambiguousSet()
      if (args.Size === undefined && !tiers) throw bindingErrors.missingMandatory(['Size'])
    },
    invoke(ctx, args) {
      checkPool(ctx, args.StoragePoolFriendlyName ?? null)
      const fs = (args.FileSystem as string | undefined) ?? 'CSVFS_ReFS'
      if (fs !== 'CSVFS_ReFS')
        throw cmdletError(
          `HCI Lab simulates cluster shared volumes formatted with ReFS only: use -FileSystem CSVFS_ReFS instead of ${fs}.`,
          'FileSystemNotSupported',
          'NotImplemented',
        )
      const { resiliency, sizeBytes, mirrorSizeBytes } = layout(ctx, args)
      const name = args.FriendlyName as string
      if (!ctx.shouldProcess(name, 'Create')) return []
      ctx.dispatch({
        type: 'volume.create',
        name,
        resiliency,
        sizeBytes,
        mirrorSizeBytes,
        provisioning: ((args.ProvisioningType as string | undefined) ??
          ctx.state().pool.provisioningTypeDefault) as 'Fixed' | 'Thin',
      })
      const state = ctx.state()
      const cap = poolCapacity(state).volumes.find((c) => c.volume.name.toLowerCase() === name.toLowerCase())
      return cap ? [volumeOf(state, cap)] : []
    },
  },
  {
    name: 'Resize-VirtualDisk',
    ...STORAGE_MODULE,
    supportsShouldProcess: true,
    synopsis: 'Extends a virtual disk and its volume (Storage Spaces Direct volumes cannot shrink).',
    params: [
      { name: 'FriendlyName', type: 'String[]', position: 0 },
      { name: 'Size', type: 'UInt64', mandatory: true },
    ],
    invoke(ctx, args, input) {
      const approved = targets(ctx, args, input).filter((name) => ctx.shouldProcess(name, 'Resize'))
      for (const name of approved)
        ctx.dispatch({ type: 'volume.resize', name, sizeBytes: args.Size as number })
      return []
    },
  },
  {
    name: 'Remove-VirtualDisk',
    ...STORAGE_MODULE,
    supportsShouldProcess: true,
    confirmImpact: 'High',
    synopsis: 'Deletes a virtual disk and its volume; asks first (-Confirm:$false does not).',
    params: [{ name: 'FriendlyName', type: 'String[]', position: 0 }],
    invoke(ctx, args, input) {
      const approved = targets(ctx, args, input).filter((name) => ctx.shouldProcess(name, 'Delete'))
      for (const name of approved) ctx.dispatch({ type: 'volume.delete', name })
      return []
    },
  },
]

export function registerVolumeCmdlets(registry: Registry): void {
  for (const cmdlet of CMDLETS) registry.addCmdlet(cmdlet)
}
