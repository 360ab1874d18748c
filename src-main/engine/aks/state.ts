import type { AksHost, AksInstall, AksInstallStep } from '@shared/aks'
import type { Task } from '@shared/domain'
import type { Tx } from '../core/tx'

// Small immutable updates of the AKS host singleton and its install task: handlers put new objects.

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

export function patchTask(tx: Tx, id: string, patch: Partial<Task>): void {
  const task = tx.get('tasks', id)
  if (task) tx.put('tasks', id, { ...task, ...patch })
}

export function notify(tx: Tx, title: string, message: string, state: Task['state'] = 'Success'): string {
  const id = tx.nextId('task')
  tx.put('tasks', id, {
    id,
    title,
    message,
    state,
    percent: state === 'InProgress' ? 0 : 100,
    source: tx.state.cluster.name,
    startedAt: tx.now,
    endedAt: state === 'InProgress' ? null : tx.now,
  })
  return id
}
