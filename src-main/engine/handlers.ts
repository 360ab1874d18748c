import type { Command, CommandType } from '@shared/commands'
import { fail } from '@shared/errors'
import { aksCommandHandlers, aksEventHandlers } from './aks'
import type { Tx } from './core/tx'
import { kubeCommandHandlers } from './kube'
import { storageCommandHandlers } from './kube/storage'
import { deleteUnownedFile } from './hci/files'
import { createVolume, deleteVolume, resizeVolume } from './hci/volumes'
import { finishTask } from './tasks'

type Handler<K extends CommandType> = (tx: Tx, command: Extract<Command, { type: K }>) => unknown

/** The engine's command handlers, one per command type. `clock.advance` is handled by the Lab itself. */
export const commandHandlers: { [K in CommandType]: Handler<K> } = {
  'volume.create': createVolume,
  'volume.resize': resizeVolume,
  'volume.delete': deleteVolume,
  'file.delete': deleteUnownedFile,
  'clock.advance': () => fail('Internal', 'clock.advance is applied by the lab itself.', 'InvalidOperation'),
  'clock.speed': (tx, c) => tx.set('clock', { ...tx.state.clock, speed: c.speed }),
  ...aksCommandHandlers,
  ...kubeCommandHandlers,
  ...storageCommandHandlers,
  'lab.rename': (tx, c) => {
    const name = c.name.trim()
    if (!name) fail('InvalidLabName', 'The lab name cannot be empty.', 'InvalidArgument')
    tx.set('meta', { ...tx.state.meta, name })
  },
}

/** Handlers of work scheduled on the virtual clock, by event kind. Later issues add their kinds. */
export const eventHandlers: Record<string, (tx: Tx, data: unknown) => void> = {
  'task.complete': (tx, data) => {
    const id = String(data)
    const task = tx.get('tasks', id)
    if (task) finishTask(tx, id, 'succeeded', task.message)
  },
  ...aksEventHandlers,
}
