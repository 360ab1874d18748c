import { NODE_READY_MS, POD_SCHEDULE_MS, POD_START_MS } from '@shared/aks-cluster-assumptions'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { POD_STAGE_EVENT, scheduleOnto } from './scheduler'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { markNodeReady, nodeReady, type Stored } from './objects'
import { getObject, kubeTime, listObjects, putObject } from './store'

// Pod and node lifecycles as data: each step is a scheduled event that re-reads the object and moves
// it one stage on (level-triggered: a stale event for a deleted or replaced object does nothing).
// Pending (unscheduled) → scheduled → ContainerCreating → Running. After each step the cluster's
// controllers reconcile (passed in to keep the import graph one-way).

export { fits, tolerates } from './scheduler'
export { POD_STAGE_EVENT }
export const NODE_READY_EVENT = 'kube.node.ready'

export interface PodRef {
  clusterId: string
  namespace: string
  name: string
  uid: string
}

export function schedulePodStage(tx: Tx, clusterId: string, pod: Stored<Pod>, delayMs: number): void {
  const ref: PodRef = {
    clusterId,
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  }
  tx.schedule(tx.now + delayMs, POD_STAGE_EVENT, ref)
}

export function scheduleNodeReady(tx: Tx, clusterId: string, node: Stored<Node>): void {
  tx.schedule(tx.now + NODE_READY_MS, NODE_READY_EVENT, {
    clusterId,
    name: node.metadata.name,
    uid: node.metadata.uid,
  })
}

/** The pod's IP: the node's for hostNetwork pods, else the next free address of the node's /24. */
function podIp(tx: Tx, clusterId: string, pod: Pod, node: Node): string {
  const nodeIp = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
  if (pod.spec?.hostNetwork) return nodeIp
  const base = node.spec!.podCIDR!.replace(/\.0\/24$/, '')
  const used = new Set(
    listObjects<Pod>(tx, clusterId, { kind: 'Pod' })
      .filter((p) => p.spec?.nodeName === node.metadata!.name && !p.spec?.hostNetwork)
      .map((p) => p.status?.podIP),
  )
  for (let n = 2; n < 255; n++) if (!used.has(`${base}.${n}`)) return `${base}.${n}`
  return `${base}.254`
}

function condition(type: string, status: 'True' | 'False', now: number) {
  return { type, status, lastTransitionTime: kubeTime(now) }
}

/** Runs one stage of a pod; returns whether anything changed. */
export function advancePod(tx: Tx, ref: PodRef): boolean {
  const pod = getObject<Stored<Pod>>(tx, ref.clusterId, 'Pod', ref.namespace, ref.name)
  if (!pod || pod.metadata.uid !== ref.uid) return false
  const spec = pod.spec!
  const kubelet = (node: string) => ({ component: 'kubelet', host: node })
  if (!spec.nodeName) {
    const { node, message } = scheduleOnto(tx, ref.clusterId, pod)
    if (!node) {
      const unschedulable = putObject(tx, ref.clusterId, {
        ...pod,
        status: {
          ...pod.status,
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message,
              lastTransitionTime: kubeTime(tx.now),
            },
          ],
        },
      })
      recordEvent(
        tx,
        ref.clusterId,
        unschedulable,
        'FailedScheduling',
        message,
        { component: 'default-scheduler' },
        'Warning',
      )
      return false
    }
    const scheduled = putObject(tx, ref.clusterId, {
      ...pod,
      spec: { ...spec, nodeName: node.metadata.name },
      status: { ...pod.status, conditions: [condition('PodScheduled', 'True', tx.now)] },
    })
    recordEvent(
      tx,
      ref.clusterId,
      scheduled,
      'Scheduled',
      `Successfully assigned ${ref.namespace}/${ref.name} to ${node.metadata.name}`,
      { component: 'default-scheduler' },
    )
    schedulePodStage(tx, ref.clusterId, scheduled, POD_SCHEDULE_MS)
    return true
  }
  const node = getObject<Stored<Node>>(tx, ref.clusterId, 'Node', '', spec.nodeName)
  if (!node) return false
  const containers = spec.containers
  if (!pod.status?.containerStatuses) {
    const creating = putObject(tx, ref.clusterId, {
      ...pod,
      status: {
        phase: 'Pending',
        qosClass: pod.status?.qosClass,
        hostIP: node.status!.addresses![0]!.address,
        startTime: kubeTime(tx.now),
        conditions: [
          condition('Initialized', 'True', tx.now),
          condition('Ready', 'False', tx.now),
          condition('ContainersReady', 'False', tx.now),
          condition('PodScheduled', 'True', tx.now),
        ],
        containerStatuses: containers.map((c) => ({
          name: c.name,
          image: c.image!,
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
          lastState: {},
        })),
      },
    })
    for (const c of containers) {
      const field = `spec.containers{${c.name}}`
      recordEvent(
        tx,
        ref.clusterId,
        creating,
        'Pulling',
        `Pulling image "${c.image}"`,
        kubelet(node.metadata.name),
        'Normal',
        field,
      )
      recordEvent(
        tx,
        ref.clusterId,
        creating,
        'Pulled',
        `Successfully pulled image "${c.image}"`,
        kubelet(node.metadata.name),
        'Normal',
        field,
      )
    }
    schedulePodStage(tx, ref.clusterId, creating, POD_START_MS)
    return true
  }
  if (pod.status.phase === 'Running') return false
  const started = kubeTime(tx.now)
  const ip = podIp(tx, ref.clusterId, pod, node)
  const running = putObject(tx, ref.clusterId, {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: pod.status.conditions!.map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? condition(c.type, 'True', tx.now) : c,
      ),
      containerStatuses: pod.status.containerStatuses.map((s) => ({
        ...s,
        ready: true,
        started: true,
        imageID: `${s.image.split(':')[0]}@sha256:${tx.rng.hex(64)}`,
        containerID: `${node.status!.nodeInfo!.containerRuntimeVersion.split(':')[0]}://${tx.rng.hex(64)}`,
        state: { running: { startedAt: started } },
      })),
    },
  })
  for (const c of containers) {
    const field = `spec.containers{${c.name}}`
    recordEvent(
      tx,
      ref.clusterId,
      running,
      'Created',
      `Created container ${c.name}`,
      kubelet(node.metadata.name),
      'Normal',
      field,
    )
    recordEvent(
      tx,
      ref.clusterId,
      running,
      'Started',
      `Started container ${c.name}`,
      kubelet(node.metadata.name),
      'Normal',
      field,
    )
  }
  return true
}

/** A node's CNI came up: Ready, and every unscheduled pod gets another try at the scheduler. */
export function onNodeReady(tx: Tx, data: { clusterId: string; name: string; uid: string }): boolean {
  const node = getObject<Stored<Node>>(tx, data.clusterId, 'Node', '', data.name)
  if (!node || node.metadata.uid !== data.uid || nodeReady(node)) return false
  const ready = putObject(tx, data.clusterId, markNodeReady(node, tx.now))
  recordEvent(tx, data.clusterId, ready, 'NodeReady', `Node ${data.name} status is now: NodeReady`, {
    component: 'kubelet',
    host: data.name,
  })
  for (const pod of listObjects<Stored<Pod>>(tx, data.clusterId, { kind: 'Pod' }))
    if (!pod.spec?.nodeName) schedulePodStage(tx, data.clusterId, pod, POD_SCHEDULE_MS)
  return true
}
