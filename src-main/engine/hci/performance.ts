import { HOST_RESERVE_BYTES } from '@shared/aks-assumptions'
import type { KubeObject } from '@shared/contract'
import { kubeGroupKeys } from '@shared/kube'
import { VOLUME_DATA_KIND, type VolumeData } from '@shared/kube-storage'
import {
  PERFORMANCE_HISTORY_SAMPLES,
  PERFORMANCE_SAMPLE_MS,
  type PerformanceSample,
} from '@shared/performance'
import {
  BOOTING_VM_CPU_CORES,
  BULK_IO_BYTES,
  CONTAINER_CPU_CORES,
  COPY_CPU_CORES_PER_MBPS,
  HOST_CPU_CORES,
  MAX_UTILISATION,
  MEDIA_WRITE_PERFORMANCE,
  RUNNING_VM_CPU_CORES,
  RUNNING_VM_IOPS,
  SMALL_IO_BYTES,
} from '@shared/performance-assumptions'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'

// The cluster's performance history: a sample at the end of every virtual minute, from the lab as
// it stands then (the model is in performance-assumptions.ts). The lab's advance takes the samples
// as the clock passes each minute, not scheduled events: nothing else in the lab changes (no ids,
// no queue), and a minute's sample reads everything that happened at and before its instant.

const MINUTE = PERFORMANCE_SAMPLE_MS

/** What the lab runs now: it stays so until the clock reaches the next event. */
interface Load {
  cores: number
  busyCores: number // before the copying's share
  memoryTotalBytes: number
  memoryUsedBytes: number
  runningVms: number
  containerBytes: number
  writeTier: { latencyMs: number; iops: number; bytesPerSec: number }
}

/**
 * Records the samples of the minutes that end in [now, until): the clock is about to move to `until`
 * and the lab stays as it is until then. Only the last hour's are kept (after a long jump, only those
 * are worked out).
 */
/** Whether moving the clock from `now` to `until` passes a minute to sample (most steps do not). */
export function samplesDue(now: number, until: number): boolean {
  return Math.ceil(now / MINUTE) * MINUTE < until
}

export function samplePerformance(tx: Tx, until: number): void {
  if (!samplesDue(tx.now, until)) return
  const first = Math.ceil(tx.now / MINUTE) * MINUTE
  const last = Math.ceil(until / MINUTE) * MINUTE - MINUTE
  const start = Math.max(first, last - (PERFORMANCE_HISTORY_SAMPLES - 1) * MINUTE)
  const history = tx.state.performance
  const load = currentLoad(tx)
  // Everything written since the last sampled minute happened by now: it is the first minute's.
  const bulkBytes = ledgerGrowth(tx, first - MINUTE)
  const containerBytes = Math.max(0, load.containerBytes - history.containerBytes)
  const samples = [...history.samples]
  for (let t = start; t <= last; t += MINUTE)
    samples.push(t === first ? sample(t, load, bulkBytes, containerBytes) : sample(t, load, 0, 0))
  tx.set('performance', {
    samples: samples.slice(-PERFORMANCE_HISTORY_SAMPLES),
    containerBytes: load.containerBytes,
  })
}

function sample(t: number, load: Load, bulkBytes: number, containerBytes: number): PerformanceSample {
  const seconds = MINUTE / 1000
  const backgroundIops = load.runningVms * RUNNING_VM_IOPS
  const iops =
    backgroundIops + (bulkBytes / BULK_IO_BYTES + Math.ceil(containerBytes / SMALL_IO_BYTES)) / seconds
  const bytesPerSec = backgroundIops * SMALL_IO_BYTES + (bulkBytes + containerBytes) / seconds
  const copyCores = (bulkBytes / seconds / 1e6) * COPY_CPU_CORES_PER_MBPS
  const busy = Math.min(load.cores, load.busyCores + copyCores)
  return {
    t,
    cpuPercent: round(load.cores ? (busy / load.cores) * 100 : 0),
    memoryUsedBytes: load.memoryUsedBytes,
    memoryTotalBytes: load.memoryTotalBytes,
    iops: round(iops),
    throughputBytesPerSec: Math.round(bytesPerSec),
    latencyMs: iops > 0 ? round(latency(load.writeTier, iops, bytesPerSec), 3) : 0,
  }
}

/** The write tier's media latency, stretched by how busy its drives are. */
function latency(tier: Load['writeTier'], iops: number, bytesPerSec: number): number {
  const utilisation = Math.max(iops / tier.iops, bytesPerSec / tier.bytesPerSec)
  return tier.latencyMs / (1 - Math.min(MAX_UTILISATION, utilisation))
}

function currentLoad(tx: Tx): Load {
  const up = tx.all('servers').filter((s) => s.state === 'Up')
  const upIds = new Set(up.map((s) => s.id))
  const vms = tx.all('vms').filter((vm) => upIds.has(vm.serverId))
  const running = vms.filter((vm) => vm.state === 'Running')
  const booting = vms.filter((vm) => vm.state === 'Starting')
  const { containers, containerBytes } = workloads(tx)
  return {
    cores: up.reduce((n, s) => n + s.cores, 0),
    busyCores:
      up.length * HOST_CPU_CORES +
      running.length * RUNNING_VM_CPU_CORES +
      booting.reduce((n, vm) => n + Math.min(vm.processorCount, BOOTING_VM_CPU_CORES), 0) +
      containers * CONTAINER_CPU_CORES,
    memoryTotalBytes: up.reduce((n, s) => n + s.memoryBytes, 0),
    memoryUsedBytes:
      up.reduce((n, s) => n + Math.min(HOST_RESERVE_BYTES, s.memoryBytes), 0) +
      [...running, ...booting].reduce((n, vm) => n + vm.memoryBytes, 0),
    runningVms: running.length,
    containerBytes,
    writeTier: writeTier(tx, upIds),
  }
}

/** Running containers of every workload cluster, and the bytes containers have written to volumes. */
function workloads(tx: Tx): { containers: number; containerBytes: number } {
  let containers = 0
  let containerBytes = 0
  const objects = (clusterId: string, kind: string) =>
    [...(kubeGroupKeys(tx.state.kube, clusterId, kind) ?? [])].map((key) => tx.state.kube[key]!)
  for (const cluster of tx.all('aksClusters')) {
    for (const pod of objects(cluster.id, 'Pod') as (Pod & KubeObject)[])
      if (pod.status?.phase === 'Running')
        containers += (pod.status.containerStatuses ?? []).filter((s) => s.state?.running).length
    for (const data of objects(cluster.id, VOLUME_DATA_KIND) as VolumeData[])
      for (const file of Object.values(data.files)) containerBytes += file.bytes
  }
  return { containers, containerBytes }
}

/** Where writes land: the cache drives, or the capacity drives when there is no cache. */
function writeTier(tx: Tx, upIds: Set<string>): Load['writeTier'] {
  const drives = tx.all('drives').filter((d) => upIds.has(d.serverId) && d.health !== 'Unhealthy')
  const cache = drives.filter((d) => d.usage === 'Cache')
  const tier = cache.length ? cache : drives
  const media = tier[0]?.media ?? 'SSD'
  const per = MEDIA_WRITE_PERFORMANCE[media]
  const count = Math.max(1, tier.length)
  return { latencyMs: per.latencyMs, iops: per.iops * count, bytesPerSec: per.bytesPerSec * count }
}

/** What the volumes' files grew by after `since` (the ledger's capacity points, one per instant). */
function ledgerGrowth(tx: Tx, since: number): number {
  let grown = 0
  for (const series of tx.all('samples')) {
    const points = series.points
    for (let i = points.length - 1; i > 0 && points[i]!.t > since; i--)
      grown += Math.max(0, points[i]!.usedBytes - points[i - 1]!.usedBytes)
  }
  return grown
}

function round(value: number, decimals = 2): number {
  const f = 10 ** decimals
  return Math.round(value * f) / f
}
