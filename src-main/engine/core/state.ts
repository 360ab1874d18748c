import type {
  CapacitySeries,
  ClockState,
  ClusterInfo,
  Drive,
  FileEntry,
  LabMeta,
  Server,
  StoragePool,
  Task,
  Volume,
  VSwitch,
} from '@shared/domain'
import type { RngState } from './rng'

/** Work scheduled on the virtual clock. Data only, so the queue persists with the lab. */
export interface ScheduledEvent {
  at: number
  seq: number
  kind: string
  data: unknown
}

/** The whole simulated world. Plain JSON: it is snapshotted, hashed and replayed. */
export interface LabState {
  format: 1
  meta: LabMeta
  clock: ClockState
  rng: RngState
  nextSeq: number
  queue: ScheduledEvent[]
  cluster: ClusterInfo
  pool: StoragePool
  servers: Record<string, Server>
  drives: Record<string, Drive>
  switches: Record<string, VSwitch>
  volumes: Record<string, Volume>
  files: Record<string, FileEntry>
  tasks: Record<string, Task>
  samples: Record<string, CapacitySeries>
}

export interface Collections {
  servers: Server
  drives: Drive
  switches: VSwitch
  volumes: Volume
  files: FileEntry
  tasks: Task
  samples: CapacitySeries
}
export type CollectionName = keyof Collections

export interface Singletons {
  meta: LabMeta
  clock: ClockState
  cluster: ClusterInfo
  pool: StoragePool
}
export type SingletonName = keyof Singletons

export const COLLECTIONS: CollectionName[] = [
  'servers',
  'drives',
  'switches',
  'volumes',
  'files',
  'tasks',
  'samples',
]
export const SINGLETONS: SingletonName[] = ['meta', 'clock', 'cluster', 'pool']
