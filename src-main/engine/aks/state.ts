import type { AksHost, AksInstall, AksInstallStep } from '@shared/aks'
import type { Tx } from '../core/tx'

// Small immutable updates of the AKS host singleton and its install: handlers put new objects.

export const AKS_OWNER = { kind: 'aks-host', id: 'aks-host' } as const
export const INSTALL_EVENT = 'aks.install.step'
export const TICK_EVENT = 'aks.install.tick'

export function patchAks(tx: Tx, patch: Partial<AksHost>): AksHost {
  const next = { ...tx.state.aks, ...patch }
  tx.set('aks', next)
  return next
}

export function patchInstall(tx: Tx, patch: (install: AksInstall) => Partial<AksInstall>): AksInstall | null {
  const install = tx.state.aks.install
  if (!install) return null
  const next = { ...install, ...patch(install) }
  patchAks(tx, { install: next })
  return next
}

export function patchStep(tx: Tx, index: number, patch: Partial<AksInstallStep>): void {
  patchInstall(tx, (i) => ({ steps: i.steps.map((s, n) => (n === index ? { ...s, ...patch } : s)) }))
}

export function log(tx: Tx, text: string): void {
  patchInstall(tx, (i) => ({ log: [...i.log, { t: tx.now, text }] }))
}
