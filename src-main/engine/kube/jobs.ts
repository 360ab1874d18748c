import { isObject, type JsonObject } from '@shared/kube-manifest'
import type { Job, JobCondition } from 'kubernetes-types/batch/v1'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { putStatusIfChanged } from './deployments'
import { recordEvent } from './events'
import type { Stored } from './objects'
import { createTemplatePod, mayCreatePod, podsOwnedBy } from './owned'
import { kubeTime } from './store'
import { terminatePod } from './termination'

// The Job controller (batch/v1, as a 1.20 cluster runs it): up to `parallelism` pods at a time
// (named <job>-<5 random>, labelled controller-uid and job-name) until `completions` of them have
// Succeeded; Failed pods (and, with OnFailure, container restarts) count against `backoffLimit`,
// beyond which the Job fails (BackoffLimitExceeded) and its running pods go. activeDeadlineSeconds is
// checked when the controller visits the Job (a pod's change), not on a timer of its own. Finished
// pods stay, as in Kubernetes, until the Job is deleted (garbage collection).

const o = (v: unknown): JsonObject => (isObject(v) ? v : {})
const COMPONENT = { component: 'job-controller' }

/** The API server's defaulting of a Job: counts, and the generated selector and template labels. */
export function jobDefaults(obj: JsonObject): JsonObject {
  const spec = o(obj.spec)
  const meta = o(obj.metadata)
  const uid = typeof meta.uid === 'string' ? meta.uid : ''
  const template = o(spec.template)
  const generated: JsonObject = uid ? { 'controller-uid': uid, 'job-name': String(meta.name) } : {}
  const both = spec.completions === undefined && spec.parallelism === undefined
  const labels = { ...o(o(template.metadata).labels), ...generated }
  const own: JsonObject = Object.keys(o(meta.labels)).length ? {} : { labels }
  return {
    ...obj,
    // An unlabelled Job takes its template's labels, as the API server's defaulting does.
    metadata: { ...meta, ...own },
    spec: {
      ...(both ? { completions: 1 } : {}),
      parallelism: 1,
      backoffLimit: 6,
      ...spec,
      ...(spec.selector || !uid ? {} : { selector: { matchLabels: { 'controller-uid': uid } } }),
      template: {
        ...template,
        metadata: { ...o(template.metadata), labels },
      },
    },
  }
}

const finished = (j: Job) =>
  (j.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  )

function condition(type: string, now: string, reason?: string, message?: string): JobCondition {
  return {
    type,
    status: 'True',
    lastProbeTime: now,
    lastTransitionTime: now,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  }
}

function createJobPod(tx: Tx, clusterId: string, job: Stored<Job>): void {
  const name = createTemplatePod(tx, clusterId, job, job.spec!.template)
  recordEvent(tx, clusterId, job, 'SuccessfulCreate', `Created pod: ${name}`, COMPONENT)
}

export function job(tx: Tx, clusterId: string, j: Stored<Job>): void {
  const spec = j.spec!
  const now = kubeTime(tx.now)
  const pods = podsOwnedBy(tx, clusterId, j.metadata.uid)
  const phase = (p: Pod) => p.status?.phase
  const count = (f: (p: Stored<Pod>) => boolean) => pods.filter(f).length
  const succeeded = count((p) => phase(p) === 'Succeeded')
  const failedPods = count((p) => phase(p) === 'Failed')
  const restarts =
    spec.template.spec?.restartPolicy === 'OnFailure'
      ? pods.reduce(
          (n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, s) => m + s.restartCount, 0),
          0,
        )
      : 0
  const isActive = (p: Stored<Pod>) =>
    phase(p) !== 'Succeeded' && phase(p) !== 'Failed' && !p.metadata.deletionTimestamp
  const status = { ...(j.status ?? {}) }
  const startTime = status.startTime ?? now
  let conditions = status.conditions ?? []
  let completionTime = status.completionTime
  const completions = spec.completions ?? undefined
  if (!finished(j)) {
    const deadline = spec.activeDeadlineSeconds
    const failure =
      failedPods + restarts > (spec.backoffLimit ?? 6)
        ? ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']
        : deadline !== undefined && Date.parse(startTime) + deadline * 1000 <= tx.now
          ? ['DeadlineExceeded', 'Job was active longer than specified deadline']
          : null
    const active = count(isActive)
    const done = completions === undefined ? succeeded > 0 && active === 0 : succeeded >= completions
    if (failure) {
      for (const p of pods.filter(isActive)) terminatePod(tx, clusterId, p)
      conditions = [...conditions, condition('Failed', now, failure[0], failure[1])]
      recordEvent(tx, clusterId, j, failure[0]!, failure[1]!, COMPONENT, 'Warning')
    } else if (done) {
      conditions = [...conditions, condition('Complete', now)]
      completionTime = now
      recordEvent(tx, clusterId, j, 'Completed', 'Job completed', COMPONENT)
    } else {
      const parallelism = spec.parallelism ?? 1
      const left = completions === undefined ? parallelism : completions - succeeded
      for (let i = active; i < Math.min(parallelism, left); i++) {
        if (!mayCreatePod(tx, clusterId, j, `${j.metadata.name}-`, COMPONENT.component)) break
        createJobPod(tx, clusterId, j)
      }
    }
  }
  const active = podsOwnedBy(tx, clusterId, j.metadata.uid).filter(isActive).length
  putStatusIfChanged(tx, clusterId, j, {
    ...(conditions.length ? { conditions } : {}),
    startTime,
    ...(completionTime ? { completionTime } : {}),
    ...(active ? { active } : {}),
    ...(succeeded ? { succeeded } : {}),
    ...(failedPods ? { failed: failedPods } : {}),
  })
}
