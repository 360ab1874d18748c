import type { KubeObject } from '@shared/contract'
import type { LabState } from '../../core/state'
import { at, dict, formatLabels, formatSelector, list, num, str } from '@shared/kube-fields'
import {
  annotationLines,
  controlledBy,
  labelLines,
  podTemplate,
  podsStatus,
  rfc1123z,
  sortedPairs,
} from './describe-common'
import { objectsOf } from './store'

// kubectl describe deployment|replicaset|statefulset|daemonset (describe.go 1.32): the body of each,
// without its Events section (the caller adds it).

/** metav1.LabelSelectorAsSelector(...).String(): as FormatLabelSelector, but empty for none. */
const selectorOf = (o: KubeObject) => {
  const s = formatSelector(at(o, 'spec.selector'))
  return s === '<none>' ? '' : s
}

/** intstr.String of maxSurge / maxUnavailable. */
const intOrString = (v: unknown) => (v === undefined || v === null ? '0' : String(v))

const REVISION = 'deployment.kubernetes.io/revision'

function replicaSetsOf(state: Readonly<LabState>, clusterId: string, d: KubeObject) {
  const owned = objectsOf(state, clusterId, 'ReplicaSet').filter(
    (rs) =>
      rs.metadata.namespace === d.metadata.namespace &&
      list(rs, 'metadata.ownerReferences').some((r) => r.controller === true && r.uid === d.metadata.uid),
  )
  // The new set is the one at the deployment's revision (its template is the deployment's).
  const revision = dict(d, 'metadata.annotations')[REVISION]
  const newest = owned.find(
    (rs) => revision !== undefined && dict(rs, 'metadata.annotations')[REVISION] === revision,
  )
  const created = (rs: KubeObject) =>
    `${rs.metadata.name} (${num(rs, 'status.replicas')}/${num(rs, 'spec.replicas')} replicas created)`
  const text = (sets: KubeObject[]) => (sets.length === 0 ? '<none>' : sets.map(created).join(', '))
  if (owned.length === 0) return []
  return [
    `OldReplicaSets:\t${text(owned.filter((rs) => rs !== newest))}`,
    `NewReplicaSet:\t${text(newest ? [newest] : [])}`,
  ]
}

function conditions(o: KubeObject): string[] {
  const cs = list(o, 'status.conditions')
  if (cs.length === 0) return []
  return [
    'Conditions:',
    '  Type\tStatus\tReason',
    '  ----\t------\t------',
    ...cs.map((c) => `  ${str(c, 'type')} \t${str(c, 'status')}\t${str(c, 'reason')}`),
  ]
}

export function describeDeployment(state: Readonly<LabState>, clusterId: string, d: KubeObject): string[] {
  const rolling = at(d, 'spec.strategy.rollingUpdate')
  return [
    `Name:\t${d.metadata.name}`,
    `Namespace:\t${d.metadata.namespace ?? ''}`,
    `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`,
    ...labelLines(d),
    ...annotationLines(d),
    `Selector:\t${selectorOf(d)}`,
    `Replicas:\t${num(d, 'spec.replicas')} desired | ${num(d, 'status.updatedReplicas')} updated | ` +
      `${num(d, 'status.replicas')} total | ${num(d, 'status.availableReplicas')} available | ` +
      `${num(d, 'status.unavailableReplicas')} unavailable`,
    `StrategyType:\t${str(d, 'spec.strategy.type')}`,
    `MinReadySeconds:\t${num(d, 'spec.minReadySeconds')}`,
    ...(rolling
      ? [
          `RollingUpdateStrategy:\t${intOrString(at(rolling, 'maxUnavailable'))} max unavailable, ` +
            `${intOrString(at(rolling, 'maxSurge'))} max surge`,
        ]
      : []),
    ...podTemplate(d),
    ...conditions(d),
    ...replicaSetsOf(state, clusterId, d),
  ]
}

export function describeReplicaSet(state: Readonly<LabState>, clusterId: string, rs: KubeObject): string[] {
  return [
    `Name:\t${rs.metadata.name}`,
    `Namespace:\t${rs.metadata.namespace ?? ''}`,
    `Selector:\t${formatSelector(at(rs, 'spec.selector'))}`,
    ...labelLines(rs),
    ...annotationLines(rs),
    ...controlledBy(rs),
    `Replicas:\t${num(rs, 'status.replicas')} current / ${num(rs, 'spec.replicas')} desired`,
    `Pods Status:\t${podsStatus(state, clusterId, rs)}`,
    ...podTemplate(rs),
    ...conditions(rs),
  ]
}

function volumeClaimTemplates(sts: KubeObject): string[] {
  const templates = list(sts, 'spec.volumeClaimTemplates')
  if (templates.length === 0) return ['Volume Claims:\t<none>']
  const lines = ['Volume Claims:']
  for (const t of templates) {
    const storage = str(t, 'spec.resources.requests.storage')
    lines.push(
      `  Name:\t${str(t, 'metadata.name')}`,
      `  StorageClass:\t${dict(t, 'metadata.annotations')['volume.beta.kubernetes.io/storage-class'] ?? str(t, 'spec.storageClassName')}`,
      ...labelLines(t).map((l) => `  ${l}`),
      ...sortedPairsLines(dict(t, 'metadata.annotations')),
      `  Capacity:\t${storage || '<default>'}`,
      `  Access Modes:\t[${((at(t, 'spec.accessModes') as string[] | undefined) ?? []).join(' ')}]`,
    )
  }
  return lines
}

/** printLabelsMultilineWithIndent(w, "  ", "Annotations", "\t", …): `k=v`, as labels print. */
function sortedPairsLines(annotations: Record<string, string>): string[] {
  const pairs = sortedPairs(annotations, '=')
  if (pairs.length === 0) return ['  Annotations:\t<none>']
  return pairs.map((p, i) => (i === 0 ? `  Annotations:\t${p}` : `  \t${p}`))
}

export function describeStatefulSet(state: Readonly<LabState>, clusterId: string, sts: KubeObject): string[] {
  const partition = at(sts, 'spec.updateStrategy.rollingUpdate.partition')
  const maxUnavailable = at(sts, 'spec.updateStrategy.rollingUpdate.maxUnavailable')
  return [
    `Name:\t${sts.metadata.name}`,
    `Namespace:\t${sts.metadata.namespace ?? ''}`,
    `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}`,
    `Selector:\t${selectorOf(sts)}`,
    ...labelLines(sts),
    ...annotationLines(sts),
    `Replicas:\t${num(sts, 'spec.replicas')} desired | ${num(sts, 'status.replicas')} total`,
    `Update Strategy:\t${str(sts, 'spec.updateStrategy.type')}`,
    ...(typeof partition === 'number'
      ? [
          `  Partition:\t${partition}`,
          ...(maxUnavailable !== undefined ? [`  MaxUnavailable:\t${intOrString(maxUnavailable)}`] : []),
        ]
      : []),
    `Pods Status:\t${podsStatus(state, clusterId, sts)}`,
    ...podTemplate(sts),
    ...volumeClaimTemplates(sts),
  ]
}

export function describeDaemonSet(state: Readonly<LabState>, clusterId: string, ds: KubeObject): string[] {
  const status = (f: string) => num(ds, `status.${f}`)
  return [
    `Name:\t${ds.metadata.name}`,
    `Namespace:\t${ds.metadata.namespace ?? ''}`,
    `Selector:\t${selectorOf(ds)}`,
    `Node-Selector:\t${formatLabels(dict(ds, 'spec.template.spec.nodeSelector'))}`,
    ...labelLines(ds),
    ...annotationLines(ds),
    `Desired Number of Nodes Scheduled: ${status('desiredNumberScheduled')}`,
    `Current Number of Nodes Scheduled: ${status('currentNumberScheduled')}`,
    `Number of Nodes Scheduled with Up-to-date Pods: ${status('updatedNumberScheduled')}`,
    `Number of Nodes Scheduled with Available Pods: ${status('numberAvailable')}`,
    `Number of Nodes Misscheduled: ${status('numberMisscheduled')}`,
    `Pods Status:\t${podsStatus(state, clusterId, ds)}`,
    ...podTemplate(ds),
  ]
}
