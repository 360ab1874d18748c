import { LabFailure } from '@shared/errors'
import { parseQuantity, volumeDataKey } from '@shared/kube-storage'
import type { Pod } from 'kubernetes-types/core/v1'
import type { Tx } from '../../core/tx'
import { putFile, removeFile } from '../../hci/ledger'
import { recordEvent } from '../events'
import { deleteObject, listObjects, putObject } from '../store'
import { detachUnused } from './attach'
import { classFor, ownClass, waitsForConsumer } from './classes'
import { scheduleMinuteTick } from './demo'
import {
  PROVISIONER_ANNOTATION,
  provisionerSource,
  startProvisioning,
  vhdxFileId,
  type StoredPv,
  type StoredPvc,
} from './provision'

// The persistentvolume-controller, level-triggered like the other controllers: pending claims start
// provisioning (or wait for a consumer), a bigger request grows the volume, a PV whose claim is gone
// is reclaimed (Delete: PV and VHDX go; Retain: Released, the file stays), unused attachments detach.

const claimsOf = (pod: Pod) =>
  (pod.spec?.volumes ?? []).flatMap((v) =>
    v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [],
  )

function usedByPod(tx: Tx, clusterId: string, pvc: StoredPvc): boolean {
  return listObjects<Pod>(tx, clusterId, { kind: 'Pod', namespace: pvc.metadata.namespace }).some((p) =>
    claimsOf(p).includes(pvc.metadata.name),
  )
}

function hasEvent(tx: Tx, clusterId: string, uid: string, reason: string): boolean {
  return listObjects<{ involvedObject: { uid: string }; reason: string }>(tx, clusterId, {
    kind: 'Event',
  }).some((e) => e.involvedObject.uid === uid && e.reason === reason)
}

function pendingClaim(tx: Tx, clusterId: string, pvc: StoredPvc): void {
  if (pvc.metadata.annotations?.[PROVISIONER_ANNOTATION]) return // already with the provisioner
  const sc = classFor(tx, clusterId, pvc.spec?.storageClassName)
  if (!sc || !ownClass(sc)) return
  if (waitsForConsumer(sc) && !usedByPod(tx, clusterId, pvc)) {
    if (!hasEvent(tx, clusterId, pvc.metadata.uid, 'WaitForFirstConsumer'))
      recordEvent(
        tx,
        clusterId,
        pvc,
        'WaitForFirstConsumer',
        'waiting for first consumer to be created before binding',
        { component: 'persistentvolume-controller' },
      )
    return
  }
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
      if (!hasEvent(tx, clusterId, pvc.metadata.uid, 'VolumeResizeFailed'))
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

/** A PV whose claim is gone: the reclaim policy decides. */
function reclaim(tx: Tx, clusterId: string, pv: StoredPv): void {
  if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    removeFile(tx, vhdxFileId(clusterId, pv.metadata.name))
    tx.remove('kube', volumeDataKey(clusterId, pv.metadata.name))
    deleteObject(tx, clusterId, 'PersistentVolume', '', pv.metadata.name)
    return
  }
  if (pv.status?.phase !== 'Released') putObject(tx, clusterId, { ...pv, status: { phase: 'Released' } })
}

export function reconcileStorage(tx: Tx, clusterId: string): void {
  if (!tx.get('aksClusters', clusterId)) return
  const claims = listObjects<StoredPvc>(tx, clusterId, { kind: 'PersistentVolumeClaim' })
  const pvs = listObjects<StoredPv>(tx, clusterId, { kind: 'PersistentVolume' })
  for (const pvc of claims) {
    const pv = pvc.spec?.volumeName ? pvs.find((v) => v.metadata.name === pvc.spec!.volumeName) : undefined
    if (!pvc.spec?.volumeName) pendingClaim(tx, clusterId, pvc)
    else if (pv && pvc.status?.phase === 'Bound') expand(tx, clusterId, pvc, pv)
  }
  for (const pv of pvs) {
    const ref = pv.spec?.claimRef
    if (!ref || pv.status?.phase === 'Released') continue
    const claim = claims.find((c) => c.metadata.namespace === ref.namespace && c.metadata.name === ref.name)
    if (!claim || claim.metadata.uid !== ref.uid) reclaim(tx, clusterId, pv)
  }
  detachUnused(tx, clusterId)
  if (pvs.length > 0) scheduleMinuteTick(tx, clusterId)
}
