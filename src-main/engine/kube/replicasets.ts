import type { ReplicaSet } from 'kubernetes-types/apps/v1'
import type { Tx } from '../core/tx'
import { putStatusIfChanged } from './deployments'
import { recordEvent } from './events'
import type { Stored } from './objects'
import { createTemplatePod, mayCreatePod, ownedCounts, podsOwnedBy } from './owned'
import { terminatePod } from './termination'

// The ReplicaSet controller: as many pods as replicas (new ones named <rs>-<5 random>, the newest
// deleted first on scale-down, gracefully), and the status counts (Terminating pods left out).

export function replicaSet(tx: Tx, clusterId: string, rs: Stored<ReplicaSet>): void {
  const template = rs.spec!.template!
  // Terminating pods are on their way out: they neither count nor get deleted again.
  const have = ownedCounts(tx, clusterId, rs.metadata.uid).active
  const want = rs.spec!.replicas ?? 1
  for (let i = have; i < want; i++) {
    if (!mayCreatePod(tx, clusterId, rs, `${rs.metadata.name}-`, 'replicaset-controller')) break
    const name = createTemplatePod(tx, clusterId, rs, template, {
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
    })
    recordEvent(tx, clusterId, rs, 'SuccessfulCreate', `Created pod: ${name}`, {
      component: 'replicaset-controller',
    })
  }
  const mine =
    have > want
      ? podsOwnedBy(tx, clusterId, rs.metadata.uid)
          .filter((p) => !p.metadata.deletionTimestamp)
          .sort(
            (a, b) =>
              a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) ||
              a.metadata.name.localeCompare(b.metadata.name),
          )
      : []
  for (const extra of mine.slice(want).reverse()) {
    terminatePod(tx, clusterId, extra)
    recordEvent(tx, clusterId, rs, 'SuccessfulDelete', `Deleted pod: ${extra.metadata.name}`, {
      component: 'replicaset-controller',
    })
  }
  const { active: current, running: ready } = ownedCounts(tx, clusterId, rs.metadata.uid)
  putStatusIfChanged(tx, clusterId, rs, {
    replicas: current,
    fullyLabeledReplicas: current,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: 1,
  })
}
