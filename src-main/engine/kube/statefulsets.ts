import type { StatefulSet } from 'kubernetes-types/apps/v1'
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { withDefaults } from './defaults'
import { putStatusIfChanged } from './deployments'
import { recordEvent } from './events'
import { ownerRef, type Stored } from './objects'
import { clusterIndexOf, deleteObject, getObject, objectsAt, putObject } from './store'
import { POD_STAGE_EVENT } from './scheduler'
import { POD_SCHEDULE_MS } from '@shared/aks-cluster-assumptions'

// The StatefulSet controller (OrderedReady): pods `<sts>-0…N-1`, pod N+1 created only once pod N is
// Running and Ready; scale-down removes the highest ordinal first. Each ordinal gets the
// PVCs of volumeClaimTemplates, `<template>-<sts>-<ordinal>`, created before its pod and never deleted
// by the controller (scale-down and delete keep them, as Kubernetes does by default).

const running = (p: Pod) =>
  p.status?.phase === 'Running' && (p.status.containerStatuses ?? []).every((s) => s.ready)

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

function createPod(tx: Tx, clusterId: string, sts: Stored<StatefulSet>, ordinal: number): void {
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

export function statefulSet(tx: Tx, clusterId: string, sts: Stored<StatefulSet>): void {
  const ns = sts.metadata.namespace!
  const want = sts.spec?.replicas ?? 1
  const index = clusterIndexOf(tx, clusterId)
  const pods = objectsAt<Stored<Pod>>(tx, index.podsByOwner.get(sts.metadata.uid))
  const ordinal = (p: Pod) => Number(p.metadata!.name!.slice(sts.metadata.name.length + 1))
  const extra = pods.filter((p) => ordinal(p) >= want).sort((a, b) => ordinal(b) - ordinal(a))
  const parallel = sts.spec?.podManagementPolicy === 'Parallel'
  // Scale up: the first missing ordinal below `want`, once every lower one is Running and Ready.
  const complete = pods.length - extra.length === want
  const byOrdinal = new Map(complete ? [] : pods.map((p) => [ordinal(p), p]))
  for (let i = 0; i < want && !complete; i++) {
    const p = byOrdinal.get(i)
    if (!p) {
      createPod(tx, clusterId, sts, i)
      if (!parallel) break
      continue
    }
    if (!parallel && !running(p)) break
  }
  // Scale down: the highest ordinal first (pods go at once in the lab, so one pass takes them all).
  for (const p of extra) {
    deleteObject(tx, clusterId, 'Pod', ns, p.metadata.name)
    recordEvent(
      tx,
      clusterId,
      sts,
      'SuccessfulDelete',
      `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
      {
        component: 'statefulset-controller',
      },
    )
  }
  const current = index.podsByOwner.get(sts.metadata.uid)?.size ?? 0
  const ready = index.ownerCounts.get(sts.metadata.uid)?.ready ?? 0
  putStatusIfChanged(tx, clusterId, sts, {
    observedGeneration: sts.metadata.generation ?? 1,
    replicas: current,
    readyReplicas: ready,
    currentReplicas: current,
    updatedReplicas: current,
    availableReplicas: ready,
    collisionCount: 0,
  })
}
