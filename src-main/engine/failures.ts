import type { KubeObject } from '@shared/contract'
import { LabFailure } from '@shared/errors'
import type { ScheduledEvent } from './core/state'
import type { Tx } from './core/tx'
import { recordEvent } from './kube/events'
import { objectByUid } from './kube/store'
import { notifyWarning } from './tasks'

// When a step of the simulation throws (a scheduled event, a controller's pass over one object), its
// writes are undone and time goes on; what a person sees is this: a warning in the notifications
// pane and, where the step was about a Kubernetes object, a Warning event on it. Both are lab state,
// so replaying the same commands fails the same step and records the same warning.

/** The error's own words: an engine refusal's message, else the thrown error's. */
export function errorText(error: unknown): string {
  if (error instanceof LabFailure) return error.error.message
  if (error instanceof Error) return error.message
  return String(error)
}

/** A notification that the simulation undid a step (the same again updates the one shown). */
export function notifyUndone(tx: Tx, subject: string, error: unknown): void {
  notifyWarning(
    tx,
    'HCI Lab undid a simulation step',
    `${subject} failed and was undone; the simulation goes on: ${errorText(error)}`,
  )
}

/** A Warning event on the object a failed step was about (counted up when it fails again). */
export function warnOnObject(
  tx: Tx,
  clusterId: string,
  involved: KubeObject,
  component: string,
  error: unknown,
): void {
  const message = `HCI Lab could not simulate this step, so it was undone: ${errorText(error)}`
  recordEvent(tx, clusterId, involved, 'SimulationError', message, { component }, 'Warning')
}

/**
 * Runs a controller's work on one object as a unit of its own: if it throws, its writes are undone,
 * the object gets a Warning event and the lab a notification, and the controller goes on with the
 * next object (as a real controller's work queue retries one key without stopping the others).
 */
export function guarded(
  tx: Tx,
  clusterId: string,
  involved: KubeObject,
  component: string,
  work: () => void,
): void {
  const outcome = tx.attempt(work)
  if (outcome.ok) return
  const what = `${component}'s work on ${involved.kind} ${involved.metadata.namespace ? `${involved.metadata.namespace}/` : ''}${involved.metadata.name}`
  report(tx, what, outcome.error, () => warnOnObject(tx, clusterId, involved, component, outcome.error))
}

/** A scheduled event whose handler threw (its writes are already undone). */
export function reportFailedEvent(tx: Tx, event: ScheduledEvent, error: unknown): void {
  const data = (event.data ?? {}) as { clusterId?: unknown; uid?: unknown }
  const clusterId = typeof data.clusterId === 'string' ? data.clusterId : undefined
  const uid = typeof data.uid === 'string' ? data.uid : undefined
  const involved = clusterId && uid ? objectByUid(tx, clusterId, uid) : undefined
  const what = involved
    ? `The scheduled step '${event.kind}' of ${involved.kind} ${involved.metadata.name}`
    : `The scheduled step '${event.kind}'`
  report(tx, what, error, () => {
    if (involved && clusterId) warnOnObject(tx, clusterId, involved, 'hci-lab', error)
  })
}

/** Instant-end work (a cluster's controllers) that threw as a whole. */
export function reportFailedSettle(tx: Tx, key: string, error: unknown): void {
  const [what, clusterId] = key.split('/')
  const cluster = clusterId ? tx.get('aksClusters', clusterId) : undefined
  const subject = cluster ? `The controllers' pass of cluster ${cluster.name}` : `The pending work '${what}'`
  report(tx, subject, error, () => {})
}

/** Records both warnings; should recording the event itself fail, the notification still shows. */
function report(tx: Tx, subject: string, error: unknown, onObject: () => void): void {
  tx.attempt(onObject)
  notifyUndone(tx, subject, error)
}
