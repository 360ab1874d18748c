import { MAX_VIRTUAL_TIME } from '@shared/domain'
import { imageInfo } from '@shared/kube-images'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import type { Stored } from './objects'
import { deleteObject, getObject, kubeTime, putObject } from './store'

// Graceful deletion of a pod, as the API server and the kubelet do it: the pod gets a
// deletionTimestamp (kubectl shows Terminating), the kubelet stops its containers (SIGTERM, then
// SIGKILL when the grace period runs out) and then the pod object goes. A pod no kubelet runs
// (unscheduled, finished) and a grace period of 0 (--force) go at once.

export const POD_TERMINATED_EVENT = 'kube.pod.terminated'
export const DEFAULT_GRACE_SECONDS = 30
/** How long a container that handles SIGTERM (a web server) takes to stop. */
const SIGTERM_STOP_MS = 1_000

export interface TerminatedRef {
  clusterId: string
  namespace: string
  name: string
  uid: string
}

/** When the last container is down: at once on SIGTERM, or at the grace period's SIGKILL. */
function stopMs(pod: Pod, graceMs: number): number {
  const stubborn = (pod.spec?.containers ?? []).some((c) => imageInfo(c.image ?? '').ignoresSigterm)
  return Math.min(graceMs, stubborn ? graceMs : SIGTERM_STOP_MS)
}

/** Deletes a pod gracefully (kubectl delete, scale-down, garbage collection). */
export function terminatePod(tx: Tx, clusterId: string, pod: Stored<Pod>, graceSeconds?: number): void {
  const asked = graceSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS
  // The API server stores any int64 here: a negative period counts as 1 s (as newer servers store
  // it), and no period runs past the last instant the lab's clock can reach.
  const grace = Math.min(asked < 0 ? 1 : asked, Math.floor((MAX_VIRTUAL_TIME - tx.now) / 1000))
  const phase = pod.status?.phase
  const node = pod.spec?.nodeName && getObject(tx, clusterId, 'Node', '', pod.spec.nodeName)
  if (!node || grace === 0 || phase === 'Succeeded' || phase === 'Failed') {
    deleteObject(tx, clusterId, 'Pod', pod.metadata.namespace!, pod.metadata.name)
    return
  }
  if (pod.metadata.deletionTimestamp) return // already on its way out
  const graceMs = grace * 1000
  const terminating = putObject(tx, clusterId, {
    ...pod,
    metadata: {
      ...pod.metadata,
      deletionTimestamp: kubeTime(tx.now + graceMs),
      deletionGracePeriodSeconds: grace,
    },
  })
  for (const s of pod.status?.containerStatuses ?? [])
    if (s.state?.running)
      recordEvent(
        tx,
        clusterId,
        terminating,
        'Killing',
        `Stopping container ${s.name}`,
        { component: 'kubelet', host: pod.spec!.nodeName! },
        'Normal',
        `spec.containers{${s.name}}`,
      )
  const ref: TerminatedRef = {
    clusterId,
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  }
  tx.schedule(tx.now + stopMs(pod, graceMs), POD_TERMINATED_EVENT, ref)
}

/** The kubelet saw the containers stop: the pod object goes. Whether anything changed. */
export function onPodTerminated(tx: Tx, ref: TerminatedRef): boolean {
  const pod = getObject<Stored<Pod>>(tx, ref.clusterId, 'Pod', ref.namespace, ref.name)
  if (!pod || pod.metadata.uid !== ref.uid || !pod.metadata.deletionTimestamp) return false
  deleteObject(tx, ref.clusterId, 'Pod', ref.namespace, ref.name)
  return true
}
