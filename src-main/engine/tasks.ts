import type { Task, TaskOutcome, TaskOutcomeTitles, TaskState } from '@shared/domain'
import { fnv1a64 } from './core/hash'
import type { Tx } from './core/tx'

// The notifications of the Admin Center bell, as lab state. Long work is a task that starts in
// progress, moves forward, and ends once with an outcome, a title that says it and its end time, as
// Admin Center's notifications flip from "Creating volume Volume1" to "Successfully created volume
// Volume1". Instant work is one notification that has already ended.

/** The verb forms a task's titles need: Creating … / Successfully created … / Failed to create … */
interface Verb {
  doing: string
  done: string
  base: string
}

const VERBS = {
  create: { doing: 'Creating', done: 'created', base: 'create' },
  delete: { doing: 'Deleting', done: 'deleted', base: 'delete' },
  install: { doing: 'Installing', done: 'installed', base: 'install' },
  scale: { doing: 'Scaling', done: 'scaled', base: 'scale' },
  set: { doing: 'Setting', done: 'set', base: 'set' },
} satisfies Record<string, Verb>

export type TaskVerb = keyof typeof VERBS

/** A long task's titles: running, then one per outcome. */
export function taskTitles(verb: TaskVerb, subject: string): { running: string } & TaskOutcomeTitles {
  const v: Verb = VERBS[verb]
  return {
    running: `${v.doing} ${subject}`,
    succeeded: `Successfully ${v.done} ${subject}`,
    failed: `Failed to ${v.base} ${subject}`,
    cancelled: `Cancelled ${v.doing.toLowerCase()} ${subject}`,
  }
}

const OUTCOME_STATES: Record<TaskOutcome, TaskState> = {
  succeeded: 'Success',
  failed: 'Error',
  // Admin Center has no "cancelled" state: a stopped job shows as a warning.
  cancelled: 'Warning',
}

/** Starts long work's notification at 0%; `message` says what it is doing. */
export function startTask(tx: Tx, titles: { running: string } & TaskOutcomeTitles, message: string): string {
  const { running, ...outcomeTitles } = titles
  const id = tx.nextId('task')
  tx.put('tasks', id, {
    id,
    title: running,
    message,
    state: 'InProgress',
    percent: 0,
    source: tx.state.cluster.name,
    startedAt: tx.now,
    endedAt: null,
    outcomeTitles,
  })
  return id
}

/** A running task's progress: its percent only goes forward and stays below 100 until it ends. */
export function progressTask(tx: Tx, id: string, progress: { percent?: number; message?: string }): void {
  const task = runningTask(tx, id)
  if (!task) return
  const percent = Math.min(99, Math.max(task.percent, Math.round(progress.percent ?? task.percent)))
  const message = progress.message ?? task.message
  if (percent !== task.percent || message !== task.message) tx.put('tasks', id, { ...task, percent, message })
}

/** Ends a running task once: its outcome's title and state, what happened, and the end time. */
export function finishTask(tx: Tx, id: string, outcome: TaskOutcome, message: string): void {
  const task = runningTask(tx, id)
  if (!task) return
  tx.put('tasks', id, {
    ...task,
    title: task.outcomeTitles?.[outcome] ?? task.title,
    message,
    state: OUTCOME_STATES[outcome],
    percent: outcome === 'succeeded' ? 100 : task.percent,
    endedAt: tx.now,
  })
}

/** Work that is done as it is asked (a volume created, the host uninstalled): one ended notification. */
export function notifyDone(tx: Tx, title: string, message: string): string {
  const id = tx.nextId('task')
  tx.put('tasks', id, {
    id,
    title,
    message,
    state: 'Success',
    percent: 100,
    source: tx.state.cluster.name,
    startedAt: tx.now,
    endedAt: tx.now,
  })
  return id
}

function runningTask(tx: Tx, id: string): Task | undefined {
  const task = tx.get('tasks', id)
  return task?.state === 'InProgress' ? task : undefined
}

/**
 * A warning that the same occurrence updates rather than repeats (its id follows from its text): a
 * step that fails at every tick shows once, with the time it last happened.
 */
export function notifyWarning(tx: Tx, title: string, message: string): void {
  const id = `warning-${fnv1a64(`${title}\n${message}`)}`
  const shown = tx.get('tasks', id)
  tx.put('tasks', id, {
    id,
    title,
    message,
    state: 'Warning',
    percent: 100,
    source: tx.state.cluster.name,
    startedAt: shown?.startedAt ?? tx.now,
    endedAt: tx.now,
  })
}
