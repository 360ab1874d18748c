import { AKS_INSTALL_MS, AKS_INSTALL_STEPS } from '@shared/aks-assumptions'
import { fail, LabFailure } from '@shared/errors'
import type { Tx } from '../core/tx'
import { checkInstallable } from './preflight'
import { finishStep } from './steps'
import { finishTask, progressTask, startTask, taskTitles } from '../tasks'
import { INSTALL_EVENT, log, patchAks, patchInstall, patchStep, TICK_EVENT } from './state'
import { removeHostResources } from './teardown'

// Install-AksHci: a run of named steps on the virtual clock. Each step's end is a scheduled event
// that applies its effect and starts the next one, so the install persists with the lab's event
// queue, continues after reopening, and runs the same at any clock speed.

const INSTALL_TITLES = taskTitles('install', 'AKS on Azure Stack HCI')
export const INSTALL_TASK_TITLE = INSTALL_TITLES.running
const TICK_MS = 60_000

export function installAks(tx: Tx): { taskId: string } {
  const aks = tx.state.aks
  if (aks.phase === 'Installing')
    fail(
      'AksInstallInProgress',
      'AKS on Azure Stack HCI is already being installed. Wait for it to finish or cancel it.',
      'InvalidOperation',
    )
  if (aks.phase === 'Installed')
    fail(
      'AksAlreadyInstalled',
      'AKS on Azure Stack HCI is already installed. Run Uninstall-AksHci first to install it again.',
      'ResourceExists',
    )
  const config = aks.config
  if (aks.phase === 'NotConfigured' || !config)
    fail(
      'AksNotConfigured',
      'AKS on Azure Stack HCI is not configured. Run Set-AksHciConfig (or the Set up wizard) before Install-AksHci.',
      'InvalidOperation',
    )
  checkInstallable(tx, config)
  const taskId = startTask(tx, INSTALL_TITLES, `${AKS_INSTALL_STEPS[0].title}…`)
  patchAks(tx, {
    phase: 'Installing',
    install: {
      taskId,
      startedAt: tx.now,
      endedAt: null,
      steps: AKS_INSTALL_STEPS.map((s) => ({
        id: s.id,
        title: s.title,
        state: 'Pending',
        startedAt: null,
        endedAt: null,
      })),
      log: [],
    },
  })
  log(tx, `Install-AksHci: installing AKS on Azure Stack HCI ${config.version} on ${tx.state.cluster.name}.`)
  startStep(tx, 0)
  tx.schedule(tx.now + TICK_MS, TICK_EVENT, null)
  return { taskId }
}

function startStep(tx: Tx, index: number): void {
  const step = AKS_INSTALL_STEPS[index]!
  patchStep(tx, index, { state: 'Running', startedAt: tx.now })
  log(tx, `${step.title}…`)
  const install = tx.state.aks.install!
  progressTask(tx, install.taskId, { message: `${step.title}…` })
  tx.schedule(tx.now + step.ms, INSTALL_EVENT, index)
}

/** Elapsed share of the planned duration, held below 100 until the last step is done. */
function percent(tx: Tx): number {
  const install = tx.state.aks.install!
  return Math.min(99, Math.floor(((tx.now - install.startedAt) / AKS_INSTALL_MS) * 100))
}

/** The scheduled end of step `data`. */
export function onStepEnd(tx: Tx, data: unknown): void {
  const index = Number(data)
  const step = AKS_INSTALL_STEPS[index]
  const aks = tx.state.aks
  if (!step || aks.phase !== 'Installing' || !aks.config || !aks.install) return
  try {
    finishStep(tx, step.id, aks.config)
  } catch (e) {
    if (!(e instanceof LabFailure)) throw e
    failInstall(tx, index, e.error.message)
    return
  }
  patchStep(tx, index, { state: 'Done', endedAt: tx.now })
  const taskId = aks.install.taskId
  if (index + 1 < AKS_INSTALL_STEPS.length) {
    progressTask(tx, taskId, { percent: percent(tx) })
    startStep(tx, index + 1)
    return
  }
  tx.unschedule((e) => e.kind === TICK_EVENT)
  patchInstall(tx, () => ({ endedAt: tx.now }))
  log(tx, 'AKS on Azure Stack HCI is installed.')
  patchAks(tx, { phase: 'Installed' })
  finishTask(tx, taskId, 'succeeded', 'The AKS host is ready: add a Kubernetes cluster.')
}

/** A minute passed: the task's percentage follows the clock between step ends. */
export function onTick(tx: Tx): void {
  const install = tx.state.aks.install
  if (tx.state.aks.phase !== 'Installing' || !install) return
  progressTask(tx, install.taskId, { percent: percent(tx) })
  tx.schedule(tx.now + TICK_MS, TICK_EVENT, null)
}

/** A step failed: nothing half-done stays; the host is left configured-but-failed with the reason. */
function failInstall(tx: Tx, index: number, reason: string): void {
  removeHostResources(tx)
  patchStep(tx, index, { state: 'Failed', endedAt: tx.now })
  patchInstall(tx, () => ({ endedAt: tx.now }))
  log(tx, `Failed: ${reason} Everything the install created was removed.`)
  patchAks(tx, { phase: 'Failed' })
  finishTask(tx, tx.state.aks.install!.taskId, 'failed', reason)
}

/** Stops a running install and removes everything it made so far. */
export function cancelInstall(tx: Tx): void {
  const aks = tx.state.aks
  if (aks.phase !== 'Installing' || !aks.install)
    fail(
      'AksNotInstalling',
      `There is no AKS on Azure Stack HCI installation to cancel (the AKS host is ${aks.phase}).`,
      'InvalidOperation',
    )
  removeHostResources(tx)
  patchInstall(tx, (i) => ({
    endedAt: tx.now,
    steps: i.steps.map((s) =>
      s.state === 'Running' || s.state === 'Pending'
        ? { ...s, state: 'Cancelled', endedAt: s.state === 'Running' ? tx.now : null }
        : s,
    ),
  }))
  log(tx, 'Installation cancelled; everything it created was removed.')
  patchAks(tx, { phase: 'Configured' })
  finishTask(tx, aks.install.taskId, 'cancelled', 'The installation was cancelled and rolled back.')
}
