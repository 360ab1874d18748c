import { describe, expect, it } from 'vitest'
import type { CommandInput } from '@shared/commands'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { Lab } from '../engine/lab'
import { stripAnsi } from '../engine/console'
import { ConsoleSessions } from './consoles'

// The app's consoles are interactive: a cmdlet missing a mandatory parameter asks for it, and the
// next line run in that console is the answer.

describe("the app's consoles", () => {
  it('ask for a missing mandatory parameter and take the next line as its value', async () => {
    const lab = Lab.create({ name: 'T', seed: 1, hardware: DEFAULT_HARDWARE })
    const consoles = new ConsoleSessions({
      state: () => lab.state,
      dispatch: (c: CommandInput) => lab.dispatch(c),
    })
    const { sessionId } = consoles.open()
    const asked = await consoles.run(sessionId, 'New-Volume -Size 10GB')
    expect(stripAnsi(asked.output)).toBe(
      'cmdlet New-Volume at command pipeline position 1\nSupply values for the following parameters:',
    )
    expect(asked.prompt).toBe('FriendlyName: ')
    const done = await consoles.run(sessionId, 'Data')
    expect(done.error).toBeUndefined()
    expect(Object.values(lab.state.volumes).map((v) => v.name)).toContain('Data')
  })
})
