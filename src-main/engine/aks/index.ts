import type { Tx } from '../core/tx'
import { configureAks, registerAks } from './configure'
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
} as const

export const aksEventHandlers: Record<string, (tx: Tx, data: unknown) => void> = {
  [INSTALL_EVENT]: onStepEnd,
  [TICK_EVENT]: (tx) => onTick(tx),
}
