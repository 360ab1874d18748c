import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import type { StageRef } from './kubelet'
import type { Stored } from './objects'
import { kubeTime, putObject } from './store'

// Probes, simply: the lab's probes always succeed. A container with a readinessProbe is Running but
// not ready until its first probe, initialDelaySeconds (default 0) plus one periodSeconds (default
// 10) after it started; then it is ready, and the pod's Ready condition turns True when every
// container is. Liveness and startup probes are accepted and always succeed: they never restart a
// container nor hold back readiness.

/** When the container's readiness probe first succeeds; null when it has none or is not running. */
function readyAt(pod: Pod, s: ContainerStatus): number | null {
  const probe = pod.spec?.containers.find((c) => c.name === s.name)?.readinessProbe
  if (!probe || s.ready || !s.state?.running) return null
  const delay = (probe.initialDelaySeconds ?? 0) + (probe.periodSeconds ?? 10)
  return Date.parse(s.state.running.startedAt!) + delay * 1000
}

/** Wakes the pod when its next not-ready container's readiness probe succeeds. */
export function scheduleReadiness(tx: Tx, pod: Pod, schedule: (delayMs: number) => void): void {
  let next = Infinity
  for (const s of pod.status?.containerStatuses ?? []) next = Math.min(next, readyAt(pod, s) ?? Infinity)
  if (next !== Infinity) schedule(Math.max(0, next - tx.now))
}

/** Whether a container's readiness probe is due to succeed. */
export function readinessDue(tx: Tx, pod: Pod): boolean {
  return (pod.status?.containerStatuses ?? []).some((s) => (readyAt(pod, s) ?? Infinity) <= tx.now)
}

/** Marks the containers whose probe succeeded ready, and the pod Ready when all are. */
export function markReady(tx: Tx, ref: StageRef, pod: Stored<Pod>): boolean {
  const statuses = pod.status!.containerStatuses!.map((s) =>
    (readyAt(pod, s) ?? Infinity) <= tx.now ? { ...s, ready: true } : s,
  )
  const ready = statuses.every((s) => s.ready)
  const now = kubeTime(tx.now)
  putObject(tx, ref.clusterId, {
    ...pod,
    status: {
      ...pod.status,
      conditions: pod.status!.conditions!.map((c) =>
        (c.type === 'Ready' || c.type === 'ContainersReady') && ready && c.status !== 'True'
          ? { ...c, status: 'True', lastTransitionTime: now }
          : c,
      ),
      containerStatuses: statuses,
    },
  })
  return true
}
