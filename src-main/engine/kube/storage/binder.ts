import { labelsMatch } from '@shared/kube'
import { claimRequestBytes, parseQuantity } from '@shared/kube-storage'
import type { Tx } from '../../core/tx'
import { putObject } from '../store'
import { classFor } from './classes'
import { reportOnce } from './notes'
import type { StoredPv, StoredPvc } from './provision'

// The persistentvolume-controller's binder for volumes that already exist (pre-created, "static"
// PVs): a claim naming a PV (spec.volumeName) binds to it when it fits; a claim without one takes the
// smallest Available PV of its class that fits, before any provisioning. Released PVs never re-bind.

const BINDER = { component: 'persistentvolume-controller' }
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller'

/** The class a claim asks for, as the DefaultStorageClass admission plugin reads it ('' = none). */
export function claimClassName(tx: Tx, clusterId: string, pvc: StoredPvc): string {
  const own = pvc.spec?.storageClassName
  if (own !== undefined && own !== null) return own
  return classFor(tx, clusterId, undefined)?.metadata.name ?? ''
}

/** Why a PV cannot serve a claim, in checkVolumeSatisfyClaim's words and order; null when it can. */
export function volumeMismatch(pv: StoredPv, pvc: StoredPvc, className: string): string | null {
  const have = parseQuantity(String(pv.spec?.capacity?.storage ?? '')) ?? 0
  if (have < claimRequestBytes(pvc)) return 'requested PV is too small'
  if ((pv.spec?.storageClassName ?? '') !== className) return 'storageClassName does not match'
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem'))
    return 'incompatible volumeMode'
  const modes = pv.spec?.accessModes ?? []
  if (!(pvc.spec?.accessModes ?? []).every((m) => modes.includes(m))) return 'incompatible accessMode'
  return null
}

/** A PV whose claimRef names this claim (pre-bound by the administrator, or bound before). */
function refersTo(pv: StoredPv, pvc: StoredPvc): boolean {
  const ref = pv.spec?.claimRef
  return (
    !!ref &&
    ref.namespace === pvc.metadata.namespace &&
    ref.name === pvc.metadata.name &&
    (!ref.uid || ref.uid === pvc.metadata.uid)
  )
}

/** Binds both sides as the controller does: claimRef and Bound on the PV, volumeName and Bound on the claim. */
function bind(tx: Tx, clusterId: string, pv: StoredPv, pvc: StoredPvc): StoredPv {
  const mark: Record<string, string> = { [BOUND_BY_CONTROLLER]: 'yes' }
  const pvAnn = pv.spec?.claimRef ? {} : mark
  const pvcAnn = pvc.spec?.volumeName ? {} : mark
  const boundPv = putObject(tx, clusterId, {
    ...pv,
    metadata: { ...pv.metadata, annotations: { ...pv.metadata.annotations, ...pvAnn } },
    spec: {
      ...pv.spec,
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: pvc.metadata.namespace,
        name: pvc.metadata.name,
        uid: pvc.metadata.uid,
        resourceVersion: pvc.metadata.resourceVersion,
      },
    },
    status: { phase: 'Bound' },
  })
  putObject(tx, clusterId, {
    ...pvc,
    metadata: {
      ...pvc.metadata,
      annotations: { ...pvc.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes', ...pvcAnn },
    },
    spec: { ...pvc.spec, volumeName: pv.metadata.name },
    status: { phase: 'Bound', accessModes: pv.spec?.accessModes, capacity: pv.spec?.capacity },
  })
  return boundPv
}

/** Keeps the caller's PV list current after a bind (later claims of the same pass must not take it). */
function replace(pvs: StoredPv[], pv: StoredPv): void {
  const i = pvs.findIndex((v) => v.metadata.name === pv.metadata.name)
  if (i >= 0) pvs[i] = pv
}

/** A claim with spec.volumeName that is not Bound yet: bind to that PV, or say why not (once). */
export function bindRequested(tx: Tx, clusterId: string, pvc: StoredPvc, pvs: StoredPv[]): void {
  const name = pvc.spec!.volumeName!
  const pv = pvs.find((v) => v.metadata.name === name)
  // A PV that does not exist (yet): the claim waits, quietly, as in Kubernetes.
  if (!pv || pv.metadata.deletionTimestamp) return
  if (pv.spec?.claimRef && !refersTo(pv, pvc)) {
    const message = `volume "${name}" already bound to a different claim.`
    reportOnce(tx, clusterId, pvc, 'FailedBinding', message, BINDER, 'Warning')
    return
  }
  const problem = volumeMismatch(pv, pvc, claimClassName(tx, clusterId, pvc))
  if (problem) {
    const message = `Cannot bind to requested volume "${name}": ${problem}`
    reportOnce(tx, clusterId, pvc, 'VolumeMismatch', message, BINDER, 'Warning')
    return
  }
  replace(pvs, bind(tx, clusterId, pv, pvc))
}

/** A claim without a volume: binds it to the best Available PV that fits; false when there is none. */
export function bindAvailable(tx: Tx, clusterId: string, pvc: StoredPvc, pvs: StoredPv[]): boolean {
  const className = claimClassName(tx, clusterId, pvc)
  const selector = pvc.spec?.selector?.matchLabels
  const size = (pv: StoredPv) => parseQuantity(String(pv.spec?.capacity?.storage ?? '')) ?? 0
  const fits = pvs.filter(
    (pv) =>
      pv.status?.phase === 'Available' &&
      !pv.metadata.deletionTimestamp &&
      (!pv.spec?.claimRef || refersTo(pv, pvc)) &&
      (!selector || labelsMatch(pv.metadata.labels as Record<string, string> | undefined, selector)) &&
      volumeMismatch(pv, pvc, className) === null,
  )
  // A PV pre-bound to this claim wins; otherwise the smallest that fits, then by name.
  const best = fits.sort(
    (a, b) =>
      Number(refersTo(b, pvc)) - Number(refersTo(a, pvc)) ||
      size(a) - size(b) ||
      a.metadata.name.localeCompare(b.metadata.name),
  )[0]
  if (!best) return false
  replace(pvs, bind(tx, clusterId, best, pvc))
  return true
}

/**
 * A PV as created by kubectl apply has no phase: the controller makes it Available. The API server's
 * defaults (reclaim policy Retain, Filesystem) and the pv-protection finalizer are filled in with it.
 * A Released PV whose claimRef the administrator removed is Available again (the documented way to
 * reuse a retained volume).
 */
export function admitVolume(tx: Tx, clusterId: string, pv: StoredPv): StoredPv {
  const phase = pv.status?.phase
  const fresh = !phase || phase === 'Pending' || (phase === 'Released' && !pv.spec?.claimRef)
  if (!fresh || pv.metadata.deletionTimestamp) return pv
  const finalizers = pv.metadata.finalizers ?? []
  return putObject(tx, clusterId, {
    ...pv,
    metadata: {
      ...pv.metadata,
      finalizers: finalizers.includes('kubernetes.io/pv-protection')
        ? finalizers
        : [...finalizers, 'kubernetes.io/pv-protection'],
    },
    spec: {
      ...pv.spec,
      persistentVolumeReclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain',
      volumeMode: pv.spec?.volumeMode ?? 'Filesystem',
    },
    status: { phase: 'Available' },
  })
}
