import { NODE_READY_MS, POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'
import { byNamespaceAndName } from '@shared/kube'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import { POD_STAGE_EVENT, scheduleOnto } from './scheduler'
import { finishContainers, scheduleFinishes } from './completion'
import { advanceInit, initialInitStatuses, startInit } from './init-containers'
import { pullImages, startContainers, type StageRef } from './kubelet'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { markReady, readinessDue, scheduleReadiness } from './probes'
import { nodeFacts } from './node-facts'
import { markNodeReady, nodeReady, type Stored } from './objects'
import { clusterIndexOf, getObject, kubeTime, nodeNamed, objectsAt, podByUid, putObject } from './store'

// Pod and node lifecycles as data: each step is a scheduled event that re-reads the object and moves
// it one stage on (level-triggered: a stale event for a deleted or replaced object does nothing).
// Pending (unscheduled) → scheduled → ContainerCreating → Running. After each step the cluster's
// controllers reconcile (passed in to keep the import graph one-way).

export { fits, tolerates } from './scheduler'
export { POD_STAGE_EVENT }

const CLAIM_RETRY_MS = 5_000
export const NODE_READY_EVENT = 'kube.node.ready'

export type PodRef = StageRef

export function schedulePodStage(
  tx: Tx,
  clusterId: string,
  pod: Stored<Pod>,
  delayMs: number,
  attempt = 0,
  pulled: string[] = [],
): void {
  const ref: PodRef = {
    clusterId,
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  }
  if (attempt) ref.attempt = attempt
  if (pulled.length) ref.pulled = pulled
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
  const { internalIp: nodeIp, podRangeBase: base } = nodeFacts(node)
  if (pod.spec?.hostNetwork) return nodeIp
  const usage = clusterIndexOf(tx, clusterId).usage.get(node.metadata!.name!)
  if (!usage) return `${base}.2`
  for (let n = usage.freeIpFrom; n < 255; n++)
    if (!usage.podIps.has(n)) {
      usage.freeIpFrom = n // the octets below are taken: the next search starts here
      return `${base}.${n}`
    }
  return `${base}.254`
}

function condition(type: string, status: 'True' | 'False', now: number) {
  return { type, status, lastTransitionTime: kubeTime(now) }
}

/** Runs one stage of a pod; returns whether anything changed. */
export function advancePod(tx: Tx, ref: PodRef): boolean {
  const pod = podByUid(tx, ref.clusterId, ref.uid)
  if (!pod) return false
  const spec = pod.spec!
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
      // Claims bind on the provisioner's clock, which does not run the scheduler: look again soon.
      if (message.includes('unbound immediate PersistentVolumeClaims'))
        schedulePodStage(tx, ref.clusterId, unschedulable, CLAIM_RETRY_MS)
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
  const node = nodeNamed(tx, ref.clusterId, spec.nodeName)
  if (!node) return false
  const containers = spec.containers
  if (!pod.status?.containerStatuses) {
    const init = !!spec.initContainers?.length
    const creating = putObject(tx, ref.clusterId, {
      ...pod,
      status: {
        phase: 'Pending',
        qosClass: pod.status?.qosClass,
        hostIP: node.status!.addresses![0]!.address,
        startTime: kubeTime(tx.now),
        conditions: [
          condition('Initialized', init ? 'False' : 'True', tx.now),
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
          state: { waiting: { reason: init ? 'PodInitializing' : 'ContainerCreating' } },
          lastState: {},
        })),
        ...initialInitStatuses(pod),
      },
    })
    if (init) {
      startInit(tx, ref, creating, node)
      return true
    }
    const pull = pullImages(tx, ref.clusterId, creating, node)
    schedulePodStage(tx, ref.clusterId, creating, pull.waitMs, 0, pull.pulled)
    return true
  }
  if (pod.status.phase === 'Succeeded' || pod.status.phase === 'Failed') return false
  const init = advanceInit(tx, ref, pod, node)
  if (init !== null) return init
  if (readinessDue(tx, pod)) return markReady(tx, ref, pod)
  // Every container started: the only stage left is one exiting (completion.ts).
  if (pod.status.containerStatuses.every((s) => s.state?.running || s.state?.terminated))
    return finishContainers(tx, ref, pod)
  const ip = pod.status.podIP ?? podIp(tx, ref.clusterId, pod, node)
  const { changed, retryMs, stored: started } = startContainers(tx, ref, pod, node, ip)
  if (started) {
    scheduleFinishes(tx, started, (ms) => schedulePodStage(tx, ref.clusterId, started, ms, ref.attempt ?? 0))
    scheduleReadiness(tx, started, (ms) => schedulePodStage(tx, ref.clusterId, started, ms, ref.attempt ?? 0))
  }
  if (retryMs !== null)
    schedulePodStage(tx, ref.clusterId, pod, retryMs, (ref.attempt ?? 0) + (changed ? 1 : 0), ref.pulled)
  return changed
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
  const unscheduled = objectsAt<Stored<Pod>>(tx, clusterIndexOf(tx, data.clusterId).unscheduled)
  for (const pod of unscheduled.sort(byNamespaceAndName))
    schedulePodStage(tx, data.clusterId, pod, POD_SCHEDULE_MS)
  return true
}
