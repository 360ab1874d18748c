import { flushPromises } from '@vue/test-utils'
import type { Terminal } from '@xterm/xterm'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { setApi } from '@/api/client'
import { useConsoleStore } from '@/stores/console'
import { fakeApi } from '@/testing/fakeApi'
import { ConsoleController } from './consoleController'
import { fakeTerminal } from '@/testing/fakeTerminal'

// A blocking line (Install-AksHci): its console:output text shows while console:run is pending,
// other sessions' text does not, and Ctrl+C sends console:cancel, after which the run ends.

describe('PowerShell console with a blocking line', () => {
  it('prints console:output while the line runs and cancels it on Ctrl+C', async () => {
    const api = fakeApi()
    const invoke = api.invoke.bind(api)
    let finish: () => void = () => {}
    api.invoke = (async (channel: string, input: unknown) => {
      if (channel === 'console:run')
        return new Promise((resolve) => {
          finish = () => resolve({ ok: true, data: { output: 'cancelled', prompt: 'PS C:\\> ' } })
        })
      if (channel === 'console:cancel') {
        api.calls.push({ channel, input })
        setTimeout(() => finish(), 0)
        return { ok: true, data: null }
      }
      return invoke(channel as 'console:open', input as never)
    }) as typeof api.invoke
    setApi(api)
    setActivePinia(createPinia())
    const store = useConsoleStore()
    const term = fakeTerminal()
    const controller = new ConsoleController(term as unknown as Terminal, store)
    await controller.start()

    term.type('Install-AksHci\r')
    await flushPromises()
    api.emit('console:output', { sessionId: 's1', text: 'Downloading images…\n[###    ] 30%' })
    api.emit('console:output', { sessionId: 'other', text: 'not mine' })
    expect(term.text).toContain('Downloading images…\r\n[###    ] 30%\r\n')
    expect(term.text).not.toContain('not mine')

    term.type('\x03')
    await new Promise((r) => setTimeout(r, 5))
    await flushPromises()
    expect(api.calls.some((c) => c.channel === 'console:cancel')).toBe(true)
    expect(term.text).toContain('^C')
    expect(term.text).toContain('cancelled')
    controller.dispose()
    api.emit('console:output', { sessionId: 's1', text: 'after dispose' })
    expect(term.text).not.toContain('after dispose')
  })

  it('keeps what is typed while a line runs: it waits at the next prompt', async () => {
    const api = fakeApi()
    const invoke = api.invoke.bind(api)
    const runs: string[] = []
    let finish: () => void = () => {}
    api.invoke = (async (channel: string, input: unknown) => {
      if (channel === 'console:run') {
        runs.push((input as { line: string }).line)
        return new Promise((resolve) => {
          finish = () => resolve({ ok: true, data: { output: 'done', prompt: 'PS C:\\> ' } })
        })
      }
      return invoke(channel as 'console:open', input as never)
    }) as typeof api.invoke
    setApi(api)
    setActivePinia(createPinia())
    const term = fakeTerminal()
    const controller = new ConsoleController(term as unknown as Terminal, useConsoleStore())
    await controller.start()
    term.type('Install-AksHci\r')
    await flushPromises()
    for (const key of 'Get-VMx') term.type(key)
    term.type('\x7f') // a typo taken back
    finish()
    await flushPromises()
    expect(runs).toEqual(['Install-AksHci'])
    const afterRun = term.text.slice(term.text.indexOf('done'))
    expect(afterRun).toContain('PS C:\\> Get-VM')
    expect(afterRun).not.toContain('Get-VMx')
    term.type('\r')
    await flushPromises()
    expect(runs).toEqual(['Install-AksHci', 'Get-VM'])
  })
})
