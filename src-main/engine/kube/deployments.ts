import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import type { PodTemplateSpec } from 'kubernetes-types/core/v1'
import { templateHash } from '@shared/kube-hash'
import { canonicalJson } from '@shared/kube-manifest'
import type { KubeObject } from '@shared/contract'
import type { Tx } from '../core/tx'
import { recordEvent } from './events'
import { ownerRef, type Stored } from './objects'
import { clusterIndexOf, kubeTime, objectsAt, putObject } from './store'
import { byNamespaceAndName } from '@shared/kube'

// The deployment controller's rollout, level-triggered: the ReplicaSet whose template is the
// Deployment's is the new one (created when the template changed, named by the template's hash);
// RollingUpdate grows it within maxSurge and shrinks the old ones as far as maxUnavailable allows,
// a step per reconcile as pods turn Ready; Recreate empties the old ones first.

const REVISION = 'deployment.kubernetes.io/revision'

export const ownedBy = (obj: { metadata?: { ownerReferences?: { uid: string }[] } }, uid: string) =>
  obj.metadata?.ownerReferences?.some((r) => r.uid === uid) ?? false

const templateKeys = new WeakMap<PodTemplateSpec, string>()

/** A template's identity without its pod-template-hash (memoised: stored templates never change). */
function withoutHash(t: PodTemplateSpec | undefined): string {
  const memo = t && templateKeys.get(t)
  if (memo !== undefined) return memo
  const labels = { ...(t?.metadata?.labels ?? {}) }
  delete labels['pod-template-hash']
  const key = canonicalJson({ ...t, metadata: { ...t?.metadata, labels } })
  if (t) templateKeys.set(t, key)
  return key
}

/** maxSurge/maxUnavailable: an int, or a percentage of replicas (surge rounds up, unavailable down). */
function resolve(v: number | string | undefined, replicas: number, up: boolean): number {
  if (v === undefined) return up ? Math.ceil(replicas / 4) : Math.floor(replicas / 4)
  if (typeof v === 'number') return v
  const pct = (Number(v.replace('%', '')) * replicas) / 100
  return up ? Math.ceil(pct) : Math.floor(pct)
}

/** deploymentutil.MaxUnavailable: 0 for Recreate, else maxUnavailable resolved (at least 1 with no surge). */
function maxUnavailable(d: Deployment): number {
  const want = d.spec?.replicas ?? 1
  if (d.spec?.strategy?.type === 'Recreate' || want === 0) return 0
  const surge = resolve(d.spec?.strategy?.rollingUpdate?.maxSurge, want, true)
  const unavailable = resolve(d.spec?.strategy?.rollingUpdate?.maxUnavailable, want, false)
  return Math.min(want, surge === 0 && unavailable === 0 ? 1 : unavailable)
}

export function deploymentSets(tx: Tx, clusterId: string, d: Stored<Deployment>): Stored<ReplicaSet>[] {
  const keys = clusterIndexOf(tx, clusterId).setsByOwner.get(d.metadata.uid)
  return objectsAt<Stored<ReplicaSet>>(tx, keys)
    .sort(byNamespaceAndName)
    .sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp))
}

export function newReplicaSet(sets: Stored<ReplicaSet>[], d: Deployment): Stored<ReplicaSet> | undefined {
  const key = withoutHash(d.spec!.template)
  return sets.find((rs) => withoutHash(rs.spec?.template) === key)
}

function scaleTo(tx: Tx, clusterId: string, d: Stored<Deployment>, rs: Stored<ReplicaSet>, n: number): void {
  const from = rs.spec?.replicas ?? 0
  if (from === n) return
  putObject(tx, clusterId, {
    ...rs,
    metadata: {
      ...rs.metadata,
      annotations: {
        ...rs.metadata.annotations,
        'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1),
      },
    },
    spec: { ...rs.spec!, replicas: n },
  })
  recordEvent(
    tx,
    clusterId,
    d,
    'ScalingReplicaSet',
    `Scaled ${n > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${n}`,
    { component: 'deployment-controller' },
  )
}

function createSet(
  tx: Tx,
  clusterId: string,
  d: Stored<Deployment>,
  sets: Stored<ReplicaSet>[],
): Stored<ReplicaSet> {
  const template = d.spec!.template
  const hash = templateHash(withoutHash(template))
  const revision = Math.max(0, ...sets.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0))) + 1
  const labels = { ...template.metadata?.labels, 'pod-template-hash': hash }
  return putObject(tx, clusterId, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels,
      generation: 1,
      annotations: {
        'deployment.kubernetes.io/desired-replicas': String(d.spec?.replicas ?? 1),
        'deployment.kubernetes.io/max-replicas': String((d.spec?.replicas ?? 1) + 1),
        [REVISION]: String(revision),
      },
      ownerReferences: [ownerRef(d)],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { ...d.spec!.selector.matchLabels, 'pod-template-hash': hash } },
      template: { ...template, metadata: { ...template.metadata, labels } },
    },
    status: { replicas: 0, observedGeneration: 1 },
  } as ReplicaSet)
}

/** One rollout step of a Deployment: the ReplicaSets' desired replica counts. */
export function rollout(tx: Tx, clusterId: string, d: Stored<Deployment>): void {
  const sets = deploymentSets(tx, clusterId, d)
  const want = d.spec?.replicas ?? 1
  const current = newReplicaSet(sets, d) ?? createSet(tx, clusterId, d, sets)
  const revision = current.metadata.annotations?.[REVISION]
  if (revision && d.metadata.annotations?.[REVISION] !== revision)
    putObject(tx, clusterId, {
      ...d,
      metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, [REVISION]: revision } },
    })
  const old = sets.filter((rs) => rs.metadata.uid !== current.metadata.uid && (rs.spec?.replicas ?? 0) > 0)
  if (!old.length) return scaleTo(tx, clusterId, d, current, want)
  if (d.spec?.strategy?.type === 'Recreate') {
    for (const rs of old) scaleTo(tx, clusterId, d, rs, 0)
    return
  }
  const surge = resolve(d.spec?.strategy?.rollingUpdate?.maxSurge, want, true)
  const unavailable = Math.max(
    resolve(d.spec?.strategy?.rollingUpdate?.maxUnavailable, want, false),
    surge ? 0 : 1,
  )
  const oldCount = old.reduce((n, rs) => n + (rs.spec?.replicas ?? 0), 0)
  const up = Math.min(want, Math.max(current.spec?.replicas ?? 0, want + surge - oldCount))
  scaleTo(tx, clusterId, d, current, up)
  const available = sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0)
  let canKill = Math.max(0, available - (want - unavailable))
  for (const rs of old) {
    const count = rs.spec?.replicas ?? 0
    const unhealthy = count - (rs.status?.availableReplicas ?? 0)
    const kill = Math.min(count, canKill + unhealthy)
    canKill -= Math.max(0, kill - unhealthy)
    scaleTo(tx, clusterId, d, rs, count - kill)
  }
}

/** Stores the object with a new status only when it differs, so a quiet reconcile bumps no resourceVersion. */
export function putStatusIfChanged<T extends { status?: unknown }>(
  tx: Tx,
  clusterId: string,
  obj: T & KubeObject,
  status: NonNullable<T['status']>,
): void {
  if (!sameStatus(obj.status, status)) putObject(tx, clusterId, { ...obj, status })
}

/** JSON-equal, field by field (statuses are flat but for their conditions): cheaper than stringifying both. */
function sameStatus(a: unknown, b: unknown): boolean {
  if (!a || typeof a !== 'object' || !b || typeof b !== 'object') return a === b
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!
    if (k !== kb[i]) return false
    const va = (a as Record<string, unknown>)[k]
    const vb = (b as Record<string, unknown>)[k]
    if (va === vb) continue
    if (typeof va !== 'object' || typeof vb !== 'object' || JSON.stringify(va) !== JSON.stringify(vb))
      return false
  }
  return true
}

/** A Deployment's status from its ReplicaSets' (after they reconciled). */
export function deploymentStatus(tx: Tx, clusterId: string, d: Stored<Deployment>): void {
  const sets = deploymentSets(tx, clusterId, d)
  const current = newReplicaSet(sets, d)
  const sum = (f: (rs: ReplicaSet) => number | undefined) => sets.reduce((n, rs) => n + (f(rs) ?? 0), 0)
  const replicas = sum((rs) => rs.status?.replicas)
  const available = sum((rs) => rs.status?.availableReplicas)
  const want = d.spec!.replicas ?? 1
  const time = kubeTime(tx.now)
  const old = d.status?.conditions ?? []
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => {
    const prev = old.find((c) => c.type === type)
    const same = prev?.status === status && prev.reason === reason
    return {
      type,
      status,
      reason,
      message,
      lastUpdateTime: same ? prev.lastUpdateTime : time,
      lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : time,
    }
  }
  const rsName = current?.metadata.name ?? ''
  const updated = current?.status?.replicas ?? 0
  const ready = sum((rs) => rs.status?.readyReplicas)
  const was = d.status ?? {}
  const complete = updated === want && replicas === want && available === want
  // Progress is counts moving forward (a pod going away is none): the controller's DeploymentProgressing.
  const progressed =
    updated > (was.updatedReplicas ?? 0) ||
    ready > (was.readyReplicas ?? 0) ||
    available > (was.availableReplicas ?? 0) ||
    replicas - updated < (was.replicas ?? 0) - (was.updatedReplicas ?? 0)
  const progressing = complete
    ? cond(
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "${rsName}" has successfully progressed.`,
      )
    : progressed || !old.some((c) => c.type === 'Progressing')
      ? cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rsName}" is progressing.`)
      : old.find((c) => c.type === 'Progressing')!
  putStatusIfChanged(tx, clusterId, d, {
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
    ...(want - available > 0 ? { unavailableReplicas: want - available } : {}),
    conditions: [
      // Available while no more pods are missing than a rolling update may take down.
      available >= want - maxUnavailable(d)
        ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
        : cond(
            'Available',
            'False',
            'MinimumReplicasUnavailable',
            'Deployment does not have minimum availability.',
          ),
      progressing,
    ],
  })
}
