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
import type { AksHost, ClusterGroup, VirtualMachine } from '@shared/aks'
import type { AksCluster, KubeconfigState } from '@shared/aks-cluster'
import type { KubeObject, LabView } from '@shared/contract'
import type { PerformanceHistory } from '@shared/performance'
import type { RngState } from './rng'

/** Work scheduled on the virtual clock. Data only, so the queue persists with the lab. */
export interface ScheduledEvent {
  at: number
  seq: number
  kind: string
  data: unknown
}

/**
 * The whole simulated world: what the renderer sees (LabView) plus the engine's internals.
 * Plain JSON: it is snapshotted, hashed and replayed.
 */
export interface LabState extends LabView {
  format: 1
  rng: RngState
  nextSeq: number
  queue: ScheduledEvent[]
}

export interface Collections {
  servers: Server
  drives: Drive
  switches: VSwitch
  volumes: Volume
  files: FileEntry
  tasks: Task
  samples: CapacitySeries
  vms: VirtualMachine
  clusterGroups: ClusterGroup
  aksClusters: AksCluster
  kube: KubeObject
}
export type CollectionName = keyof Collections

export interface Singletons {
  meta: LabMeta
  clock: ClockState
  cluster: ClusterInfo
  pool: StoragePool
  aks: AksHost
  kubeconfig: KubeconfigState
  performance: PerformanceHistory
}
export type SingletonName = keyof Singletons
