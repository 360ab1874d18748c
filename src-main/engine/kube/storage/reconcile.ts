import { binaryQuantity } from '@shared/kube-quantity'
import { LabFailure } from '@shared/errors'
import { parseQuantity } from '@shared/kube-storage'
import type { Tx } from '../../core/tx'
import { guarded } from '../../failures'
import { putFile } from '../../hci/ledger'
import { recordEvent } from '../events'
import { byNamespaceAndName, kubeGroupKeys } from '@shared/kube'
import { vhdFormatOf } from '@shared/vhdx'
import { freshDirt, type ClusterIndex, type Dirt } from '../derived'
import { clusterIndexOf, deleteObject, getObject, listObjects, objectsAt, putObject } from '../store'
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

function pendingClaim(tx: Tx, clusterId: string, pvc: StoredPvc, pvs: () => StoredPv[]): void {
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
  if (bindAvailable(tx, clusterId, pvc, pvs())) return
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

/**
 * A bound claim asks for more: the VHDX (and a fixed one's allocation), the PV and the claim grow.
 * False when the volume has no room for it (the resizer tries again).
 */
function expand(tx: Tx, clusterId: string, pvc: StoredPvc, pv: StoredPv): boolean {
  const want = parseQuantity(pvc.spec?.resources?.requests?.storage as string | undefined) ?? 0
  const have = parseQuantity(pv.spec?.capacity?.storage as string | undefined) ?? 0
  if (want <= have) return true
  const sc = classFor(tx, clusterId, pvc.spec?.storageClassName)
  if (!sc?.allowVolumeExpansion) return true
  // The provisioner reports the volume's bytes, as a binary quantity ('1073741824' asked → '1Gi').
  const storage = binaryQuantity(want)
  const file = tx.get('files', vhdxFileId(clusterId, pv.metadata.name))
  const source = provisionerSource(tx, clusterId, sc.provisioner)
  if (file) {
    const fixed = vhdFormatOf(file)?.type === 'Fixed'
    try {
      putFile(tx, { ...file, sizeBytes: want, allocatedBytes: fixed ? want : file.allocatedBytes })
    } catch (e) {
      if (!(e instanceof LabFailure)) throw e
      const message = `resize volume "${pv.metadata.name}" by resizer "${sc.provisioner}" failed: rpc error: code = ResourceExhausted desc = ${e.message}`
      if (!hasEvent(tx, clusterId, pvc, 'VolumeResizeFailed'))
        recordEvent(tx, clusterId, pvc, 'VolumeResizeFailed', message, source, 'Warning')
      return false
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
  return true
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

/** What a storage pass visits: every claim and volume, or the dirty ones (in listing order). */
function toVisit(tx: Tx, clusterId: string, dirt: Dirt) {
  if (dirt.all || dirt.storage)
    return {
      claims: listObjects<StoredPvc>(tx, clusterId, { kind: 'PersistentVolumeClaim' }),
      volumes: listObjects<StoredPv>(tx, clusterId, { kind: 'PersistentVolume' }),
    }
  const claims: StoredPvc[] = []
  for (const key of [...dirt.claims].sort()) {
    const [ns, name] = key.split('/') as [string, string]
    const pvc = getObject<StoredPvc>(tx, clusterId, 'PersistentVolumeClaim', ns, name)
    if (pvc) claims.push(pvc)
  }
  claims.sort(byNamespaceAndName)
  // A claim's volume: its attachments follow the claim's pods.
  const names = new Set(dirt.volumes)
  for (const pvc of claims) if (pvc.spec?.volumeName) names.add(pvc.spec.volumeName)
  const volumes: StoredPv[] = []
  for (const name of [...names].sort()) {
    const pv = getObject<StoredPv>(tx, clusterId, 'PersistentVolume', '', name)
    if (pv) volumes.push(pv)
  }
  return { claims, volumes: volumes.sort(byNamespaceAndName) }
}

/**
 * One pass of the storage controllers over what changed (`dirt`: a reconcile pass's, else the
 * cluster's pending dirt); a claim or volume nothing touched would not move anyway.
 */
export function reconcileStorage(tx: Tx, clusterId: string, pass?: Dirt): void {
  if (!tx.get('aksClusters', clusterId)) return
  const dirt = pass ?? takeStorageDirt(clusterIndexOf(tx, clusterId))
  const visit = toVisit(tx, clusterId, dirt)
  let claims = visit.claims
  if (finishClaimDeletions(tx, clusterId, claims))
    claims = claims.filter((c) => getObject(tx, clusterId, c.kind, c.metadata.namespace!, c.metadata.name))
  const volumes = visit.volumes.map((pv) => admitVolume(tx, clusterId, pv))
  // Binding to an Available volume needs the unbound ones; listed once, when a claim first asks.
  let unbound: StoredPv[] | undefined
  const unboundVolumes = () =>
    (unbound ??= objectsAt<StoredPv>(tx, clusterIndexOf(tx, clusterId).unboundVolumes)
      .sort(byNamespaceAndName)
      .map((pv) => admitVolume(tx, clusterId, pv)))
  const named = (name: string) => {
    const pv = getObject<StoredPv>(tx, clusterId, 'PersistentVolume', '', name)
    return pv ? [admitVolume(tx, clusterId, pv)] : []
  }
  for (const pvc of claims) {
    if (pvc.metadata.deletionTimestamp) continue // no new binds or growth for a claim on its way out
    guarded(tx, clusterId, pvc, BINDER.component, () => {
      if (pvc.status?.phase === 'Bound') {
        const name = pvc.spec?.volumeName
        const pv = name ? getObject<StoredPv>(tx, clusterId, 'PersistentVolume', '', name) : undefined
        if (pv && !expand(tx, clusterId, pvc, pv)) retryNextPass(tx, clusterId, pvc)
      } else if (pvc.spec?.volumeName) bindRequested(tx, clusterId, pvc, named(pvc.spec.volumeName))
      else pendingClaim(tx, clusterId, pvc, unboundVolumes)
    })
  }
  for (const listed of volumes) {
    const pv = getObject<StoredPv>(tx, clusterId, 'PersistentVolume', '', listed.metadata.name)
    if (!pv) continue
    guarded(tx, clusterId, pv, BINDER.component, () => {
      const ref = pv.spec?.claimRef
      let now: StoredPv | undefined = pv
      if (ref && pv.status?.phase === 'Bound') {
        const claim = getObject<StoredPvc>(tx, clusterId, 'PersistentVolumeClaim', ref.namespace!, ref.name!)
        if (!claim || claim.metadata.uid !== ref.uid) now = reclaim(tx, clusterId, pv)
      }
      if (now) finishVolumeDeletion(tx, clusterId, now)
    })
  }
  detachUnused(tx, clusterId, dirt.all || dirt.storage ? undefined : volumes.map((v) => v.metadata.name))
  if (kubeGroupKeys(tx.state.kube, clusterId, 'PersistentVolume')?.size) scheduleMinuteTick(tx, clusterId)
}

/**
 * Outside a reconcile pass (a provisioning result), the storage part of the pending dirt is taken:
 * what this visit sees needs no second visit unless it changes again (which marks it again).
 */
function takeStorageDirt(index: ClusterIndex): Dirt {
  const pending = index.dirt
  const taken = { ...freshDirt(), all: pending.all, storage: pending.storage }
  taken.claims = pending.claims
  taken.volumes = pending.volumes
  if (!pending.all) pending.storage = false
  pending.claims = new Set()
  pending.volumes = new Set()
  return taken
}

/** A grow that found no room is tried again on the next pass, as the resizer keeps retrying. */
function retryNextPass(tx: Tx, clusterId: string, pvc: StoredPvc): void {
  clusterIndexOf(tx, clusterId).dirt.claims.add(`${pvc.metadata.namespace}/${pvc.metadata.name}`)
}
