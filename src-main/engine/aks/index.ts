import type { Tx } from '../core/tx'
import { kubeEventHandlers } from '../kube'
import { CLUSTER_EVENT, onClusterStage } from './cluster-stages'
import { createCluster, deleteCluster, getCredential, useContext } from './clusters'
import { configureAks, registerAks } from './configure'
import { createNodePool, scaleNodePool, setControlPlane } from './nodepools'
import { cancelInstall, installAks, onStepEnd, onTick } from './install'
import { INSTALL_EVENT, TICK_EVENT } from './state'
import { uninstallAks } from './uninstall'

// The AKS host capability: command handlers wired into engine/handlers.ts, and its scheduled events.

export { addDefaultClusterGroups, defaultClusterGroups, workloadClusterNames } from './groups'
export { INSTALL_TASK_TITLE } from './install'

export const aksCommandHandlers = {
  'aks.configure': configureAks,
  'aks.register': registerAks,
  'aks.install': installAks,
  'aks.cancelInstall': cancelInstall,
  'aks.uninstall': uninstallAks,
  'aks.cluster.create': createCluster,
  'aks.cluster.delete': deleteCluster,
  'aks.credential': getCredential,
  'kube.useContext': useContext,
  'aks.cluster.setControlPlane': setControlPlane,
  'aks.nodepool.create': createNodePool,
  'aks.nodepool.scale': scaleNodePool,
} as const

export const aksEventHandlers: Record<string, (tx: Tx, data: unknown) => void> = {
  [INSTALL_EVENT]: onStepEnd,
  [TICK_EVENT]: (tx) => onTick(tx),
  [CLUSTER_EVENT]: onClusterStage,
  ...kubeEventHandlers,
}
