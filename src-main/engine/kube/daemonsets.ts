import type { DaemonSet } from 'kubernetes-types/apps/v1'
import type { Node, Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../core/tx'
import { podAdmission } from './defaults'
import { putStatusIfChanged } from './deployments'
import { recordEvent } from './events'
import { fits } from './lifecycle'
import { newPod, ownerRef, type Stored } from './objects'
import { createPod, ownedCounts, podsOwnedBy } from './owned'

// The DaemonSet controller: one pod per node its template fits (nodeSelector, taints), created on
// the node directly (no scheduler visit needed), and the status counts.

export function daemonSet(tx: Tx, clusterId: string, ds: Stored<DaemonSet>, nodes: Stored<Node>[]) {
  const template = ds.spec!.template
  const onNodes = new Set(podsOwnedBy(tx, clusterId, ds.metadata.uid).map((p) => p.spec?.nodeName))
  const wanted = nodes.filter((n) => fits(template, n))
  for (const node of wanted) {
    if (onNodes.has(node.metadata.name)) continue
    const name = `${ds.metadata.name}-${tx.rng.kubeSuffix(5)}`
    createPod(tx, clusterId, {
      ...newPod({
        name,
        namespace: ds.metadata.namespace!,
        labels: {
          ...template.metadata!.labels,
          'controller-revision-hash': '1',
          'pod-template-generation': '1',
        },
        owner: ownerRef(ds),
        node,
        hostNetwork: template.spec!.hostNetwork ?? false,
        containers: [],
        os: (template.spec?.nodeSelector?.['kubernetes.io/os'] ?? 'linux') as 'linux' | 'windows',
        tolerations: [],
      }),
      // Admission as for any pod: service account and the priority of its class.
      spec: podAdmission({
        ...template.spec!,
        nodeName: node.metadata.name,
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
      } as never) as unknown as Pod['spec'],
    } as Stored<Pod>)
    recordEvent(tx, clusterId, ds, 'SuccessfulCreate', `Created pod: ${name}`, {
      component: 'daemonset-controller',
    })
  }
  const { pods: current, running: ready } = ownedCounts(tx, clusterId, ds.metadata.uid)
  putStatusIfChanged(tx, clusterId, ds, {
    currentNumberScheduled: current,
    desiredNumberScheduled: wanted.length,
    numberMisscheduled: 0,
    numberReady: ready,
    numberAvailable: ready,
    ...(wanted.length - ready > 0 ? { numberUnavailable: wanted.length - ready } : {}),
    updatedNumberScheduled: current,
    observedGeneration: ds.metadata.generation ?? 1,
  })
}
