import { poolCapacity, type VolumeCapacity } from '@shared/capacity'
import type { Drive, Volume } from '@shared/domain'
import { dataCopies, isTiered, redundancy, roundUpToSlab } from '@shared/s2d'
import { fnv1a64 } from '../../core/hash'
import type { LabState } from '../../core/state'
import { PsObject } from '../values'

// The Storage module's CIM objects, derived from the lab state on every call. All sizes are bytes;
// capacity figures come from @shared/capacity so the console, the UI and the engine agree.

const CIM = 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/'
export const STORAGE_TYPES = {
  pool: `${CIM}MSFT_StoragePool`,
  disk: `${CIM}MSFT_PhysicalDisk`,
  vdisk: `${CIM}MSFT_VirtualDisk`,
  volume: `${CIM}MSFT_Volume`,
  tier: `${CIM}MSFT_StorageTier`,
}

/** The C: boot volume of the node the console runs on: not modelled by the lab (assumption). */
const BOOT_VOLUME = { size: 135_774_650_368, free: 105_452_683_264 }

/** A stable GUID derived from a name, so object ids do not change between calls. */
export function stableGuid(seed: string): string {
  const h = fnv1a64(seed) + fnv1a64(`${seed}#`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}

/** Health of a volume's virtual disk. Always healthy until failures are simulated. */
export function volumeStatus(
  _state: Readonly<LabState>,
  _volume: Volume,
): { operational: string; health: string } {
  return { operational: 'OK', health: 'Healthy' }
}

export function storagePools(state: Readonly<LabState>): PsObject[] {
  const pool = poolCapacity(state)
  const all = Object.values(state.drives).reduce((sum, d) => sum + d.sizeBytes, 0)
  const make = (name: string, primordial: boolean, size: number, allocated: number) =>
    new PsObject(
      STORAGE_TYPES.pool,
      {
        ObjectId: `{1}\\\\${state.cluster.name}\\root/Microsoft/Windows/Storage/Providers_v2\\SPACES_StoragePool.ObjectId="{${stableGuid(name)}}"`,
        UniqueId: stableGuid(name).replace(/-/g, '').slice(0, 24),
        AllocatedSize: allocated,
        FaultDomainAwarenessDefault: primordial ? null : 'StorageScaleUnit',
        FriendlyName: name,
        HealthStatus: 'Healthy',
        IsClustered: true,
        IsPrimordial: primordial,
        IsReadOnly: false,
        OperationalStatus: 'OK',
        ProvisioningTypeDefault: primordial ? 'Unknown' : state.pool.provisioningTypeDefault,
        ResiliencySettingNameDefault: primordial ? null : 'Mirror',
        Size: size,
        ThinProvisioningAlertThresholds: primordial ? [] : [state.pool.thinProvisioningAlertThreshold],
      },
      'StoragePool',
      `MSFT_StoragePool (FriendlyName = "${name}")`,
    )
  // One primordial pool holds every drive of the cluster; all of them belong to the S2D pool.
  return [
    make('Primordial', true, all, all),
    make(state.pool.friendlyName, false, pool.rawBytes, pool.allocatedBytes),
  ]
}

function driveStatus(state: Readonly<LabState>, d: Drive): { operational: string; health: string } {
  if (state.servers[d.serverId]?.state === 'Down')
    return { operational: 'Lost Communication', health: 'Warning' }
  if (d.health === 'Warning') return { operational: 'Predictive Failure', health: 'Warning' }
  if (d.health === 'Unhealthy') return { operational: 'Not usable', health: 'Unhealthy' }
  return { operational: 'OK', health: d.health }
}

export function physicalDisks(state: Readonly<LabState>): PsObject[] {
  return Object.values(state.drives)
    .sort((a, b) => a.deviceNumber - b.deviceNumber)
    .map((d) => {
      const status = driveStatus(state, d)
      const server = state.servers[d.serverId]
      return new PsObject(
        STORAGE_TYPES.disk,
        {
          UniqueId: stableGuid(d.serialNumber).replace(/-/g, '').toUpperCase().slice(0, 16),
          AllocatedSize: d.sizeBytes,
          BusType: d.media === 'NVMe' ? 'NVMe' : d.media === 'SSD' ? 'SATA' : 'SAS',
          CannotPoolReason: 'In a Pool',
          CanPool: false,
          DeviceId: String(d.deviceNumber),
          FirmwareVersion: d.firmware,
          FriendlyName: d.model,
          HealthStatus: status.health,
          MediaType: d.media === 'HDD' ? 'HDD' : 'SSD',
          Model: d.model,
          OperationalStatus: status.operational,
          PhysicalLocation: `${server?.name ?? ''} Slot ${d.slot}`,
          SerialNumber: d.serialNumber,
          Size: d.sizeBytes,
          SlotNumber: d.slot,
          SpindleSpeed: d.media === 'HDD' ? 7200 : 0,
          Usage: d.usage === 'Cache' ? 'Journal' : 'Auto-Select',
        },
        'PhysicalDisk',
        `MSFT_PhysicalDisk (DeviceId = "${d.deviceNumber}")`,
      )
    })
}

function virtualDisk(state: Readonly<LabState>, cap: VolumeCapacity): PsObject {
  const v = cap.volume
  const tiered = isTiered(v.resiliency) || v.resiliency === 'nested-two-way-mirror'
  const status = volumeStatus(state, v)
  const parity = v.resiliency === 'dual-parity'
  // Tiered volumes keep their resiliency on the tiers: the disk itself shows none.
  const settings = tiered
    ? {
        ResiliencySettingName: null,
        NumberOfDataCopies: null,
        PhysicalDiskRedundancy: null,
        FaultDomainRedundancy: null,
      }
    : {
        ResiliencySettingName: parity ? 'Parity' : 'Mirror',
        NumberOfDataCopies: dataCopies(v.resiliency),
        PhysicalDiskRedundancy: redundancy(v.resiliency),
        FaultDomainRedundancy: redundancy(v.resiliency),
      }
  const allocated =
    v.provisioning === 'Fixed' ? v.sizeBytes : Math.min(v.sizeBytes, roundUpToSlab(cap.usedBytes))
  return new PsObject(
    STORAGE_TYPES.vdisk,
    {
      ObjectId: `{1}\\\\${state.cluster.name}\\root/Microsoft/Windows/Storage/Providers_v2\\SPACES_VirtualDisk.ObjectId="{${stableGuid(v.id)}}"`,
      UniqueId: stableGuid(v.id).replace(/-/g, '').toUpperCase(),
      AllocatedSize: allocated,
      FaultDomainAwareness: 'StorageScaleUnit',
      FaultDomainRedundancy: settings.FaultDomainRedundancy,
      FootprintOnPool: cap.footprintBytes,
      FriendlyName: v.name,
      HealthStatus: status.health,
      IsDeduplicationEnabled: false,
      IsEnclosureAware: false,
      IsManualAttach: true,
      IsSnapshot: false,
      IsTiered: tiered,
      LogicalSectorSize: 4096,
      NumberOfDataCopies: settings.NumberOfDataCopies,
      OperationalStatus: status.operational,
      PhysicalDiskRedundancy: settings.PhysicalDiskRedundancy,
      PhysicalSectorSize: 4096,
      ProvisioningType: v.provisioning,
      ResiliencySettingName: settings.ResiliencySettingName,
      Size: v.sizeBytes,
      Usage: 'Other',
    },
    'VirtualDisk',
    `MSFT_VirtualDisk (FriendlyName = "${v.name}")`,
  )
}

export function virtualDisks(state: Readonly<LabState>): PsObject[] {
  return poolCapacity(state).volumes.map((cap) => virtualDisk(state, cap))
}

export function volumePath(volumeId: string): string {
  return `\\\\?\\Volume{${stableGuid(`volume:${volumeId}`)}}\\`
}

function volumeObject(fields: {
  id: string
  letter: string | null
  label: string
  fs: 'CSVFS' | 'NTFS'
  fsType: string
  size: number
  free: number
  health: string
  operational: string
}): PsObject {
  const path = volumePath(fields.id)
  return new PsObject(
    STORAGE_TYPES.volume,
    {
      ObjectId: `{1}\\\\${fields.letter ?? ''}\\root/Microsoft/Windows/Storage/Providers_v2\\WSP_Volume.ObjectId="${path}"`,
      UniqueId: path,
      AllocationUnitSize: 4096,
      DedupMode: 'NotAvailable',
      DriveLetter: fields.letter,
      DriveType: 'Fixed',
      FileSystem: fields.fs,
      FileSystemLabel: fields.label,
      FileSystemType: fields.fsType,
      HealthStatus: fields.health,
      OperationalStatus: fields.operational,
      Path: path,
      Size: fields.size,
      SizeRemaining: fields.free,
    },
    'Volume',
    `MSFT_Volume (ObjectId = "${path}")`,
  ).alias('FriendlyName', 'FileSystemLabel')
}

export function volumeOf(state: Readonly<LabState>, cap: VolumeCapacity): PsObject {
  const status = volumeStatus(state, cap.volume)
  return volumeObject({
    id: cap.volume.id,
    letter: null,
    label: cap.volume.name,
    fs: 'CSVFS',
    fsType: cap.volume.fileSystem,
    size: cap.fileSystemBytes,
    free: cap.freeBytes,
    health: status.health,
    operational: status.operational,
  })
}

/** The cluster's CSV volumes, then the node's own C: drive. */
export function volumes(state: Readonly<LabState>): PsObject[] {
  const boot = volumeObject({
    id: 'boot',
    letter: 'C',
    label: '',
    fs: 'NTFS',
    fsType: 'NTFS',
    size: BOOT_VOLUME.size,
    free: BOOT_VOLUME.free,
    health: 'Healthy',
    operational: 'OK',
  })
  return [...poolCapacity(state).volumes.map((cap) => volumeOf(state, cap)), boot]
}
