import type { Tx } from '../core/tx'
import { removeFile } from '../hci/ledger'
import { INSTALL_EVENT, patchAks, TICK_EVENT } from './state'

// Removing what the AKS host made: shared by cancel, a failed install and Uninstall-AksHci, so all
// three free exactly the same bytes and memory. Everything the install creates carries the
// 'aks-host' owner (files, VMs) or is named in the host singleton (cloud agent role, node agents).

export function removeHostResources(tx: Tx): void {
  tx.unschedule((e) => e.kind === INSTALL_EVENT || e.kind === TICK_EVENT)
  for (const vm of tx.all('vms').filter((v) => v.owner.kind === 'aks-host')) tx.remove('vms', vm.id)
  const files = tx
    .all('files')
    .filter((f) => f.owner.kind === 'aks-host')
    .sort((a, b) => a.id.localeCompare(b.id))
  for (const f of files) removeFile(tx, f.id)
  const role = tx.state.aks.cloudAgentRole
  if (role) tx.remove('clusterGroups', role)
  patchAks(tx, { managementVmId: null, nodeAgentServerIds: [] })
}
