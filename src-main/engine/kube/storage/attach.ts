import type { Pod } from 'kubernetes-types/core/v1'
import type { VolumeAttachment } from 'kubernetes-types/storage/v1'
import type { KubeObject } from '@shared/contract'
import { fnv1a64 } from '../../core/hash'
import type { Tx } from '../../core/tx'
import { recordEvent } from '../events'
import { clusterIndexOf, deleteObject, getObject, objectsAt, putObject } from '../store'
import { classFor, waitsForConsumer } from './classes'
import type { StoredPv, StoredPvc } from './provision'
import { activePod, claimsOf, podsUsingClaim } from './usage'

// Attach and detach, as the attachdetach-controller and the CSI attacher do it: a disk (RWO) is a VHDX
// hot-added to one node VM at a time, recorded as a VolumeAttachment `csi-<hash>`. A pod on another
// node waits in ContainerCreating with the Multi-Attach error until the first node lets it go.

type StoredAttachment = VolumeAttachment & KubeObject

const ATTACHER = { component: 'attachdetach-controller' }

export interface VolumesReady {
  ready: boolean
  reason?: string
  message?: string
}

export function attachmentName(driver: string, pvName: string, node: string): string {
  // Kubernetes names it csi-<sha256(pv + attacher + node)>; a 64-bit hash, doubled, keeps the length.
  const h = fnv1a64(`${pvName}${driver}${node}`)
  return `csi-${h}${fnv1a64(h)}`.slice(0, 68)
}

function claim(tx: Tx, clusterId: string, pod: Pod, name: string) {
  return getObject<StoredPvc>(
    tx,
    clusterId,
    'PersistentVolumeClaim',
    pod.metadata?.namespace ?? 'default',
    name,
  )
}

/**
 * For the scheduler: whether a pod's claims allow scheduling it. A missing claim or an unbound claim of
 * an Immediate class keeps it Pending (WaitForFirstConsumer claims are bound after scheduling).
 */
export function podClaimsBound(tx: Tx, clusterId: string, pod: Pod): { bound: boolean; message?: string } {
  for (const name of claimsOf(pod)) {
    const pvc = claim(tx, clusterId, pod, name)
    if (!pvc) return { bound: false, message: `persistentvolumeclaim "${name}" not found` }
    // pvc-protection: a claim being deleted takes no new pods (the VolumeBinding plugin's check).
    if (pvc.metadata.deletionTimestamp)
      return { bound: false, message: `persistentvolumeclaim "${name}" is being deleted` }
    if (pvc.status?.phase === 'Bound') continue
    if (waitsForConsumer(classFor(tx, clusterId, pvc.spec?.storageClassName))) continue
    return { bound: false, message: 'pod has unbound immediate PersistentVolumeClaims' }
  }
  return { bound: true }
}

/** Nodes other pods (active, scheduled, using the same claim) hold this PV on. */
function nodesUsing(tx: Tx, clusterId: string, pvc: StoredPvc, except?: string): Set<string> {
  const nodes = new Set<string>()
  for (const p of podsUsingClaim(tx, clusterId, pvc.metadata.namespace!, pvc.metadata.name))
    if (p.metadata.uid !== except && p.spec?.nodeName && activePod(p)) nodes.add(p.spec.nodeName)
  return nodes
}

function attachmentsOf(tx: Tx, clusterId: string, pvName: string): StoredAttachment[] {
  const keys = clusterIndexOf(tx, clusterId).attachments.get(pvName)
  return objectsAt<StoredAttachment>(tx, keys ? [...keys].sort() : [])
}

function attach(tx: Tx, clusterId: string, pv: StoredPv, node: string): void {
  // Only a CSI volume is attached (a VHDX hot-added to the node VM); a hostPath PV is the node's own.
  const driver = pv.spec?.csi?.driver
  if (!driver) return
  const name = attachmentName(driver, pv.metadata.name, node)
  if (getObject(tx, clusterId, 'VolumeAttachment', '', name)) return
  const va: VolumeAttachment = {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'VolumeAttachment',
    metadata: { name, annotations: { 'csi.alpha.kubernetes.io/node-id': node } },
    spec: { attacher: driver, nodeName: node, source: { persistentVolumeName: pv.metadata.name } },
    status: { attached: true },
  }
  putObject(tx, clusterId, va as StoredAttachment)
}

/**
 * For the kubelet, before it creates a scheduled pod's containers: whether every claim is bound and
 * its volume attached to the pod's node (attaching it when free). A Multi-Attach refusal records the
 * attachdetach-controller's FailedAttachVolume event itself (once); callers only keep the pod waiting.
 */
export function podVolumesReady(tx: Tx, clusterId: string, pod: Pod & KubeObject): VolumesReady {
  const node = pod.spec?.nodeName
  if (!node) return { ready: false }
  const pvs: StoredPv[] = []
  for (const name of claimsOf(pod)) {
    const pvc = claim(tx, clusterId, pod, name)
    if (!pvc)
      return { ready: false, reason: 'FailedMount', message: `persistentvolumeclaim "${name}" not found` }
    const pv = pvc.spec?.volumeName
      ? getObject<StoredPv>(tx, clusterId, 'PersistentVolume', '', pvc.spec.volumeName)
      : undefined
    if (pvc.status?.phase !== 'Bound' || !pv) return { ready: false }
    const shared = pv.spec?.accessModes?.some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany')
    const elsewhere = [...nodesUsing(tx, clusterId, pvc, pod.metadata.uid)].filter((n) => n !== node)
    const held = attachmentsOf(tx, clusterId, pv.metadata.name).filter(
      (a) => a.spec.nodeName !== node && elsewhere.includes(a.spec.nodeName),
    )
    if (!shared && held.length > 0) {
      const message = `Multi-Attach error for volume "${pv.metadata.name}" Volume is already exclusively attached to one node and can't be attached to another`
      // The attacher retries every few seconds: the same event counts up (kubectl: x5 over 1m).
      recordEvent(tx, clusterId, pod, 'FailedAttachVolume', message, ATTACHER, 'Warning')
      return { ready: false, reason: 'FailedAttachVolume', message }
    }
    pvs.push(pv)
  }
  for (const pv of pvs) {
    // The VHDX leaves a node no pod there uses any more before it is hot-added to this one.
    if (!pv.spec?.accessModes?.includes('ReadWriteMany')) detachPv(tx, clusterId, pv.metadata.name)
    attach(tx, clusterId, pv, node)
  }
  return { ready: true }
}

function detachPv(tx: Tx, clusterId: string, pvName: string): void {
  const pv = getObject<StoredPv>(tx, clusterId, 'PersistentVolume', '', pvName)
  const ref = pv?.spec?.claimRef
  const pvc = ref && getObject<StoredPvc>(tx, clusterId, 'PersistentVolumeClaim', ref.namespace!, ref.name!)
  const using = pvc && pvc.metadata.uid === ref.uid ? nodesUsing(tx, clusterId, pvc) : new Set<string>()
  for (const a of attachmentsOf(tx, clusterId, pvName))
    if (!using.has(a.spec.nodeName)) deleteObject(tx, clusterId, 'VolumeAttachment', '', a.metadata.name)
}

/**
 * Detaches every volume (or those named) no active pod on its node uses (pods deleted, finished or
 * moved).
 */
export function detachUnused(tx: Tx, clusterId: string, only?: string[]): void {
  const attached = clusterIndexOf(tx, clusterId).attachments
  const names = only ? only.filter((n) => attached.has(n)) : [...attached.keys()]
  for (const pvName of names.sort()) detachPv(tx, clusterId, pvName)
}
