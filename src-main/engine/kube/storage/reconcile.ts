import { LabFailure } from '@shared/errors'
import { parseQuantity } from '@shared/kube-storage'
import type { Tx } from '../../core/tx'
import { putFile } from '../../hci/ledger'
import { recordEvent } from '../events'
import { deleteObject, getObject, listObjects, putObject } from '../store'
import { detachUnused } from './attach'
import { admitVolume, bindAvailable, bindRequested } from './binder'
import { classFor, ownClass, waitsForConsumer } from './classes'
import { scheduleMinuteTick } from './demo'
import { hasEvent, reportOnce } from './notes'
import { finishClaimDeletions, finishVolumeDeletion, releaseVolume } from './protection'
import {
  PROVISIONER_ANNOTATION,
  provisionerSource,
  startProvisioning,
  vhdxFileId,
  type StoredPv,
  type StoredPvc,
} from './provision'
import { podsUsingClaim } from './usage'

// The persistentvolume-controller, level-triggered like the other controllers: new PVs become
// Available, pending claims bind to a fitting PV or start provisioning (or wait for a consumer), a
// bigger request grows the volume, a PV whose claim is gone is reclaimed (Delete: PV and VHDX go;
// Retain: Released, the file stays), Terminating claims and PVs go once free, unused attachments
// detach. Each pass reads the claims and PVs once; only claims being deleted or waiting for a
// consumer ask which pods use them (podsUsingClaim), never a scan of every pod.

const BINDER = { component: 'persistentvolume-controller' }

function pendingClaim(tx: Tx, clusterId: string, pvc: StoredPvc, pvs: StoredPv[]): void {
  if (pvc.metadata.annotations?.[PROVISIONER_ANNOTATION]) return // already with the provisioner
  const named = pvc.spec?.storageClassName
  const sc = classFor(tx, clusterId, named)
  if (
    waitsForConsumer(sc) &&
    !podsUsingClaim(tx, clusterId, pvc.metadata.namespace!, pvc.metadata.name).length
  ) {
    reportOnce(
      tx,
      clusterId,
      pvc,
      'WaitForFirstConsumer',
      'waiting for first consumer to be created before binding',
      BINDER,
    )
    return
  }
  if (bindAvailable(tx, clusterId, pvc, pvs)) return
  if (!sc && named)
    return reportOnce(
      tx,
      clusterId,
      pvc,
      'ProvisioningFailed',
      `storageclass.storage.k8s.io "${named}" not found`,
      BINDER,
      'Warning',
    )
  if (!sc)
    return reportOnce(
      tx,
      clusterId,
      pvc,
      'FailedBinding',
      'no persistent volumes available for this claim and no storage class is set',
      BINDER,
    )
  if (!ownClass(sc)) return
  startProvisioning(tx, clusterId, pvc, sc)
}

/** A bound claim asks for more: the VHDX (and a fixed one's allocation), the PV and the claim grow. */
function expand(tx: Tx, clusterId: string, pvc: StoredPvc, pv: StoredPv): void {
  const want = parseQuantity(pvc.spec?.resources?.requests?.storage as string | undefined) ?? 0
  const have = parseQuantity(pv.spec?.capacity?.storage as string | undefined) ?? 0
  if (want <= have) return
  const sc = classFor(tx, clusterId, pvc.spec?.storageClassName)
  if (!sc?.allowVolumeExpansion) return
  const storage = pvc.spec!.resources!.requests!.storage!
  const file = tx.get('files', vhdxFileId(clusterId, pv.metadata.name))
  const source = provisionerSource(tx, clusterId, sc.provisioner)
  if (file) {
    const fixed = file.allocatedBytes === file.sizeBytes
    try {
      putFile(tx, { ...file, sizeBytes: want, allocatedBytes: fixed ? want : file.allocatedBytes })
    } catch (e) {
      if (!(e instanceof LabFailure)) throw e
      const message = `resize volume "${pv.metadata.name}" by resizer "${sc.provisioner}" failed: rpc error: code = ResourceExhausted desc = ${e.message}`
      if (!hasEvent(tx, clusterId, pvc, 'VolumeResizeFailed'))
        recordEvent(tx, clusterId, pvc, 'VolumeResizeFailed', message, source, 'Warning')
      return
    }
  }
  putObject(tx, clusterId, { ...pv, spec: { ...pv.spec, capacity: { storage } } })
  const grown = putObject(tx, clusterId, {
    ...pvc,
    status: { ...pvc.status, capacity: { storage } },
  })
  recordEvent(
    tx,
    clusterId,
    grown,
    'Resizing',
    `External resizer is resizing volume ${pv.metadata.name}`,
    source,
  )
  recordEvent(
    tx,
    clusterId,
    grown,
    'VolumeResizeSuccessful',
    `resize volume "${pv.metadata.name}" by resizer "${sc.provisioner}" finished successfully`,
    source,
  )
}

/** A PV whose claim is gone: the reclaim policy decides. Returns the PV as it is now, or undefined. */
function reclaim(tx: Tx, clusterId: string, pv: StoredPv): StoredPv | undefined {
  if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    releaseVolume(tx, clusterId, pv)
    deleteObject(tx, clusterId, 'PersistentVolume', '', pv.metadata.name)
    return undefined
  }
  return putObject(tx, clusterId, { ...pv, status: { phase: 'Released' } })
}

export function reconcileStorage(tx: Tx, clusterId: string): void {
  if (!tx.get('aksClusters', clusterId)) return
  const list = () => listObjects<StoredPvc>(tx, clusterId, { kind: 'PersistentVolumeClaim' })
  let claims = list()
  if (finishClaimDeletions(tx, clusterId, claims)) claims = list()
  const pvs = listObjects<StoredPv>(tx, clusterId, { kind: 'PersistentVolume' }).map((pv) =>
    admitVolume(tx, clusterId, pv),
  )
  for (const pvc of claims) {
    if (pvc.metadata.deletionTimestamp) continue // no new binds or growth for a claim on its way out
    if (pvc.status?.phase === 'Bound') {
      const pv = pvs.find((v) => v.metadata.name === pvc.spec?.volumeName)
      if (pv) expand(tx, clusterId, pvc, pv)
    } else if (pvc.spec?.volumeName) bindRequested(tx, clusterId, pvc, pvs)
    else pendingClaim(tx, clusterId, pvc, pvs)
  }
  for (const pv of pvs) {
    const ref = pv.spec?.claimRef
    let now: StoredPv | undefined = pv
    if (ref && pv.status?.phase === 'Bound') {
      const claim = getObject<StoredPvc>(tx, clusterId, 'PersistentVolumeClaim', ref.namespace!, ref.name!)
      if (!claim || claim.metadata.uid !== ref.uid) now = reclaim(tx, clusterId, pv)
    }
    if (now) finishVolumeDeletion(tx, clusterId, now)
  }
  detachUnused(tx, clusterId)
  if (pvs.length > 0) scheduleMinuteTick(tx, clusterId)
}
