import type { KubeObject } from '@shared/contract'
import { ageSince, humanDuration } from '@shared/kube-age'
import {
  accessModes,
  at,
  containersAndImages,
  formatSelector,
  isDefaultClass,
  num,
  storageClassOf,
  str,
} from '@shared/kube-fields'
import type { Printer } from './printers'

// Printers for storage, stateful sets and jobs. `kubectl get` prints the table the API server
// builds (server-side printing), so the columns are those of the cluster's version — v1.17 to
// v1.20 in AKS on Azure Stack HCI — not of kubectl 1.32: no VOLUMEATTRIBUTESCLASS on pv/pvc (1.29+)
// and no STATUS on jobs (1.28+). Empty cells stay empty, as the server leaves them.

const age = (o: KubeObject, now: number) => ageSince(o.metadata.creationTimestamp, now)

const deleting = (o: KubeObject, phase: string) =>
  at(o, 'metadata.deletionTimestamp') ? 'Terminating' : phase
const volumeMode = (o: KubeObject) => str(o, 'spec.volumeMode') || '<unset>'

export const persistentVolume: Printer = {
  columns: [
    'NAME',
    'CAPACITY',
    'ACCESS MODES',
    'RECLAIM POLICY',
    'STATUS',
    'CLAIM',
    'STORAGECLASS',
    'REASON',
    'AGE',
    'VOLUMEMODE',
  ],
  wide: [9],
  row: (o, now) => {
    const claim = at(o, 'spec.claimRef')
    return [
      o.metadata.name,
      str(o, 'spec.capacity.storage'),
      accessModes(at(o, 'spec.accessModes')),
      str(o, 'spec.persistentVolumeReclaimPolicy'),
      deleting(o, str(o, 'status.phase')),
      claim ? `${str(claim, 'namespace')}/${str(claim, 'name')}` : '',
      storageClassOf(o),
      str(o, 'status.reason'),
      age(o, now),
      volumeMode(o),
    ]
  },
}

export const persistentVolumeClaim: Printer = {
  columns: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'AGE', 'VOLUMEMODE'],
  wide: [7],
  row: (o, now) => {
    // Capacity and modes are the bound volume's: blank until the claim has one.
    const bound = str(o, 'spec.volumeName') !== ''
    return [
      o.metadata.name,
      deleting(o, str(o, 'status.phase')),
      str(o, 'spec.volumeName'),
      bound ? str(o, 'status.capacity.storage') : '',
      bound ? accessModes(at(o, 'status.accessModes')) : '',
      storageClassOf(o),
      age(o, now),
      volumeMode(o),
    ]
  },
}

export const storageClass: Printer = {
  columns: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  wide: [],
  row: (o, now) => [
    isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
    str(o, 'provisioner'),
    str(o, 'reclaimPolicy') || 'Delete',
    str(o, 'volumeBindingMode') || 'Immediate',
    String(at(o, 'allowVolumeExpansion') === true),
    age(o, now),
  ],
}

export const statefulSet: Printer = {
  columns: ['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES'],
  wide: [3, 4],
  row: (o, now) => [
    o.metadata.name,
    `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}`,
    age(o, now),
    ...containersAndImages(at(o, 'spec.template.spec')),
  ],
}

function completions(o: KubeObject): string {
  const succeeded = num(o, 'status.succeeded')
  if (typeof at(o, 'spec.completions') === 'number') return `${succeeded}/${num(o, 'spec.completions')}`
  const parallelism = num(o, 'spec.parallelism')
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`
}

function jobDuration(o: KubeObject, now: number): string {
  const start = str(o, 'status.startTime')
  if (!start) return ''
  const end = str(o, 'status.completionTime')
  return humanDuration((end ? Date.parse(end) : now) - Date.parse(start))
}

export const job: Printer = {
  columns: ['NAME', 'COMPLETIONS', 'DURATION', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR'],
  wide: [4, 5, 6],
  row: (o, now) => [
    o.metadata.name,
    completions(o),
    jobDuration(o, now),
    age(o, now),
    ...containersAndImages(at(o, 'spec.template.spec')),
    formatSelector(at(o, 'spec.selector')),
  ],
}
