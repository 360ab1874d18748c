import type { Command } from '@shared/commands'
import { fail } from '@shared/errors'
import type { Tx } from './core/tx'
import { finishTask, startTask } from './tasks'

// Start-Sleep: a console line that waits for virtual time. The wait is a task (as every long piece
// of work the console blocks on) that ends by itself once the time has passed; the hosts move the
// clock meanwhile, at the lab's speed in the app, straight to the end in the CLI.

type Sleep = Extract<Command, { type: 'clock.sleep' }>
type Wake = Extract<Command, { type: 'clock.wake' }>

const COMPLETE = 'task.complete'
const SLEEP_ID_PREFIX = 'sleep'

/** A Start-Sleep's task (the console prints no progress for it, and Ctrl+C ends it quietly). */
export function isSleepTask(taskId: string): boolean {
  return taskId.startsWith(`${SLEEP_ID_PREFIX}-`)
}

export function sleep(tx: Tx, command: Sleep): { taskId: string } {
  const seconds = command.ms / 1000
  const what = `${seconds} second${seconds === 1 ? '' : 's'} of virtual time`
  const taskId = startTask(
    tx,
    {
      running: `Start-Sleep: waiting ${what}`,
      succeeded: `Start-Sleep: waited ${what}`,
      failed: `Start-Sleep: could not wait ${what}`,
      cancelled: `Start-Sleep: stopped waiting ${what}`,
    },
    `Waiting ${what} (Start-Sleep)`,
    tx.nextId(SLEEP_ID_PREFIX),
  )
  tx.schedule(tx.now + command.ms, COMPLETE, taskId)
  return { taskId }
}

/** Ctrl+C on Start-Sleep: the wait ends now. */
export function wake(tx: Tx, command: Wake): void {
  const task = tx.get('tasks', command.taskId)
  if (!task || !isSleepTask(task.id))
    fail(
      'SleepNotFound',
      `No Start-Sleep is waiting as task '${command.taskId}'.`,
      'ObjectNotFound',
      command.taskId,
    )
  if (task.state !== 'InProgress') return
  tx.unschedule((e) => e.kind === COMPLETE && e.data === command.taskId)
  finishTask(tx, task.id, 'cancelled', 'Stopped with Ctrl+C.')
}
