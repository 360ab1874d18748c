import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { backoffMs, finishing, type StageRef } from './kubelet'
import type { Stored } from './objects'
import { POD_STAGE_EVENT } from './scheduler'
import { kubeTime, putObject } from './store'

// Containers that finish, on the kubelet's side, for pods whose restartPolicy is Never or OnFailure
// (Always is kubelet.ts's CrashLoopBackOff). A container whose command ends (kube-commands.ts) is
// Terminated at startedAt + its run time: Completed (exit 0) or Error. With OnFailure a failed one
// restarts in place after the kubelet's back-off (restartCount + 1, last state the failed run). When
// every container is terminated the pod is Succeeded (all exited 0) or Failed, and stays so: its
// node resources are free, the object remains until someone deletes it.

const finishesAt = (s: ContainerStatus, runsMs: number) => Date.parse(s.state!.running!.startedAt!) + runsMs

/** Wakes the pod when its next running container is due to exit. */
export function scheduleFinishes(tx: Tx, pod: Stored<Pod>, schedule: (delayMs: number) => void): void {
  if ((pod.spec?.restartPolicy ?? 'Always') === 'Always') return
  let next = Infinity
  for (const s of pod.status?.containerStatuses ?? []) {
    const c = pod.spec!.containers.find((x) => x.name === s.name)
    const run = c && s.state?.running ? finishing(c) : null
    if (run) next = Math.min(next, finishesAt(s, run.runsMs))
  }
  if (next !== Infinity) schedule(Math.max(0, next - tx.now))
}

/** Ends the containers that are due; returns whether the pod changed. */
export function finishContainers(tx: Tx, ref: StageRef, pod: Stored<Pod>): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always'
  if (policy === 'Always') return false
  const now = kubeTime(tx.now)
  let changed = false
  let restartIn: number | null = null
  const statuses = pod.status!.containerStatuses!.map((s): ContainerStatus => {
    const c = pod.spec!.containers.find((x) => x.name === s.name)
    const run = c && s.state?.running ? finishing(c) : null
    if (!run || finishesAt(s, run.runsMs) > tx.now) return s
    changed = true
    const terminated = {
      exitCode: run.exitCode,
      reason: run.exitCode === 0 ? 'Completed' : 'Error',
      startedAt: s.state!.running!.startedAt,
      finishedAt: now,
      containerID: s.containerID,
    }
    if (policy === 'OnFailure' && run.exitCode !== 0) {
      const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
      const wait = backoffMs(s.restartCount)
      restartIn = Math.min(restartIn ?? Infinity, wait)
      recordEvent(
        tx,
        ref.clusterId,
        pod,
        'BackOff',
        `Back-off restarting failed container ${s.name} in pod ${podRef}`,
        { component: 'kubelet', host: pod.spec!.nodeName! },
        'Warning',
        `spec.containers{${s.name}}`,
      )
      return {
        ...s,
        ready: false,
        started: false,
        restartCount: s.restartCount + 1,
        lastState: { terminated },
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${wait / 1000}s restarting failed container=${s.name} pod=${podRef}`,
          },
        },
      }
    }
    return { ...s, ready: false, started: false, state: { terminated } }
  })
  if (!changed) return false
  const done = statuses.every((s) => s.state?.terminated)
  const phase = !done
    ? 'Running'
    : statuses.every((s) => s.state!.terminated!.exitCode === 0)
      ? 'Succeeded'
      : 'Failed'
  const ready = statuses.every((s) => s.ready)
  putObject(tx, ref.clusterId, {
    ...pod,
    status: {
      ...pod.status,
      phase,
      conditions: pod.status!.conditions!.map((c) =>
        (c.type === 'Ready' || c.type === 'ContainersReady') && c.status !== (ready ? 'True' : 'False')
          ? {
              ...c,
              status: ready ? 'True' : 'False',
              lastTransitionTime: now,
              ...(done ? { reason: 'PodCompleted' } : {}),
            }
          : c,
      ),
      containerStatuses: statuses,
    },
  })
  if (restartIn !== null)
    tx.schedule(tx.now + restartIn, POD_STAGE_EVENT, { ...ref, attempt: (ref.attempt ?? 0) + 1 })
  return true
}
