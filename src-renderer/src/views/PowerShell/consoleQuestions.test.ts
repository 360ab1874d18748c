import { flushPromises } from '@vue/test-utils'
import type { Terminal } from '@xterm/xterm'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { setApi } from '@/api/client'
import { useConsoleStore } from '@/stores/console'
import { fakeApi } from '@/testing/fakeApi'
import { ConsoleController } from './consoleController'
import { fakeTerminal } from '@/testing/fakeTerminal'

// A question of the console (a missing mandatory parameter, -Confirm) is answered by the next line,
// an empty one included (the end of an array, -Confirm's default Yes): the console sends every line
// and shows the question as its prompt.

describe('PowerShell console questions', () => {
  it('shows the question as the prompt and sends an empty answer', async () => {
    const api = fakeApi()
    const invoke = api.invoke.bind(api)
    const lines: string[] = []
    api.invoke = (async (channel: string, input: unknown) => {
      if (channel === 'console:run') {
        const line = (input as { line: string }).line
        lines.push(line)
        return { ok: true, data: { output: '', prompt: line === 'Get-Content' ? 'Path[0]: ' : 'PS C:\\> ' } }
      }
      return invoke(channel as 'console:open', input as never)
    }) as typeof api.invoke
    setApi(api)
    setActivePinia(createPinia())
    const term = fakeTerminal()
    const controller = new ConsoleController(term as unknown as Terminal, useConsoleStore())
    await controller.start()
    term.type('Get-Content\r')
    await flushPromises()
    expect(term.text.endsWith('Path[0]: ')).toBe(true)
    term.type('\r')
    await flushPromises()
    expect(lines).toEqual(['Get-Content', ''])
    expect(term.text.endsWith('PS C:\\> ')).toBe(true)
    controller.dispose()
  })
})
