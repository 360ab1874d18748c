// Domain types of a lab, shared by the engine and the renderer. Plain data only: every value
// here is JSON-serialisable so that it can be persisted, hashed and sent over IPC unchanged.

export type MediaType = 'NVMe' | 'SSD' | 'HDD'
export type DriveUsage = 'Cache' | 'Capacity'
export type HealthStatus = 'Healthy' | 'Warning' | 'Unhealthy' | 'Unknown'
export type ServerState = 'Up' | 'Down' | 'Paused'
export type ProvisioningType = 'Fixed' | 'Thin'

export const RESILIENCIES = [
  'two-way-mirror',
  'three-way-mirror',
  'dual-parity',
  'nested-two-way-mirror',
  'mirror-accelerated-parity',
  'nested-mirror-accelerated-parity',
] as const
export type Resiliency = (typeof RESILIENCIES)[number]

export const SPEEDS = ['pause', '1', '10', '60', '600', 'max'] as const
export type Speed = (typeof SPEEDS)[number]

export interface NetworkInfo {
  subnet: string // CIDR, e.g. 192.168.0.0/24
  gateway: string
  dnsServers: string[]
  dhcpScope: { start: string; end: string }
}

export interface DomainController {
  name: string
  ip: string
  roles: string[] // e.g. ['Active Directory Domain Services', 'DNS', 'DHCP']
}

export interface ClusterInfo {
  name: string
  domain: string // FQDN, e.g. contoso.local
  netbiosDomain: string // e.g. CONTOSO
  adminUser: string // e.g. CONTOSO\Administrator
  adminPassword: string
  network: NetworkInfo
  domainController: DomainController
  wacVersion: string
  osVersion: string
}

export interface Server {
  id: string
  name: string
  nodeId: number // cluster node id, 1-based
  cores: number
  memoryBytes: number
  state: ServerState
  ip: string
  manufacturer: string
  model: string
}

export interface Drive {
  id: string
  serverId: string
  slot: number
  deviceNumber: number // as Get-PhysicalDisk shows it: 1001, 1002 … per node
  media: MediaType
  sizeBytes: number // decimal as sold: 1.92 TB = 1 920 000 000 000
  serialNumber: string
  model: string
  firmware: string
  health: HealthStatus
  usage: DriveUsage
}

export interface StoragePool {
  friendlyName: string // "S2D on <cluster>"
  provisioningTypeDefault: ProvisioningType
  thinProvisioningAlertThreshold: number // percent
}

export interface VSwitch {
  id: string
  name: string
  switchType: 'External' | 'Internal' | 'Private'
  serverIds: string[]
  netAdapterInterfaceDescription: string
}

export interface Volume {
  id: string
  name: string
  resiliency: Resiliency
  sizeBytes: number // the virtual disk's size (Get-VirtualDisk Size)
  mirrorSizeBytes: number // the mirror tier's share for (nested) mirror-accelerated parity, else 0
  provisioning: ProvisioningType
  fileSystem: 'CSVFS_ReFS'
  ownerServerId: string
  createdAt: number
}

/** One file in a volume's ledger. Every byte used on a volume belongs to a file. */
export interface FileEntry {
  id: string
  volumeId: string
  path: string // full Windows path, e.g. C:\ClusterStorage\Volume01\images\x.vhdx
  sizeBytes: number // logical size (a VHDX's virtual disk size; = allocated for ordinary files)
  /** Bytes it takes on the volume: a dynamic VHDX grows; Get-ChildItem's Length, as Windows shows it. */
  allocatedBytes: number
  owner: { kind: string; id: string; label: string }
  createdAt: number
  /** A VHDX's layout as its maker chose it (Get-VHD); absent on other files and in older labs. */
  vhd?: VhdFormat
}

export type VhdType = 'Dynamic' | 'Fixed'

/** How a VHDX file is laid out: a dynamic one grows block by block; a fixed one is allocated whole. */
export interface VhdFormat {
  type: VhdType
  blockSizeBytes: number // 0 for a fixed VHDX, as Get-VHD shows it
  logicalSectorBytes: number
  physicalSectorBytes: number
}

export type TaskState = 'InProgress' | 'Success' | 'Error' | 'Warning' | 'Informational'

/** A notification in the Admin Center bell, with progress for long work. */
export interface Task {
  id: string
  title: string
  message: string
  state: TaskState
  percent: number
  source: string // the machine it ran on, e.g. the cluster name
  startedAt: number
  endedAt: number | null
  /** Long work only: the title it takes when it ends, by outcome ("Successfully created …"). */
  outcomeTitles?: TaskOutcomeTitles
}

export type TaskOutcome = 'succeeded' | 'failed' | 'cancelled'
export type TaskOutcomeTitles = Record<TaskOutcome, string>

/**
 * One thing that moved a volume's figures at an instant: a file created, grown, shrunk or deleted
 * (`path`, its allocated bytes' change), or the volume itself created or resized (`path` is the
 * volume's name, `deltaBytes` its size's change).
 */
export interface CapacityChange {
  kind: 'file-created' | 'file-changed' | 'file-deleted' | 'volume-created' | 'volume-resized'
  path: string
  deltaBytes: number
  /** A VHDX's type and virtual size after the change (before it, for a deletion); absent for other files. */
  vhdx?: { type: VhdType; virtualBytes: number; virtualDeltaBytes: number }
}

/** The volume's figures after everything that happened at virtual time `t`. */
export interface CapacityPoint {
  t: number
  usedBytes: number
  sizeBytes: number
  footprintBytes: number
  /** What changed at `t`, at most MAX_CHANGES_PER_POINT entries; absent from points recorded by older builds. */
  changes?: CapacityChange[]
  /** How many further changes at `t` were left out of `changes` (keeps a busy instant bounded). */
  moreChanges?: number
}

/** Used and total bytes of a volume over virtual time, one point per instant something changed. */
export interface CapacitySeries {
  volumeId: string
  points: CapacityPoint[]
}

export interface LabMeta {
  name: string
  seed: number
  createdAt: number
}

/**
 * The latest virtual time a lab can reach (9999-12-31T23:59:59.999Z, the last instant with a
 * four-digit year, as .NET's DateTime.MaxValue): the clock never moves past it, and a lab file
 * whose stored clock lies beyond it is damaged.
 */
export const MAX_VIRTUAL_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

export interface ClockState {
  now: number // virtual time, ms since the Unix epoch (UTC)
  speed: Speed
}
