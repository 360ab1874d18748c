import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { setApi } from '@/api/client'
import { fakeApi } from '@/testing/fakeApi'
import { useConsoleStore } from './console'

describe('console store', () => {
  it('opens a new session when the old one ended (another lab was opened) and runs the line there', async () => {
    const api = fakeApi()
    const invoke = api.invoke.bind(api)
    let ended = true
    api.invoke = (async (channel: string, input: unknown) => {
      if (channel === 'console:run' && ended) {
        ended = false
        return {
          ok: false,
          error: {
            code: 'ConsoleNotFound',
            message: 'This console session has ended.',
            category: 'ObjectNotFound',
          },
        }
      }
      return invoke(channel as 'console:run', input as never)
    }) as typeof api.invoke
    setApi(api)
    setActivePinia(createPinia())
    const store = useConsoleStore()
    await store.open()
    const reply = await store.run('Get-Volume')
    expect(reply.output).toBe('ran Get-Volume')
    expect(reply.notice).toContain('new PowerShell session')
    expect(api.calls.filter((c) => c.channel === 'console:open')).toHaveLength(2)
  })
})
