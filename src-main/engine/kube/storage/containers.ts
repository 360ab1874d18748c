import { aksPathProblem, normalizePath } from '@shared/aks-paths'
import type { Command } from '@shared/commands'
import type { KubeObject } from '@shared/contract'
import { fail } from '@shared/errors'
import {
  findStorageContainer,
  STORAGE_CONTAINER_KIND,
  storageContainerKey,
  type StorageContainerInfo,
  type StorageContainerRecord,
} from '@shared/storage-containers'
import type { Tx } from '../../core/tx'
import { kubeTime } from '../store'

// New-AksHciStorageContainer: the cloud agent records a named folder on a cluster shared volume; a
// StorageClass's `container` parameter then sends its VHDX there instead of the image directory.
// The folder holds nothing until a claim is provisioned, so the ledger has nothing to count yet.

type CreateContainer = Extract<Command, { type: 'aks.storageContainer.create' }>

// The module's own check; the real rules of MOC names are unpublished (letters, digits, - and _ here).
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

export function createStorageContainer(tx: Tx, cmd: CreateContainer): StorageContainerInfo {
  const role = tx.state.aks.cloudAgentRole
  if (tx.state.aks.phase !== 'Installed' || !role)
    fail(
      'AksHciNotInstalled',
      'AksHci is not installed. Install the AKS host with Install-AksHci (or the Azure Kubernetes Service tool) before creating a storage container.',
      'InvalidOperation',
    )
  const name = cmd.name.trim()
  if (!NAME.test(name))
    fail(
      'InvalidStorageContainerName',
      `'${cmd.name}' is not a valid storage container name: use up to 64 letters, digits, hyphens and underscores, starting with a letter or digit.`,
      'InvalidArgument',
      cmd.name,
    )
  if (findStorageContainer(tx.state, name))
    fail(
      'StorageContainerExists',
      `A storage container with the name '${name}' already exists.`,
      'ResourceExists',
      name,
    )
  const problem = aksPathProblem(tx.state, '-path', cmd.path)
  if (problem) fail('InvalidAksPath', problem, 'InvalidArgument', cmd.path)
  const path = normalizePath(cmd.path)
  const record: StorageContainerRecord = {
    apiVersion: 'hcilab.local/v1',
    kind: STORAGE_CONTAINER_KIND,
    metadata: {
      name,
      uid: `storagecontainer-${name.toLowerCase()}`,
      resourceVersion: '0',
      creationTimestamp: kubeTime(tx.now),
    },
    path,
    cloudAgent: role,
  }
  // Not a workload cluster's API object: written directly, like VolumeData, with no resourceVersion.
  tx.put('kube', storageContainerKey(name), record as KubeObject)
  return { name, path }
}

export const storageCommandHandlers = {
  'aks.storageContainer.create': createStorageContainer,
} as const
