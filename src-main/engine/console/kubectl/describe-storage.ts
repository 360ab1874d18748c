import type { KubeObject } from '@shared/contract'
import { humanDuration } from '@shared/kube-age'
import { at, dict, list, str } from '@shared/kube-fields'
import { annotationLines, goList, multiline, sortedPairs } from './describe-common'

// kubectl describe pvc|pv (describe.go 1.32), without the Events section. Left out: a claim's
// DataSource and Conditions, PV sources other than CSI.

const ACCESS_MODES: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
}
const accessModes = (modes: unknown) =>
  ((modes as string[] | undefined) ?? []).map((m) => ACCESS_MODES[m] ?? m).join(',')
const terminating = (o: KubeObject, now: number) =>
  str(o, 'metadata.deletionTimestamp')
    ? `Terminating (lasts ${humanDuration(now - Date.parse(str(o, 'metadata.deletionTimestamp')))})`
    : ''

export function describePvc(o: KubeObject, now: number, pods: KubeObject[]): string[] {
  const bound = str(o, 'spec.volumeName') !== ''
  const users = pods
    .filter((p) =>
      list(p, 'spec.volumes').some((v) => str(v, 'persistentVolumeClaim.claimName') === o.metadata.name),
    )
    .map((p) => p.metadata.name)
  return [
    `Name:\t${o.metadata.name}`,
    `Namespace:\t${o.metadata.namespace ?? ''}`,
    `StorageClass:\t${str(o, 'spec.storageClassName')}`,
    `Status:\t${terminating(o, now) || str(o, 'status.phase')}`,
    `Volume:\t${str(o, 'spec.volumeName')}`,
    ...multiline('Labels', sortedPairs(dict(o, 'metadata.labels'), '=')),
    ...annotationLines(o),
    `Finalizers:\t${goList(at(o, 'metadata.finalizers'))}`,
    `Capacity:\t${bound ? str(o, 'status.capacity.storage') : ''}`,
    `Access Modes:\t${bound ? accessModes(at(o, 'status.accessModes')) : ''}`,
    ...(str(o, 'spec.volumeMode') ? [`VolumeMode:\t${str(o, 'spec.volumeMode')}`] : []),
    ...multiline('Used By', users),
  ]
}

export function describePv(o: KubeObject, now: number): string[] {
  const claim = at(o, 'spec.claimRef')
    ? `${str(o, 'spec.claimRef.namespace')}/${str(o, 'spec.claimRef.name')}`
    : ''
  const attributes = sortedPairs(dict(o, 'spec.csi.volumeAttributes'), '=')
  const lines = [
    `Name:\t${o.metadata.name}`,
    ...multiline('Labels', sortedPairs(dict(o, 'metadata.labels'), '=')),
    ...annotationLines(o),
    `Finalizers:\t${goList(at(o, 'metadata.finalizers'))}`,
    `StorageClass:\t${str(o, 'spec.storageClassName')}`,
    `Status:\t${terminating(o, now) || str(o, 'status.phase')}`,
    `Claim:\t${claim}`,
    `Reclaim Policy:\t${str(o, 'spec.persistentVolumeReclaimPolicy')}`,
    `Access Modes:\t${accessModes(at(o, 'spec.accessModes'))}`,
    ...(str(o, 'spec.volumeMode') ? [`VolumeMode:\t${str(o, 'spec.volumeMode')}`] : []),
    `Capacity:\t${str(o, 'spec.capacity.storage')}`,
    ...(at(o, 'spec.nodeAffinity.required')
      ? ['Node Affinity:\t', '  Required Terms:\t<none>']
      : ['Node Affinity:\t<none>']),
    `Message:\t${str(o, 'status.message')}`,
    'Source:',
  ]
  if (at(o, 'spec.csi'))
    lines.push(
      '    Type:\tCSI (a Container Storage Interface (CSI) volume source)',
      `    Driver:\t${str(o, 'spec.csi.driver')}`,
      `    FSType:\t${str(o, 'spec.csi.fsType')}`,
      `    VolumeHandle:\t${str(o, 'spec.csi.volumeHandle')}`,
      `    ReadOnly:\t${at(o, 'spec.csi.readOnly') === true}`,
      // printCSIPersistentVolumeAttributesMultilineIndent: later entries get the level's indent twice.
      ...(attributes.length === 0
        ? ['    VolumeAttributes:\t<none>']
        : attributes.map((a, i) => (i === 0 ? `    VolumeAttributes:\t${a}` : `    \t    ${a}`))),
    )
  return lines
}
