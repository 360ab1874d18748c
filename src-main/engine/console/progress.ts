import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import type { LabState } from '../core/state'
import { dateTimeText } from './dates'

// Progress of long work a line waits for (Install-AksHci), as text. One place for it, so the in-app
// console and `hci-lab run` print the same lines. The engine's install log already says what each
// step starts and what it made (as the module's verbose output does); each entry gets its virtual
// time and the share of the whole install done by then.

export class TaskProgress {
  /** Log entries already printed. */
  private printed = 0

  constructor(readonly taskId: string) {}

  /** Lines not printed yet, oldest first. */
  next(state: Readonly<LabState>): string[] {
    const install = state.aks.install
    if (!install || install.taskId !== this.taskId) return []
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
}
