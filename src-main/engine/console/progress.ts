import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import type { LabState } from '../core/state'
import { isSleepTask } from '../clock-sleep'
import { dateTimeText } from './dates'

// Progress of long work a line waits for (Install-AksHci, New-AksHciCluster …), as text. One place for it, so the in-app
// console and `hci-lab run` print the same lines. The engine's install log already says what each
// step starts and what it made (as the module's verbose output does); each entry gets its virtual
// time and the share of the whole install done by then. Other tasks print their percent and message.

export class TaskProgress {
  /** Log entries already printed. */
  private printed = 0

  constructor(readonly taskId: string) {}

  /** Lines not printed yet, oldest first. */
  next(state: Readonly<LabState>): string[] {
    const install = state.aks.install
    if (!install || install.taskId !== this.taskId) return this.taskLines(state)
    const done = state.tasks[this.taskId]?.state === 'Success'
    const entries = install.log.slice(this.printed)
    this.printed = install.log.length
    return entries.map((entry, i) => {
      const last = done && this.printed - entries.length + i === install.log.length - 1
      const share = Math.floor(((entry.t - install.startedAt) * 100) / AKS_INSTALL_MS)
      const percent = last ? 100 : Math.min(99, Math.max(0, share))
      return `[${dateTimeText(entry.t)}] ${String(percent).padStart(3)}% ${entry.text}`
    })
  }

  /** What the task last said, for work without a log (cluster create/scale/delete). */
  private last = ''

  /** A line each time the task's percent or message changes; 100% once it succeeded. */
  private taskLines(state: Readonly<LabState>): string[] {
    const task = state.tasks[this.taskId]
    // Start-Sleep prints nothing while it waits.
    if (!task || isSleepTask(task.id)) return []
    const percent = task.state === 'Success' ? 100 : Math.min(99, task.percent)
    const line = `${String(percent).padStart(3)}% ${task.message}`
    if (line === this.last || (task.state !== 'InProgress' && task.state !== 'Success')) return []
    this.last = line
    return [`[${dateTimeText(task.endedAt ?? state.clock.now)}] ${line}`]
  }
}
