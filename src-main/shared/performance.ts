// The HCI cluster's performance history, as the Dashboard's charts plot it: one sample per virtual
// minute, the last hour kept. The engine records them (engine/hci/performance.ts) from the lab's
// load; the model's figures are in performance-assumptions.ts.

export const PERFORMANCE_SAMPLE_MS = 60_000
/** An hour of samples: what the Dashboard shows, and all a lab keeps. */
export const PERFORMANCE_HISTORY_SAMPLES = 60

/** One virtual minute of the cluster's load, for the minute that ends at `t`. */
export interface PerformanceSample {
  t: number
  cpuPercent: number
  memoryUsedBytes: number
  memoryTotalBytes: number
  iops: number
  throughputBytesPerSec: number
  /** Average write latency; 0 when nothing was written. */
  latencyMs: number
}

export interface PerformanceHistory {
  /** Oldest first, one per minute, at most PERFORMANCE_HISTORY_SAMPLES. */
  samples: PerformanceSample[]
  /** Bytes the containers had written into their volumes by the last sample: the next one counts what is added. */
  containerBytes: number
}

export function emptyPerformance(): PerformanceHistory {
  return { samples: [], containerBytes: 0 }
}
