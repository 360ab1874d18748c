import {
  PV_PROVISION_MS,
  PV_RETRY_MS,
  STORAGE_CONTAINER,
  VHDX_MAX_BYTES,
  VHDX_METADATA_BYTES,
} from '@shared/aks-cluster-assumptions'
import { binaryQuantity } from '@shared/kube-quantity'
import { joinPath, volumeOfPath } from '@shared/aks-paths'
import { volumeCapacity } from '@shared/capacity'
import type { KubeObject } from '@shared/contract'
import type { FileEntry } from '@shared/domain'
import { LabFailure } from '@shared/errors'
import { formatBytes } from '@shared/format'
import { byNamespaceAndName } from '@shared/kube'
import { claimRequestBytes } from '@shared/kube-storage'
import { vhdxFileId } from '@shared/file-owners'
import { findStorageContainer } from '@shared/storage-containers'
import { vhdFormatFromClass } from '@shared/vhdx'
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1'
import type { Tx } from '../../core/tx'
import { labPoolShape, putFile } from '../../hci/ledger'
import { recordEvent } from '../events'
import { clusterIndexOf, getObject, objectsAt, putObject } from '../store'
import { classFor, type StoredClass } from './classes'
import { scheduleMinuteTick } from './demo'

// The external provisioner of the msvhd CSI driver: a claim's VHDX file in the class's storage
// container (the image directory for `default`; every byte in the ledger), its PersistentVolume, and
// the bind. Runs as a scheduled event a few seconds
// after the claim, like the sidecar's gRPC round trip; a refusal backs off and tries again.

export const PROVISION_EVENT = 'kube.storage.provision'
export const PROVISIONER_ANNOTATION = 'volume.beta.kubernetes.io/storage-provisioner'

export type StoredPvc = PersistentVolumeClaim & KubeObject
export type StoredPv = PersistentVolume & KubeObject

export interface ProvisionRef {
  clusterId: string
  namespace: string
  name: string
  uid: string
  attempt: number
}

export const pvNameOf = (pvc: StoredPvc) => `pvc-${pvc.metadata.uid}`
export { vhdxFileId }

/** The events' source: the CSI controller pod's provisioner sidecar (`<driver>_<pod>`). */
export function provisionerSource(tx: Tx, clusterId: string, driver: string) {
  const pod = objectsAt<KubeObject>(tx, clusterIndexOf(tx, clusterId).csiControllers).sort(
    byNamespaceAndName,
  )[0]
  return { component: pod ? `${driver}_${pod.metadata.name}` : driver }
}

export function scheduleProvision(tx: Tx, clusterId: string, pvc: StoredPvc, attempt: number): void {
  const delay = attempt === 0 ? PV_PROVISION_MS : PV_RETRY_MS[Math.min(attempt, PV_RETRY_MS.length) - 1]!
  const ref: ProvisionRef = {
    clusterId,
    namespace: pvc.metadata.namespace!,
    name: pvc.metadata.name,
    uid: pvc.metadata.uid,
    attempt,
  }
  tx.schedule(tx.now + delay, PROVISION_EVENT, ref)
}

/** Starts provisioning a pending claim: the controller's and the sidecar's first events. */
export function startProvisioning(tx: Tx, clusterId: string, pvc: StoredPvc, sc: StoredClass): void {
  const claimed = putObject(tx, clusterId, {
    ...pvc,
    metadata: {
      ...pvc.metadata,
      annotations: {
        ...pvc.metadata.annotations,
        [PROVISIONER_ANNOTATION]: sc.provisioner,
        'volume.kubernetes.io/storage-provisioner': sc.provisioner,
      },
    },
    spec: { ...pvc.spec, storageClassName: sc.metadata.name },
    status: { phase: 'Pending' },
  })
  recordEvent(
    tx,
    clusterId,
    claimed,
    'ExternalProvisioning',
    `waiting for a volume to be created, either by external provisioner "${sc.provisioner}" or manually created by system administrator`,
    { component: 'persistentvolume-controller' },
  )
  recordEvent(
    tx,
    clusterId,
    claimed,
    'Provisioning',
    `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`,
    provisionerSource(tx, clusterId, sc.provisioner),
  )
  scheduleProvision(tx, clusterId, claimed, 0)
}

/** Why the VHDX cannot be created (the driver's gRPC error text), or null. */
function spaceProblem(tx: Tx, volumeId: string, allocated: number): string | null {
  const volume = tx.get('volumes', volumeId)!
  const free = volumeCapacity(volume, labPoolShape(tx), tx.state.files).freeBytes
  if (allocated <= free) return null
  return `rpc error: code = ResourceExhausted desc = Not enough disk space on volume '${volume.name}': the VHDX needs ${formatBytes(allocated)}, ${formatBytes(free)} is free`
}

/** The scheduled provisioning attempt: creates the VHDX and the PV and binds, or reports and retries. */
export function provision(tx: Tx, ref: ProvisionRef): boolean {
  const pvc = getObject<StoredPvc>(tx, ref.clusterId, 'PersistentVolumeClaim', ref.namespace, ref.name)
  // The external provisioner leaves a claim alone once it is bound or being deleted.
  if (!pvc || pvc.metadata.uid !== ref.uid || pvc.spec?.volumeName || pvc.metadata.deletionTimestamp)
    return false
  const sc = classFor(tx, ref.clusterId, pvc.spec?.storageClassName)
  const cluster = tx.get('aksClusters', ref.clusterId)
  if (!sc || !cluster) return false
  const source = provisionerSource(tx, ref.clusterId, sc.provisioner)
  const failed = (desc: string) => {
    recordEvent(
      tx,
      ref.clusterId,
      pvc,
      'ProvisioningFailed',
      `failed to provision volume with StorageClass "${sc.metadata.name}": ${desc}`,
      source,
      'Warning',
    )
    scheduleProvision(tx, ref.clusterId, pvc, ref.attempt + 1)
    return true
  }
  // The class's `container` names the cloud agent's storage container: its folder gets the VHDX.
  const containerName = sc.parameters?.container || STORAGE_CONTAINER
  const container = findStorageContainer(tx.state, containerName)
  if (!container)
    return failed(`rpc error: code = NotFound desc = storage container '${containerName}' not found`)
  const volume = volumeOfPath(tx.state, container.path)
  if (!volume)
    return failed(
      `rpc error: code = NotFound desc = the storage container path '${container.path}' does not exist`,
    )
  const size = claimRequestBytes(pvc)
  // The API server takes any positive size up to 2^63 - 1 bytes; a VHDX holds at most 64 TB.
  if (size > VHDX_MAX_BYTES)
    return failed(
      `rpc error: code = OutOfRange desc = the requested size (${formatBytes(size)}) is larger than the largest VHDX (${formatBytes(VHDX_MAX_BYTES)})`,
    )
  const vhd = vhdFormatFromClass(sc.parameters)
  const fixed = vhd.type === 'Fixed'
  const pvName = pvNameOf(pvc)
  const file: FileEntry = {
    id: vhdxFileId(ref.clusterId, pvName),
    volumeId: volume.id,
    path: joinPath(container.path, tx.rng.hex(15), `${tx.rng.guid()}.vhdx`),
    sizeBytes: size,
    allocatedBytes: fixed ? size : Math.min(size, VHDX_METADATA_BYTES),
    owner: {
      kind: 'pv',
      id: pvName,
      label: `PV ${pvName} (${ref.namespace}/${ref.name}) in cluster ${cluster.name}`,
    },
    createdAt: tx.now,
    vhd,
  }
  const problem = spaceProblem(tx, volume.id, file.allocatedBytes)
  if (problem) return failed(problem)
  try {
    putFile(tx, file)
  } catch (e) {
    if (e instanceof LabFailure) return failed(`rpc error: code = ResourceExhausted desc = ${e.message}`)
    throw e
  }
  // The provisioner reports the volume's bytes, as a binary quantity ('1073741824' asked → '1Gi').
  const storage = binaryQuantity(size)
  const pv: PersistentVolume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { 'pv.kubernetes.io/provisioned-by': sc.provisioner },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      capacity: { storage },
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: ref.namespace,
        name: ref.name,
        uid: ref.uid,
        resourceVersion: pvc.metadata.resourceVersion,
      },
      csi: {
        driver: sc.provisioner,
        volumeHandle: file.path,
        fsType: sc.parameters?.fsType ?? 'ext4',
        volumeAttributes: { ...sc.parameters },
      },
    },
    status: { phase: 'Bound' },
  }
  putObject(tx, ref.clusterId, pv as StoredPv)
  const bound = putObject(tx, ref.clusterId, {
    ...pvc,
    metadata: {
      ...pvc.metadata,
      annotations: {
        ...pvc.metadata.annotations,
        'pv.kubernetes.io/bind-completed': 'yes',
        'pv.kubernetes.io/bound-by-controller': 'yes',
      },
    },
    spec: { ...pvc.spec, volumeName: pvName },
    status: { phase: 'Bound', accessModes: pv.spec!.accessModes, capacity: { storage } },
  })
  recordEvent(
    tx,
    ref.clusterId,
    bound,
    'ProvisioningSucceeded',
    `Successfully provisioned volume ${pvName}`,
    source,
  )
  scheduleMinuteTick(tx, ref.clusterId)
  return true
}
