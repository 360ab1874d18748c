import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InvokeChannel, InvokeOutput } from '@shared/contract'
import { LAB_EPOCH } from '../engine/hci/build'
import { LabFileError, LabStore } from '../persistence'
import { serviceHandlers } from './channels'
import { createInvoke } from './invoke'
import { LabService, type ServiceEvent } from './lab-service'

const GiB = 1024 ** 3
const volume = (name: string) => ({
  type: 'volume.create',
  name,
  resiliency: 'two-way-mirror',
  sizeBytes: 100 * GiB,
  provisioning: 'Fixed',
})

let dir: string
let service: LabService | undefined
let events: ServiceEvent[]
let wall: number

function start(labFile?: string): LabService {
  service = LabService.start({ dataDir: dir, labFile, log: () => {}, wallNow: () => wall })
  service.onEvent((e) => events.push(e))
  return service
}

/** Calls a channel the way the transports do: through the wrapper. */
function call(channel: InvokeChannel, input: unknown = {}) {
  return createInvoke(serviceHandlers(service!), () => true)(undefined, channel, input)
}

async function data<C extends InvokeChannel>(channel: C, input: unknown = {}): Promise<InvokeOutput<C>> {
  const reply = await call(channel, input)
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.message}`)
  return reply.data as InvokeOutput<C>
}

async function error(channel: InvokeChannel, input: unknown = {}) {
  const reply = await call(channel, input)
  if (reply.ok) throw new Error(`${channel} should have failed`)
  return reply.error
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-service-'))
  events = []
  wall = 1_000_000
})

afterEach(() => {
  service?.close()
  service = undefined
  vi.restoreAllMocks()
  vi.useRealTimers()
  rmSync(dir, { recursive: true, force: true })
})

describe('starting', () => {
  it('creates the default lab on first run, then reopens the most recent lab', async () => {
    start()
    const info = await data('lab:info')
    expect(info.name).toBe('Default lab')
    expect(info.file).toBe(join(dir, 'labs', 'Default lab.hcilab'))
    expect(info.recent.map((e) => e.name)).toEqual(['Default lab'])
    await data('lab:new', { name: 'Second' })
    service!.close()
    start()
    expect((await data('lab:info')).name).toBe('Second')
  })

  it('opens the lab it is given, and throws its file error', () => {
    expect(() => start(join(dir, 'missing.hcilab'))).toThrow(LabFileError)
  })
})

describe('snapshot', () => {
  it('is the state without the engine internals, at the current version', async () => {
    start()
    const snap = await data('lab:snapshot')
    expect(snap.version).toBe(0)
    expect(Object.keys(snap.view).sort()).toEqual(
      [
        'meta',
        'clock',
        'cluster',
        'pool',
        'servers',
        'drives',
        'switches',
        'volumes',
        'files',
        'aks',
        'vms',
        'clusterGroups',
        'aksClusters',
        'kube',
        'kubeconfig',
        'tasks',
        'samples',
        'performance',
      ].sort(),
    )
    expect(Object.values(snap.view.volumes).map((v) => v.name)).toEqual(['Volume01'])
  })
})

describe('commands', () => {
  it('saves a command before acknowledging it', async () => {
    start()
    const append = vi.spyOn(LabStore.prototype, 'append')
    const reply = call('lab:command', { command: volume('Data') })
    // The wrapper is async, but the command is durable by the time the reply exists.
    expect(append).toHaveBeenCalledTimes(1)
    expect((await reply).ok).toBe(true)
    expect(append.mock.calls[0]![0]).toEqual({ ...volume('Data'), mirrorSizeBytes: 0 })
    expect(append.mock.calls[0]![1]).toBe(LAB_EPOCH)
    const file = service!.file
    service!.close()
    service = undefined
    const { store, lab } = LabStore.open(file)
    store.close()
    expect(Object.values(lab.state.volumes).map((v) => v.name)).toContain('Data')
  })

  it('refuses invalid commands and engine errors without saving anything', async () => {
    start()
    const append = vi.spyOn(LabStore.prototype, 'append')
    expect((await error('lab:command', { command: { type: 'volume.create' } })).code).toBe('InvalidInput')
    expect((await error('lab:command', { command: volume('Volume01') })).category).toBe('ResourceExists')
    expect(append).not.toHaveBeenCalled()
  })

  it('undoes a command whose save failed by reloading the lab, and says so', async () => {
    start()
    vi.spyOn(LabStore.prototype, 'append').mockImplementationOnce(() => {
      throw new LabFileError(
        'Io',
        'x.hcilab',
        'Could not save a command to the lab file "x.hcilab": disk full.',
      )
    })
    const failed = await error('lab:command', { command: volume('Lost') })
    expect(failed.code).toBe('SaveFailed')
    expect(failed.message).toMatch(/undone: Could not save .*disk full/)
    const names = Object.values(service!.lab.state.volumes).map((v) => v.name)
    expect(names).not.toContain('Lost')
    expect(events.map((e) => e.event)).toContain('lab:switched')
    // The lab works on afterwards.
    expect((await call('lab:command', { command: volume('Kept') })).ok).toBe(true)
  })

  it('previews without changing or saving', async () => {
    start()
    const append = vi.spyOn(LabStore.prototype, 'append')
    expect((await call('lab:preview', { command: volume('Maybe') })).ok).toBe(true)
    expect(service!.lab.changeVersion).toBe(0)
    expect(append).not.toHaveBeenCalled()
  })
})

describe('change events', () => {
  it('are throttled and merged into one versioned batch', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    start()
    await data('lab:command', { command: volume('A') })
    await data('lab:command', { command: volume('B') })
    await data('lab:command', { command: volume('C') })
    expect(events.filter((e) => e.event === 'lab:changes')).toHaveLength(0)
    vi.advanceTimersByTime(100)
    const batches = events.flatMap((e) => (e.event === 'lab:changes' ? [e.payload] : []))
    expect(batches).toHaveLength(1)
    expect(batches[0]!.from).toBe(0)
    expect(batches[0]!.version).toBe(3)
    expect(
      batches[0]!.changes.filter((c) => c.c === 'volumes').map((c) => (c.v as { name: string }).name),
    ).toEqual(['A', 'B', 'C'])
  })
})

describe('the clock', () => {
  it('runs at the lab speed and is saved at most once a second, and on close', async () => {
    start()
    const saveClock = vi.spyOn(LabStore.prototype, 'saveClock')
    await data('lab:command', { command: { type: 'clock.speed', speed: '60' } })
    const ticker = service!.ticker
    ticker.tick()
    for (let i = 0; i < 20; i++) {
      wall += 100
      ticker.tick()
    }
    expect(service!.lab.now).toBe(LAB_EPOCH + 120_000)
    expect(saveClock.mock.calls.length).toBeGreaterThanOrEqual(1)
    expect(saveClock.mock.calls.length).toBeLessThanOrEqual(2)
    const file = service!.file
    service!.close()
    service = undefined
    expect(saveClock.mock.calls.at(-1)![0]).toBe(LAB_EPOCH + 120_000)
    const { store, lab } = LabStore.open(file)
    store.close()
    expect(lab.now).toBe(LAB_EPOCH + 120_000)
  })

  it('stands still when paused', async () => {
    start()
    await data('lab:command', { command: { type: 'clock.speed', speed: 'pause' } })
    service!.ticker.tick()
    wall += 5_000
    service!.ticker.tick()
    expect(service!.lab.now).toBe(LAB_EPOCH)
  })
})

describe('consoles', () => {
  it('run commands on the open lab through the saved path', async () => {
    start()
    const opened = await data('console:open')
    expect(opened.sessionId).toEqual(expect.any(String))
    expect(opened.prompt).toMatch(/PS .*>/)
    const pool = await data('console:run', { sessionId: opened.sessionId, line: 'Get-StoragePool' })
    expect(pool.output).toContain('S2D on hci-cluster')
    expect(pool.error).toBeUndefined()
    const append = vi.spyOn(LabStore.prototype, 'append')
    const created = await data('console:run', {
      sessionId: opened.sessionId,
      line: 'New-Volume -FriendlyName Logs -Size 100GB -ResiliencySettingName Mirror',
    })
    expect(created.error).toBeUndefined()
    expect(append).toHaveBeenCalledTimes(1)
    expect(Object.values(service!.lab.state.volumes).map((v) => v.name)).toContain('Logs')
    const failed = await data('console:run', {
      sessionId: opened.sessionId,
      line: 'Get-Volume -FriendlyName Nope',
    })
    expect(failed.error).toEqual(expect.any(String))
  })

  it('fits tables to the width of the terminal that runs the line', async () => {
    start()
    const { sessionId } = await data('console:open')
    const narrow = await data('console:run', { sessionId, line: 'Get-VirtualDisk', width: 120 })
    expect(narrow.output).toContain('StorageE...')
    const wide = await data('console:run', { sessionId, line: 'Get-VirtualDisk', width: 180 })
    expect(wide.output).toContain('StorageEfficiency')
    const bad = await error('console:run', { sessionId, line: 'Get-VirtualDisk', width: 5 })
    expect(bad.code).toBe('InvalidInput')
  })

  it('complete, close, and refuse unknown sessions', async () => {
    start()
    const { sessionId } = await data('console:open')
    const completion = await data('console:complete', { sessionId, line: 'Get-StorageP', cursor: 12 })
    expect(completion.replaceFrom).toBe(0)
    expect(completion.candidates).toContain('Get-StoragePool')
    await data('console:close', { sessionId })
    const gone = await error('console:run', { sessionId, line: 'Get-StoragePool' })
    expect(gone.code).toBe('ConsoleNotFound')
  })
})
