import type { AksAssumption } from './aks-assumptions'
import type { MediaType } from './domain'

// The load model behind the Dashboard's performance charts. Real counters come from the servers'
// performance history; the lab has no workload to measure, so each figure follows from what the lab
// holds (servers, VMs, containers, the file ledger) by the rules below, shown on the About page.

/** CPU cores each up server spends on its own OS, Storage Spaces Direct and the cluster service. */
export const HOST_CPU_CORES = 0.2
/** A running VM's guest at rest (kernel, agents, kubelet). */
export const RUNNING_VM_CPU_CORES = 0.1
/** A VM that boots keeps this many cores busy (at most its vCPUs). */
export const BOOTING_VM_CPU_CORES = 1
/** Each running container (the seed's apps and kube-system's mostly idle). */
export const CONTAINER_CPU_CORES = 0.05
/** Copying files (image downloads, VM disks, VHDX growth): cores per MB/s written. */
export const COPY_CPU_CORES_PER_MBPS = 0.005

/** Background writes of a running VM's guest (logs, etcd, journals), in small I/Os. */
export const RUNNING_VM_IOPS = 5
/** The size of a small write: a guest's background I/O, a container's append (one ext4 block). */
export const SMALL_IO_BYTES = 4096
/** The size of a bulk write: file copies and downloads, a VHDX's growth. */
export const BULK_IO_BYTES = 256 * 1024

/** What one drive of each media does for writes: latency at rest, and the I/O rate and bandwidth it sustains. */
export const MEDIA_WRITE_PERFORMANCE: Record<
  MediaType,
  { latencyMs: number; iops: number; bytesPerSec: number }
> = {
  NVMe: { latencyMs: 0.1, iops: 200_000, bytesPerSec: 2_000_000_000 },
  SSD: { latencyMs: 0.4, iops: 40_000, bytesPerSec: 500_000_000 },
  HDD: { latencyMs: 8, iops: 150, bytesPerSec: 150_000_000 },
}
/** Latency grows as 1 ÷ (1 − utilisation), the utilisation counted up to this. */
export const MAX_UTILISATION = 0.9

export const PERFORMANCE_ASSUMPTIONS: readonly AksAssumption[] = [
  {
    id: 'perf.sampling',
    label: 'Performance history',
    value: 'One sample per virtual minute, the last hour kept',
    why: 'Admin Center’s cluster charts show the last hour of the servers’ performance history; the lab keeps only what they show.',
  },
  {
    id: 'perf.memory',
    label: 'Memory usage',
    value:
      'Each up server’s host reserve plus the assigned memory of its starting and running VMs, of the up servers’ memory',
    why: 'Hyper-V VMs in the lab hold static memory from start to stop; the host OS keeps its reserve.',
  },
  {
    id: 'perf.cpu',
    label: 'CPU usage',
    value:
      `${HOST_CPU_CORES} core per up server, ${RUNNING_VM_CPU_CORES} per running VM, ${BOOTING_VM_CPU_CORES} per booting VM, ` +
      `${CONTAINER_CPU_CORES} per running container, ${COPY_CPU_CORES_PER_MBPS} per MB/s written; of the up servers’ cores`,
    why: 'The lab runs no real workload: idle-looking figures that rise as VMs boot, files are copied and pods run.',
  },
  {
    id: 'perf.io',
    label: 'IOPS and throughput',
    value:
      `${RUNNING_VM_IOPS} writes of ${SMALL_IO_BYTES / 1024} KiB a second per running VM; what the file ledger grows by in a minute ` +
      `in ${BULK_IO_BYTES / 1024} KiB writes; containers’ appends in ${SMALL_IO_BYTES / 1024} KiB blocks`,
    why: 'The lab lays a file down whole when it lands (an image download, a VM disk, a VHDX’s 32 MiB growth, a fixed VHDX’s whole size), so its bytes count in that minute.',
  },
  {
    id: 'perf.latency',
    label: 'Latency',
    value: (['NVMe', 'SSD', 'HDD'] as const)
      .map((m) => {
        const p = MEDIA_WRITE_PERFORMANCE[m]
        return `${m} ${p.latencyMs} ms, ${p.iops.toLocaleString('en-US')} IOPS, ${p.bytesPerSec / 1e6} MB/s per drive`
      })
      .join('; '),
    why: `Writes land on the cache drives (the capacity drives without a cache); latency = the media's ÷ (1 − utilisation, at most ${MAX_UTILISATION}), utilisation = the larger of IOPS and throughput against what those drives sustain.`,
  },
]
