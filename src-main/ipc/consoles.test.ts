import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ConsoleReply, EventPayloads } from '@shared/contract'
import { stripAnsi } from '../engine/console'
import { FLOW } from '../engine/console/testkit'
import { LabStore } from '../persistence'
import { serviceHandlers } from './channels'
import { createInvoke } from './invoke'
import { LabService } from './lab-service'

// A line that blocks (Install-AksHci) through the service: console:run stays pending while virtual
// time runs, progress arrives as console:output events, console:cancel rolls the install back.

let dir: string
let service: LabService
let outputs: EventPayloads['console:output'][]

beforeEach(() => {
  vi.useFakeTimers()
  dir = mkdtempSync(join(tmpdir(), 'hci-consoles-'))
  service = LabService.start({ dataDir: dir, log: () => {}, wallNow: () => Date.now() })
  outputs = []
  service.onEvent((e) => {
    if (e.event === 'console:output') outputs.push(e.payload)
  })
})

afterEach(() => {
  service.close()
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

async function call(channel: string, input: unknown) {
  const reply = await createInvoke(serviceHandlers(service), () => true)(undefined, channel, input)
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`)
  return reply.data
}

/** Starts the flow; the returned promise settles only when the line is done. */
async function startInstall(sessionId: string) {
  let settled: ConsoleReply | null = null
  const run = (call('console:run', { sessionId, line: `${FLOW}; 'after'` }) as Promise<ConsoleReply>).then(
    (r) => (settled = r),
  )
  await vi.advanceTimersByTimeAsync(0)
  return { run, settled: () => settled }
}

const printed = () => stripAnsi(outputs.map((o) => o.text).join('\n'))

describe('console:run of a blocking line', () => {
  it('stays pending until the install ends, streaming progress, then runs the rest of the line', async () => {
    const { sessionId } = (await call('console:open', {})) as { sessionId: string }
    service.command({ type: 'clock.speed', speed: 'pause' })
    const { run, settled } = await startInstall(sessionId)
    expect(settled()).toBeNull()
    expect(outputs.every((o) => o.sessionId === sessionId)).toBe(true)
    expect(printed()).toContain('Install-AksHci: installing AKS on Azure Stack HCI')
    // The clock is paused (and no ticker runs here): the line says so and waits.
    await vi.advanceTimersByTimeAsync(1000)
    expect(printed()).toContain('WARNING: The virtual clock is paused.')
    expect(settled()).toBeNull()

    service.lab.advanceTo(service.lab.now + 10 * 60_000)
    await vi.advanceTimersByTimeAsync(200)
    expect(printed()).toContain('Downloaded CBL-Mariner node image')
    expect(settled()).toBeNull()

    service.lab.advanceTo(service.lab.now + 3_600_000)
    await vi.advanceTimersByTimeAsync(200)
    const reply = await run
    expect(reply.output).toBe('after')
    expect(reply.error).toBeUndefined()
    expect(reply.wait).toBeUndefined()
    expect(printed()).toContain('100% AKS on Azure Stack HCI is installed.')
    expect(service.lab.state.aks.phase).toBe('Installed')
  })

  it('console:cancel stops waiting and rolls the install back', async () => {
    const { sessionId } = (await call('console:open', {})) as { sessionId: string }
    const { run, settled } = await startInstall(sessionId)
    service.lab.advanceTo(service.lab.now + 20 * 60_000)
    await vi.advanceTimersByTimeAsync(200)
    expect(settled()).toBeNull()
    expect(await call('console:cancel', { sessionId })).toBeNull()
    const reply = await run
    expect(reply.error).toBe('The operation was stopped: The installation was cancelled and rolled back.')
    expect(printed()).toContain('Installation cancelled; everything it created was removed.')
    expect(stripAnsi(reply.output)).not.toContain('after')
    expect(service.lab.state.aks.phase).toBe('Configured')
    expect(Object.keys(service.lab.state.vms)).toEqual([])
    // The cancel is a saved command like any other.
    const file = service.file
    service.close()
    const reopened = LabStore.open(file)
    expect(reopened.lab.state.aks.phase).toBe('Configured')
    reopened.store.close()
    service = LabService.start({ dataDir: dir, log: () => {} })
  })

  it('the clock ticker moves time at the lab speed while the line waits', async () => {
    const { sessionId } = (await call('console:open', {})) as { sessionId: string }
    service.command({ type: 'clock.speed', speed: '600' })
    service.ticker.start()
    const { run } = await startInstall(sessionId)
    // 30 virtual minutes at 600x are 3 wall seconds.
    await vi.advanceTimersByTimeAsync(3500)
    const reply = await run
    expect(reply.output).toBe('after')
    expect(printed()).not.toContain('WARNING')
  })

  it('a closed console ends its pending run', async () => {
    const { sessionId } = (await call('console:open', {})) as { sessionId: string }
    const { run } = await startInstall(sessionId)
    await call('console:close', { sessionId })
    expect((await run).output).toBe('')
  })
})
