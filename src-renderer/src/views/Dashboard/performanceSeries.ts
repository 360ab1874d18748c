import type { PerformanceSample } from '@shared/performance'
import { PERFORMANCE_HISTORY_SAMPLES, PERFORMANCE_SAMPLE_MS } from '@shared/performance'

// The cluster's performance charts as Admin Center's Dashboard shows them: what each plots from the
// engine's samples, and how its figures read.

export type MetricId = 'cpu' | 'memory' | 'iops' | 'latency' | 'throughput'

export interface PerformanceMetric {
  id: MetricId
  title: string
  value: (s: PerformanceSample) => number
  format: (value: number) => string
  /** A fixed top for percentages; the others scale to their data. */
  max?: number
}

/** The span the charts show: the last hour of virtual time. */
export const CHART_SPAN_MS = PERFORMANCE_HISTORY_SAMPLES * PERFORMANCE_SAMPLE_MS

const percent = (v: number) => `${v.toFixed(1)}%`

/** "0.4", "12.5", "1,161": a tenth while small, whole numbers beyond. */
export function formatIops(v: number): string {
  return v < 100 ? String(Number(v.toFixed(1))) : Math.round(v).toLocaleString('en-US')
}

export function formatLatency(ms: number): string {
  return `${Number(ms.toFixed(ms < 10 ? 2 : 1))} ms`
}

const RATE_UNITS = ['B/s', 'KB/s', 'MB/s', 'GB/s']

/** Throughput in decimal units, as Admin Center's charts show it: "20.5 KB/s", "304.2 MB/s". */
export function formatRate(bytesPerSec: number): string {
  let value = bytesPerSec
  let unit = 0
  while (value >= 1000 && unit < RATE_UNITS.length - 1) {
    value /= 1000
    unit++
  }
  return `${Number(value.toFixed(1))} ${RATE_UNITS[unit]}`
}

export const METRICS: readonly PerformanceMetric[] = [
  { id: 'cpu', title: 'CPU usage', value: (s) => s.cpuPercent, format: percent, max: 100 },
  {
    id: 'memory',
    title: 'Memory usage',
    value: (s) => (s.memoryTotalBytes ? (s.memoryUsedBytes / s.memoryTotalBytes) * 100 : 0),
    format: percent,
    max: 100,
  },
  { id: 'iops', title: 'IOPS', value: (s) => s.iops, format: formatIops },
  { id: 'latency', title: 'Latency', value: (s) => s.latencyMs, format: formatLatency },
  { id: 'throughput', title: 'Throughput', value: (s) => s.throughputBytesPerSec, format: formatRate },
]

/** The metric's points of the hour before `now`: [minute's end, value], oldest first. */
export function metricPoints(
  metric: PerformanceMetric,
  samples: readonly PerformanceSample[],
  now: number,
): [number, number][] {
  return samples.filter((s) => s.t > now - CHART_SPAN_MS).map((s) => [s.t, metric.value(s)])
}
