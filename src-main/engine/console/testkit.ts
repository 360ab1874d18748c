import { DEFAULT_HARDWARE } from '../hci/build'
import { Lab } from '../lab'
import { ConsoleSession } from './session'

// Test helper: a console on a fresh lab (the default 2-server lab, or more servers).

export function newConsole(servers = 2, width?: number) {
  const lab = Lab.create({ name: 'Test', seed: 1, hardware: { ...DEFAULT_HARDWARE, servers } })
  const session = new ConsoleSession(
    { state: () => lab.state, dispatch: (c) => lab.dispatch(c) },
    { color: false, ...(width ? { width } : {}) },
  )
  return { lab, session, run: (line: string) => session.run(line).output }
}

/** Lines joined as the console joins them: makes blank lines visible in expectations. */
export const text = (...lines: string[]) => lines.join('\n')
