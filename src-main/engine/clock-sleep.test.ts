import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from './hci/build'
import { Lab } from './lab'

// clock.sleep / clock.wake: the task Start-Sleep waits for.

const newLab = () => Lab.create({ name: 'T', seed: 1, hardware: DEFAULT_HARDWARE })

describe('clock.sleep', () => {
  it('is a task that succeeds once the time has passed', () => {
    const lab = newLab()
    const result = lab.dispatch({ type: 'clock.sleep', ms: 90_000 })
    if (!result.ok) throw new Error(result.error.message)
    const { taskId } = result.data as { taskId: string }
    expect(lab.state.tasks[taskId]).toMatchObject({
      title: 'Start-Sleep: waiting 90 seconds of virtual time',
      message: 'Waiting 90 seconds of virtual time (Start-Sleep)',
      state: 'InProgress',
    })
    lab.dispatch({ type: 'clock.advance', ms: 89_999 })
    expect(lab.state.tasks[taskId]!.state).toBe('InProgress')
    lab.dispatch({ type: 'clock.advance', ms: 1 })
    expect(lab.state.tasks[taskId]).toMatchObject({
      title: 'Start-Sleep: waited 90 seconds of virtual time',
      state: 'Success',
      endedAt: lab.now,
    })
  })

  it('wakes early on clock.wake, and refuses a task that is not a sleep', () => {
    const lab = newLab()
    const result = lab.dispatch({ type: 'clock.sleep', ms: 1000 })
    const { taskId } = (result as { data: { taskId: string } }).data
    expect(lab.dispatch({ type: 'clock.wake', taskId }).ok).toBe(true)
    expect(lab.state.tasks[taskId]).toMatchObject({ state: 'Warning', message: 'Stopped with Ctrl+C.' })
    expect(lab.state.queue).toEqual([])
    const wrong = lab.dispatch({ type: 'clock.wake', taskId: 'task-nope' })
    expect(wrong.ok ? '' : wrong.error.message).toBe("No Start-Sleep is waiting as task 'task-nope'.")
  })
})
