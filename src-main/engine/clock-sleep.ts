import type { Command } from '@shared/commands'
import { fail } from '@shared/errors'
import type { Tx } from './core/tx'

// Start-Sleep: a console line that waits for virtual time. The wait is a task (as every long piece
// of work the console blocks on) that ends by itself once the time has passed; the hosts move the
// clock meanwhile, at the lab's speed in the app, straight to the end in the CLI.

type Sleep = Extract<Command, { type: 'clock.sleep' }>
type Wake = Extract<Command, { type: 'clock.wake' }>

const COMPLETE = 'task.complete'
/** The title of a Start-Sleep's task: the console prints no progress for it. */
export const SLEEP_TASK_TITLE = 'Start-Sleep'

export function sleep(tx: Tx, command: Sleep): { taskId: string } {
  const taskId = tx.nextId('task')
  const seconds = command.ms / 1000
  tx.put('tasks', taskId, {
    id: taskId,
    title: SLEEP_TASK_TITLE,
    message: `Waiting ${seconds} second${seconds === 1 ? '' : 's'} of virtual time (Start-Sleep)`,
    state: 'InProgress',
    percent: 0,
    source: tx.state.cluster.name,
    startedAt: tx.now,
    endedAt: null,
  })
  tx.schedule(tx.now + command.ms, COMPLETE, taskId)
  return { taskId }
}

/** Ctrl+C on Start-Sleep: the wait ends now. */
export function wake(tx: Tx, command: Wake): void {
  const task = tx.get('tasks', command.taskId)
  if (!task || task.title !== SLEEP_TASK_TITLE)
    fail(
      'SleepNotFound',
      `No Start-Sleep is waiting as task '${command.taskId}'.`,
      'ObjectNotFound',
      command.taskId,
    )
  if (task.state !== 'InProgress') return
  tx.unschedule((e) => e.kind === COMPLETE && e.data === command.taskId)
  tx.put('tasks', task.id, {
    ...task,
    state: 'Informational',
    message: 'Start-Sleep was stopped.',
    endedAt: tx.now,
  })
}
