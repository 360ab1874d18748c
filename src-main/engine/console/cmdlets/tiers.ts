import { poolCapacity } from '@shared/capacity'
import type { Resiliency } from '@shared/domain'
import type { LabState } from '../../core/state'
import { cmdletError } from '../errors'
import { PsObject } from '../values'
import { STORAGE_TYPES } from './storage-objects'

// Storage tier templates, as Storage Spaces Direct defines them per capacity media: MirrorOnSSD and
// (from 3 servers) ParityOnSSD; on 2-server clusters the nested templates that the documentation has
// you create with New-StorageTier. New-Volume -StorageTierFriendlyNames maps them to a resiliency.

export interface TierTemplate {
  name: string
  kind: 'Mirror' | 'Parity' | 'NestedMirror' | 'NestedParity'
  media: 'SSD' | 'HDD'
  resiliency: 'Mirror' | 'Parity'
  copies: number
  diskRedundancy: number
  faultDomainRedundancy: number
}

export function tierTemplates(state: Readonly<LabState>): TierTemplate[] {
  const shape = poolCapacity(state).shape
  const media = shape.capacityMedia === 'HDD' ? 'HDD' : 'SSD'
  const n = shape.servers
  const tiers: TierTemplate[] = []
  const add = (
    kind: TierTemplate['kind'],
    resiliency: TierTemplate['resiliency'],
    copies: number,
    disk: number,
    fd: number,
  ) =>
    tiers.push({
      name: `${kind}On${media}`,
      kind,
      media,
      resiliency,
      copies,
      diskRedundancy: disk,
      faultDomainRedundancy: fd,
    })
  add('Mirror', 'Mirror', n >= 3 ? 3 : 2, n >= 3 ? 2 : 1, n >= 3 ? 2 : 1)
  if (n >= 3) add('Parity', 'Parity', 1, n >= 4 ? 2 : 1, n >= 4 ? 2 : 1)
  if (n === 2) {
    add('NestedMirror', 'Mirror', 4, 3, 1)
    add('NestedParity', 'Parity', 2, 1, 1)
  }
  return tiers
}

export function tierObjects(state: Readonly<LabState>): PsObject[] {
  return tierTemplates(state).map(
    (t) =>
      new PsObject(
        STORAGE_TYPES.tier,
        {
          FaultDomainAwareness: 'StorageScaleUnit',
          FaultDomainRedundancy: t.faultDomainRedundancy,
          FootprintOnPool: 0,
          FriendlyName: t.name,
          MediaType: t.media,
          NumberOfDataCopies: t.copies,
          PhysicalDiskRedundancy: t.diskRedundancy,
          ResiliencySettingName: t.resiliency,
          Size: 0,
          TierClass: 'Unknown',
          Usage: 'Data',
        },
        'StorageTier',
        `MSFT_StorageTier (FriendlyName = "${t.name}")`,
      ),
  )
}

/** The resiliency a set of tiers gives, and the mirror tier's share for tiered volumes. */
export function resiliencyOfTiers(
  state: Readonly<LabState>,
  tiers: TierTemplate[],
  sizes: number[],
): { resiliency: Resiliency; sizeBytes: number; mirrorSizeBytes: number } {
  const kinds = tiers.map((t) => t.kind)
  const sizeOf = (kind: TierTemplate['kind']) => sizes[kinds.indexOf(kind)] ?? 0
  const sizeBytes = sizes.reduce((s, x) => s + x, 0)
  const has = (...want: TierTemplate['kind'][]) =>
    kinds.length === want.length && want.every((k) => kinds.includes(k))
  const servers = poolCapacity(state).shape.servers
  if (has('Mirror'))
    return { resiliency: servers >= 3 ? 'three-way-mirror' : 'two-way-mirror', sizeBytes, mirrorSizeBytes: 0 }
  if (has('Parity')) {
    if (servers < 4) throw singleParity()
    return { resiliency: 'dual-parity', sizeBytes, mirrorSizeBytes: 0 }
  }
  if (has('Mirror', 'Parity'))
    return { resiliency: 'mirror-accelerated-parity', sizeBytes, mirrorSizeBytes: sizeOf('Mirror') }
  if (has('NestedMirror')) return { resiliency: 'nested-two-way-mirror', sizeBytes, mirrorSizeBytes: 0 }
  if (has('NestedMirror', 'NestedParity'))
    return {
      resiliency: 'nested-mirror-accelerated-parity',
      sizeBytes,
      mirrorSizeBytes: sizeOf('NestedMirror'),
    }
  throw cmdletError(
    `HCI Lab does not simulate volumes on the storage tiers ${tiers.map((t) => t.name).join(', ')}. ` +
      'Use one mirror tier, one parity tier, a mirror tier with a parity tier, or the nested tiers.',
    'TierCombinationNotSupported',
  )
}

export function singleParity() {
  return cmdletError(
    'HCI Lab does not simulate single parity (parity with PhysicalDiskRedundancy 1): Storage Spaces Direct ' +
      'discourages it. Use dual parity (PhysicalDiskRedundancy 2, at least 4 servers) or a mirror.',
    'SingleParityNotSupported',
    'NotImplemented',
  )
}
