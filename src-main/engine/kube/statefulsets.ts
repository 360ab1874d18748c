import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1'
import { templateHash } from '@shared/kube-hash'
import { canonicalJson } from '@shared/kube-manifest'
import type { Tx } from '../core/tx'
import { withDefaults } from './defaults'
import { putStatusIfChanged } from './deployments'
import { recordEvent } from './events'
import { ownerRef, type Stored } from './objects'
import { mayCreatePod } from './owned'
import { clusterIndexOf, getObject, objectsAt, putObject } from './store'
import { POD_STAGE_EVENT } from './scheduler'
import { terminatePod } from './termination'
import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'

// The StatefulSet controller (OrderedReady): pods `<sts>-0…N-1`, pod N+1 created only once pod N is
// Running and Ready; scale-down removes the highest ordinal first, gracefully, one at a time unless
// podManagementPolicy is Parallel. Each ordinal gets the
// PVCs of volumeClaimTemplates, `<template>-<sts>-<ordinal>`, created before its pod and never deleted
// by the controller (scale-down and delete keep them, as Kubernetes does by default).

const hashes = new WeakMap<PodTemplateSpec, string>()

const running = (p: Pod) =>
  !p.metadata?.deletionTimestamp &&
  p.status?.phase === 'Running' &&
  (p.status.containerStatuses ?? []).every((s) => s.ready)

function claimsFor(tx: Tx, clusterId: string, sts: Stored<StatefulSet>, ordinal: number): void {
  for (const t of sts.spec?.volumeClaimTemplates ?? []) {
    const name = `${t.metadata!.name}-${sts.metadata.name}-${ordinal}`
    if (getObject(tx, clusterId, 'PersistentVolumeClaim', sts.metadata.namespace!, name)) continue
    const labels = sts.spec!.selector.matchLabels
    const claim = withDefaults({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: sts.metadata.namespace!, ...(labels ? { labels } : {}) },
      spec: t.spec as never,
    }) as unknown as PersistentVolumeClaim
    putObject(tx, clusterId, claim)
    recordEvent(
      tx,
      clusterId,
      sts,
      'SuccessfulCreate',
      `create Claim ${name} Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name} success`,
      { component: 'statefulset-controller' },
    )
  }
}

function createPod(
  tx: Tx,
  clusterId: string,
  sts: Stored<StatefulSet>,
  ordinal: number,
  revision: string,
): void {
  const name = `${sts.metadata.name}-${ordinal}`
  claimsFor(tx, clusterId, sts, ordinal)
  const template = sts.spec!.template
  const claims = (sts.spec?.volumeClaimTemplates ?? []).map((t) => ({
    name: t.metadata!.name!,
    persistentVolumeClaim: { claimName: `${t.metadata!.name}-${name}` },
  }))
  const volumes = [
    ...(template.spec?.volumes ?? []).filter((v) => !claims.some((c) => c.name === v.name)),
    ...claims,
  ]
  const pod = putObject(
    tx,
    clusterId,
    withDefaults({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: sts.metadata.namespace!,
        labels: {
          ...template.metadata?.labels,
          'controller-revision-hash': revision,
          'statefulset.kubernetes.io/pod-name': name,
        },
        ownerReferences: [ownerRef(sts)],
      },
      spec: {
        ...template.spec,
        ...(volumes.length ? { volumes } : {}),
        hostname: name,
        ...(sts.spec?.serviceName ? { subdomain: sts.spec.serviceName } : {}),
      },
    } as never) as unknown as Stored<Pod>,
  )
  tx.schedule(tx.now + POD_SCHEDULE_MS, POD_STAGE_EVENT, {
    clusterId,
    namespace: pod.metadata.namespace!,
    name,
    uid: pod.metadata.uid,
  })
  recordEvent(
    tx,
    clusterId,
    sts,
    'SuccessfulCreate',
    `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`,
    {
      component: 'statefulset-controller',
    },
  )
}

/** The revision a template makes: `<sts>-<hash>` (the ControllerRevision's name, and the pods' label). */
export function statefulSetRevision(sts: Stored<StatefulSet>): string {
  const t = sts.spec!.template
  let h = hashes.get(t)
  if (h === undefined) hashes.set(t, (h = templateHash(canonicalJson(t))))
  return `${sts.metadata.name}-${h}`
}

function recordDelete(tx: Tx, clusterId: string, sts: Stored<StatefulSet>, p: Stored<Pod>): void {
  recordEvent(
    tx,
    clusterId,
    sts,
    'SuccessfulDelete',
    `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
    { component: 'statefulset-controller' },
  )
}

export function statefulSet(tx: Tx, clusterId: string, sts: Stored<StatefulSet>): void {
  const want = sts.spec?.replicas ?? 1
  const index = clusterIndexOf(tx, clusterId)
  const owned = () => objectsAt<Stored<Pod>>(tx, index.podsByOwner.get(sts.metadata.uid))
  const pods = owned()
  const ordinal = (p: Pod) => Number(p.metadata!.name!.slice(sts.metadata.name.length + 1))
  const updateRevision = statefulSetRevision(sts)
  // Pods from before revisions were labelled belong to the current revision.
  const currentRevision = sts.status?.currentRevision ?? updateRevision
  const revisionOf = (p: Pod) => p.metadata?.labels?.['controller-revision-hash'] ?? currentRevision
  const extra = pods.filter((p) => ordinal(p) >= want).sort((a, b) => ordinal(b) - ordinal(a))
  const parallel = sts.spec?.podManagementPolicy === 'Parallel'
  // Scale up: the first missing ordinal below `want`, once every lower one is Running and Ready.
  const complete = pods.length - extra.length === want
  const byOrdinal = new Map(pods.map((p) => [ordinal(p), p]))
  let healthy = complete
  for (let i = 0; i < want && !complete; i++) {
    const p = byOrdinal.get(i)
    if (!p) {
      if (!mayCreatePod(tx, clusterId, sts, `${sts.metadata.name}-${i}`, 'statefulset-controller')) break
      createPod(tx, clusterId, sts, i, updateRevision)
      if (!parallel) break
      continue
    }
    if (!parallel && !running(p)) break
  }
  if (complete && !parallel) healthy = pods.every((p) => ordinal(p) >= want || running(p))
  // Scale down, gracefully: Parallel deletes every extra pod at once; OrderedReady the highest
  // ordinal, and the next only once that one is gone.
  const going = extra.filter((p) => !p.metadata.deletionTimestamp)
  const condemned = parallel ? going : going.length === extra.length ? going.slice(0, 1) : []
  for (const p of condemned) {
    terminatePod(tx, clusterId, p)
    recordDelete(tx, clusterId, sts, p)
  }
  // RollingUpdate: from the highest ordinal down to the partition, the first pod of an old revision
  // is replaced (deleted, then created again from the new template: its claims stay); each waits for
  // the one above to be Running and Ready. OnDelete replaces only what the user deletes.
  const strategy = sts.spec?.updateStrategy
  if (healthy && (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const partition = strategy?.rollingUpdate?.partition ?? 0
    for (let i = want - 1; i >= partition; i--) {
      const p = byOrdinal.get(i)!
      if (revisionOf(p) !== updateRevision && !p.metadata.deletionTimestamp) {
        // Deleted gracefully: the ordinal comes back from the new template once the old pod is gone
        // (at once when it went at once).
        terminatePod(tx, clusterId, p)
        recordDelete(tx, clusterId, sts, p)
        if (!getObject(tx, clusterId, 'Pod', p.metadata.namespace!, p.metadata.name))
          createPod(tx, clusterId, sts, i, updateRevision)
        break
      }
      if (!running(p)) break
    }
  }
  const now = owned()
  const replicas = now.length
  const ready = index.ownerCounts.get(sts.metadata.uid)?.ready ?? 0
  const updated = now.filter((p) => revisionOf(p) === updateRevision).length
  // The rollout completes (currentRevision moves on) once every pod is updated and ready.
  const done =
    (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && updated === replicas && ready === replicas
  const current = done ? updated : now.filter((p) => revisionOf(p) === currentRevision).length
  putStatusIfChanged(tx, clusterId, sts, {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: updated,
    currentRevision: done ? updateRevision : currentRevision,
    updateRevision,
    availableReplicas: ready,
    collisionCount: 0,
  })
}
