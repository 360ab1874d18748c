import { fail } from '@shared/errors'
import type { Tx } from '../core/tx'
import { workloadClusterNames } from './groups'
import { notifyDone } from '../tasks'
import { patchAks } from './state'
import { removeHostResources } from './teardown'

/** Uninstall-AksHci: removes the host, its VMs, files, role and configuration. */
export function uninstallAks(tx: Tx): void {
  const aks = tx.state.aks
  if (aks.phase === 'Installing')
    fail(
      'AksInstallInProgress',
      'AKS on Azure Stack HCI is being installed. Cancel the installation instead of uninstalling.',
      'InvalidOperation',
    )
  if (aks.phase === 'NotConfigured')
    fail(
      'AksNotInstalled',
      'AKS on Azure Stack HCI is not installed or configured on this cluster: there is nothing to uninstall.',
      'InvalidOperation',
    )
  const clusters = workloadClusterNames(tx.state)
  if (clusters.length > 0)
    fail(
      'WorkloadClustersExist',
      `The AKS host still runs workload cluster(s) ${clusters.map((c) => `'${c}'`).join(', ')}. ` +
        'Remove them with Remove-AksHciCluster before Uninstall-AksHci.',
      'InvalidOperation',
      clusters[0],
    )
  const wasInstalled = aks.phase === 'Installed'
  removeHostResources(tx)
  patchAks(tx, {
    phase: 'NotConfigured',
    config: null,
    registration: null,
    install: null,
    cloudAgentRole: null,
  })
  notifyDone(
    tx,
    'Uninstalled AKS on Azure Stack HCI',
    wasInstalled
      ? 'Removed the management cluster, the node images, the cloud agent role and the node agents.'
      : 'Removed the AKS host configuration.',
  )
}
