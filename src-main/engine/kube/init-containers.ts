import type { Container, ContainerStatus, Node, Pod, PodCondition } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { backoffMs, finishing, pullImages, type StageRef } from './kubelet'
import type { Stored } from './objects'
import { POD_STAGE_EVENT } from './scheduler'
import { kubeTime, putObject } from './store'
import { podVolumesReady } from './storage'

// Init containers (spec.initContainers), on the kubelet's side: they run one at a time, in order,
// before the app containers. Each pulls its image (as containers do), starts, and runs its command to
// completion (kube-commands.ts: `sleep 5`, `echo`, `sh -c "…"`; one that never ends holds the pod in
// Init:N/M). While they run the pod is Pending with Initialized False; when the last one completes,
// Initialized turns True and the app containers pull (PodInitializing) and start (lifecycle.ts). One
// that fails restarts after the kubelet's back-off (Init:CrashLoopBackOff) unless restartPolicy is
// Never: then the pod is Failed (Init:Error). Images are assumed to run on the node's OS.

const VOLUME_RETRY_MS = 10_000
const field = (name: string) => `spec.initContainers{${name}}`

/** The defaulted pull policy (the API server's defaulting covers only spec.containers). */
function withPullPolicy(c: Container): Container {
  if (c.imagePullPolicy) return c
  const tag = (c.image ?? '').split('@')[0]!.split('/').pop()!.split(':')[1]
  return { ...c, imagePullPolicy: !tag || tag === 'latest' ? 'Always' : 'IfNotPresent' }
}

const waiting = (reason: string) => ({ waiting: { reason } })

/** The first status of a pod with init containers: all of them, and the app containers, waiting. */
export function initialInitStatuses(pod: Pod): Pick<Pod['status'] & object, 'initContainerStatuses'> {
  const inits = pod.spec?.initContainers ?? []
  if (!inits.length) return {}
  return {
    initContainerStatuses: inits.map((c) => ({
      name: c.name,
      image: c.image!,
      imageID: '',
      ready: false,
      restartCount: 0,
      state: waiting('PodInitializing'),
      lastState: {},
    })),
  }
}

/** Whether the pod's init containers are all done (or it has none). */
export function initialized(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).find((c) => c.type === 'Initialized')?.status !== 'False'
}

function setCondition(conds: PodCondition[], type: string, status: 'True' | 'False', now: string) {
  return conds.map((c) =>
    c.type === type && c.status !== status ? { ...c, status, lastTransitionTime: now } : c,
  )
}

/** Pulls init container i's image (or the app containers' when i is past the last) and wakes the pod. */
function pullNext(tx: Tx, ref: StageRef, pod: Stored<Pod>, node: Node, i: number): void {
  const inits = pod.spec!.initContainers!
  const pull =
    i < inits.length
      ? pullImages(tx, ref.clusterId, pod, node, [withPullPolicy(inits[i]!)], 'initContainers')
      : pullImages(tx, ref.clusterId, pod, node)
  wake(tx, ref, pull.waitMs, pull.pulled)
}

function wake(tx: Tx, ref: StageRef, delayMs: number, pulled: string[] = []): void {
  const { clusterId, namespace, name, uid } = ref
  const next: StageRef = { clusterId, namespace, name, uid, ...(pulled.length ? { pulled } : {}) }
  tx.schedule(tx.now + delayMs, POD_STAGE_EVENT, next)
}

/** Called when the pod's statuses are first written: pulls the first init container's image. */
export function startInit(tx: Tx, ref: StageRef, pod: Stored<Pod>, node: Node): void {
  pullNext(tx, ref, pod, node, 0)
}

/**
 * One stage of the init containers; null when they are all done (the app containers' stages run),
 * else whether the pod changed.
 */
export function advanceInit(tx: Tx, ref: StageRef, pod: Stored<Pod>, node: Stored<Node>): boolean | null {
  if (initialized(pod)) return null
  const inits = pod.spec!.initContainers ?? []
  const statuses = pod.status!.initContainerStatuses ?? []
  const i = statuses.findIndex((s) => s.state?.terminated?.exitCode !== 0)
  const now = kubeTime(tx.now)
  const host = { component: 'kubelet', host: node.metadata.name }
  const event = (reason: string, message: string, name: string, type: 'Normal' | 'Warning' = 'Normal') =>
    recordEvent(tx, ref.clusterId, pod, reason, message, host, type, field(name))
  const write = (next: ContainerStatus[], extra: Partial<Pod['status'] & object> = {}) =>
    putObject(tx, ref.clusterId, {
      ...pod,
      status: { ...pod.status, ...extra, initContainerStatuses: next },
    })
  const replace = (s: ContainerStatus) => statuses.map((x, n) => (n === i ? s : x))
  if (i === -1) {
    // All completed: Initialized, the app containers pull (PodInitializing) and then start.
    const done = write(statuses, {
      conditions: setCondition(pod.status!.conditions!, 'Initialized', 'True', now),
    })
    pullNext(tx, ref, done, node, inits.length)
    return true
  }
  const c = inits[i]!
  const s = statuses[i]!
  const run = finishing(c)
  if (s.state?.terminated) return false // failed with restartPolicy Never: the pod is Failed
  if (s.state?.running) {
    const due = run && Date.parse(s.state.running.startedAt!) + run.runsMs <= tx.now
    if (!due) return false
    const terminated = {
      exitCode: run.exitCode,
      reason: run.exitCode === 0 ? 'Completed' : 'Error',
      startedAt: s.state.running.startedAt,
      finishedAt: now,
      containerID: s.containerID,
    }
    if (run.exitCode === 0) {
      const next = write(replace({ ...s, ready: true, state: { terminated } }))
      pullNext(tx, ref, next, node, i + 1)
      return true
    }
    if (pod.spec!.restartPolicy === 'Never') {
      write(replace({ ...s, ready: false, state: { terminated } }), { phase: 'Failed' })
      return true
    }
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
    const wait = backoffMs(s.restartCount)
    event('BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`, c.name, 'Warning')
    write(
      replace({
        ...s,
        ready: false,
        restartCount: s.restartCount + 1,
        lastState: { terminated },
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${wait / 1000}s restarting failed container=${c.name} pod=${podRef}`,
          },
        },
      }),
    )
    wake(tx, ref, wait)
    return true
  }
  // Waiting (its image pulled, or its back-off over): start it once the pod's volumes are ready.
  if (i === 0 && s.restartCount === 0 && !podVolumesReady(tx, ref.clusterId, pod).ready) {
    wake(tx, ref, VOLUME_RETRY_MS, ref.pulled)
    return false
  }
  if (ref.pulled?.includes(c.name) && s.restartCount === 0)
    event('Pulled', `Successfully pulled image "${c.image}"`, c.name)
  event('Created', `Created container ${c.name}`, c.name)
  event('Started', `Started container ${c.name}`, c.name)
  const runtime = node.status!.nodeInfo!.containerRuntimeVersion.split(':')[0]
  const imageID = `${c.image!.split(':')[0]}@sha256:${tx.rng.hex(64)}`
  const containerID = `${runtime}://${tx.rng.hex(64)}`
  write(replace({ ...s, ready: false, imageID, containerID, state: { running: { startedAt: now } } }))
  if (run) wake(tx, ref, run.runsMs)
  return true
}
