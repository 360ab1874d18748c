import { POD_START_MS, WINDOWS_NODE_INFO } from '@shared/aks-cluster-assumptions'
import { commandRun, type CommandRun } from '@shared/kube-commands'
import { imageInfo } from '@shared/kube-images'
import type { Container, ContainerStatus, Node, Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { nodeFacts } from './node-facts'
import { nodeOs, type Stored } from './objects'
import { clusterIndexOf, kubeTime, putObject } from './store'
import { podVolumesReady } from './storage'

// The kubelet's side of a pod on its node: pull the images (the simulated registry's times), wait for
// the volumes (storage hook), start the containers. Images for the other OS fail to pull
// (ErrImagePull ⇄ ImagePullBackOff); a Windows image of another build cannot run on the WS2019 nodes
// (ContainerCannotRun, exit 128, CrashLoopBackOff, facts §6); busybox without a command exits at once.
// A command that finishes (kube-commands.ts) runs its time and exits (completion.ts) when the pod's
// restartPolicy is Never or OnFailure; with Always, one that finishes at once (echo, true, false,
// busybox without a command) restarts into CrashLoopBackOff, a longer one (sleep N) runs on.
// Retries back off 10 s, 20 s, … 5 min as the kubelet's do; `attempt` counts them.

export interface StageRef {
  clusterId: string
  namespace: string
  name: string
  uid: string
  attempt?: number
  pulled?: string[] // containers whose image this pod's pull stage fetched
}

const VOLUME_RETRY_MS = 10_000
const NODE_BUILD = Number(WINDOWS_NODE_INFO.kernelVersion.split('.')[2])
export const backoffMs = (attempt: number) => Math.min(10_000 * 2 ** attempt, 300_000)

type Outcome = 'run' | 'pull' | 'cannot-run' | 'exit'

/** How the container's process ends by itself (its command, or its image's entrypoint); null: never. */
export function finishing(c: Container): CommandRun | null {
  if (c.command?.length || c.args?.length) return commandRun(c)
  return imageInfo(c.image ?? '').behaviour === 'exit-without-command'
    ? { runsMs: 1_000, exitCode: 0, output: [] }
    : null
}

function outcome(c: Container, node: Node, restartPolicy = 'Always'): Outcome {
  const info = imageInfo(c.image ?? '')
  if (info.os !== nodeOs(node)) return 'pull'
  if (info.os === 'windows' && info.build !== undefined && info.build !== NODE_BUILD) return 'cannot-run'
  const run = restartPolicy === 'Always' ? finishing(c) : null
  if (run && (run.runsMs <= 1_000 || (!c.command?.length && !c.args?.length))) return 'exit'
  return 'run'
}

/** Whether another pod on the node already pulled the image (kubelet's "already present"). */
function present(tx: Tx, clusterId: string, node: Node, image: string): boolean {
  // The pod asking has no imageID yet, so every count is another pod's.
  return (clusterIndexOf(tx, clusterId).usage.get(node.metadata!.name!)?.images.get(image) ?? 0) > 0
}

/**
 * Pulling: events, how long until the containers can start, and which containers are pulling (their
 * "Successfully pulled" comes when they start). imagePullPolicy Always (the default for :latest)
 * pulls even when the node has the image.
 */
export function pullImages(
  tx: Tx,
  clusterId: string,
  pod: Stored<Pod>,
  node: Node,
  containers: Container[] = pod.spec!.containers,
  kind: 'containers' | 'initContainers' = 'containers',
): { waitMs: number; pulled: string[] } {
  let wait = POD_START_MS
  const pulled: string[] = []
  const host = { component: 'kubelet', host: node.metadata!.name! }
  for (const c of containers) {
    const info = imageInfo(c.image!)
    const field = `spec.${kind}{${c.name}}`
    const already =
      c.imagePullPolicy !== 'Always' && info.pullMs > 0 && present(tx, clusterId, node, c.image!)
    if (already && outcome(c, node) !== 'pull') {
      recordEvent(
        tx,
        clusterId,
        pod,
        'Pulled',
        `Container image "${c.image}" already present on machine`,
        host,
        'Normal',
        field,
      )
      continue
    }
    recordEvent(tx, clusterId, pod, 'Pulling', `Pulling image "${c.image}"`, host, 'Normal', field)
    if (info.pullMs === 0)
      recordEvent(
        tx,
        clusterId,
        pod,
        'Pulled',
        `Successfully pulled image "${c.image}"`,
        host,
        'Normal',
        field,
      )
    else pulled.push(c.name)
    wait = Math.max(wait, info.pullMs)
  }
  return { waitMs: wait, pulled }
}

/** Starts (or retries) the containers; returns the delay of the next retry, or null when all run. */
export function startContainers(
  tx: Tx,
  ref: StageRef,
  pod: Stored<Pod>,
  node: Stored<Node>,
  podIp: string,
): { changed: boolean; retryMs: number | null; stored?: Stored<Pod> } {
  const volumes = podVolumesReady(tx, ref.clusterId, pod)
  if (!volumes.ready) {
    // FailedAttachVolume is the attach/detach controller's event (podVolumesReady records it).
    if (volumes.reason && volumes.reason !== 'FailedAttachVolume')
      recordEvent(
        tx,
        ref.clusterId,
        pod,
        volumes.reason,
        volumes.message ?? '',
        { component: 'kubelet', host: node.metadata.name },
        'Warning',
      )
    return { changed: false, retryMs: VOLUME_RETRY_MS }
  }
  const attempt = ref.attempt ?? 0
  const now = kubeTime(tx.now)
  const host = { component: 'kubelet', host: node.metadata.name }
  const runtime = nodeFacts(node).runtime
  const podRef = () => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
  let failing = false
  const event = (reason: string, message: string, name: string, type: 'Normal' | 'Warning' = 'Normal') =>
    recordEvent(tx, ref.clusterId, pod, reason, message, host, type, `spec.containers{${name}}`)
  const statuses = pod.spec!.containers.map((c): ContainerStatus => {
    const prev = pod.status!.containerStatuses!.find((s) => s.name === c.name)!
    if (prev.state?.running || prev.state?.terminated) return prev
    const kind = outcome(c, node, pod.spec!.restartPolicy)
    const imageID = `${c.image!.split(':')[0]}@sha256:${tx.rng.hex(64)}`
    if (kind === 'pull') {
      failing = true
      const platform = nodeOs(node) === 'windows' ? `windows/amd64 10.0.${NODE_BUILD}` : 'linux/amd64'
      if (attempt % 2 === 0) {
        if (attempt) event('Pulling', `Pulling image "${c.image}"`, c.name)
        event(
          'Failed',
          `Failed to pull image "${c.image}": rpc error: code = Unknown desc = no matching manifest for ${platform} in the manifest list entries`,
          c.name,
          'Warning',
        )
        event('Failed', 'Error: ErrImagePull', c.name, 'Warning')
      } else {
        event('BackOff', `Back-off pulling image "${c.image}"`, c.name)
        event('Failed', 'Error: ImagePullBackOff', c.name, 'Warning')
      }
      const reason = attempt % 2 === 0 ? 'ErrImagePull' : 'ImagePullBackOff'
      return {
        ...prev,
        state: {
          waiting: {
            reason,
            message:
              attempt % 2 === 0
                ? `no matching manifest for ${platform} in the manifest list entries`
                : `Back-off pulling image "${c.image}"`,
          },
        },
      }
    }
    const containerID = `${runtime}://${tx.rng.hex(64)}`
    if (kind === 'run') {
      if (attempt === 0 || prev.state?.waiting) {
        if (attempt === 0 && ref.pulled?.includes(c.name))
          event('Pulled', `Successfully pulled image "${c.image}"`, c.name)
        event('Created', `Created container ${c.name}`, c.name)
        event('Started', `Started container ${c.name}`, c.name)
      }
      return {
        ...prev,
        ready: !c.readinessProbe, // probes.ts
        started: true,
        imageID,
        containerID,
        state: { running: { startedAt: now } },
      }
    }
    failing = true
    const terminated =
      kind === 'cannot-run'
        ? {
            reason: 'ContainerCannotRun',
            exitCode: 128,
            message:
              'CreateContainer: failure in a Windows system call: The operating system of the container does not match the operating system of the host. (0xc0370101)',
          }
        : { reason: finishing(c)!.exitCode ? 'Error' : 'Completed', exitCode: finishing(c)!.exitCode }
    event('Created', `Created container ${c.name}`, c.name)
    if (kind === 'cannot-run')
      event(
        'Failed',
        `Error: failed to start container "${c.name}": Error response from daemon: ${terminated.message}`,
        c.name,
        'Warning',
      )
    else event('Started', `Started container ${c.name}`, c.name)
    event('BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef()}`, c.name, 'Warning')
    return {
      ...prev,
      ready: false,
      started: false,
      imageID,
      containerID,
      restartCount: attempt,
      lastState: { terminated: { ...terminated, startedAt: now, finishedAt: now, containerID } },
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${backoffMs(attempt) / 1000}s restarting failed container=${c.name} pod=${podRef()}`,
        },
      },
    }
  })
  const created = statuses.some((s) => s.state?.running || s.lastState?.terminated)
  const ready = statuses.every((s) => s.ready)
  const cond = (type: string, ok: boolean) => ({
    type,
    status: ok ? 'True' : 'False',
    lastTransitionTime: now,
  })
  const stored = putObject(tx, ref.clusterId, {
    ...pod,
    status: {
      ...pod.status,
      phase: created ? 'Running' : 'Pending',
      ...(created ? { podIP: podIp, podIPs: [{ ip: podIp }] } : {}),
      conditions: pod.status!.conditions!.map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, ...cond(c.type, ready) } : c,
      ),
      containerStatuses: statuses,
    },
  })
  return { changed: true, retryMs: failing ? backoffMs(attempt) : null, stored }
}
