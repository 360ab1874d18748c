import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { InvokeChannel, InvokeOutput } from '@shared/contract'
import { LabStore } from '../persistence'
import { serviceHandlers } from './channels'
import { createInvoke } from './invoke'
import { LabService, type ServiceEvent } from './lab-service'

// Lab documents through the service: new, open, save as, export, import, delete.

let dir: string
let service: LabService
let events: ServiceEvent[]

function call(channel: InvokeChannel, input: unknown = {}) {
  return createInvoke(serviceHandlers(service), () => true)(undefined, channel, input)
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
const switches = () => events.filter((e) => e.event === 'lab:switched').length

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-files-'))
  events = []
  service = LabService.start({ dataDir: dir, log: () => {} })
  service.onEvent((e) => events.push(e))
})

afterEach(() => {
  service.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('switching labs', () => {
  it('creates a lab with the given hardware and seed, and tells clients to pull it', async () => {
    const hardware = {
      servers: 3,
      cores: 8,
      memoryBytes: 128 * 1024 ** 3,
      drives: [{ count: 4, sizeBytes: 1.92e12, media: 'SSD' }],
    }
    const info = await data('lab:new', { name: 'Three', seed: 7, hardware })
    expect(info.name).toBe('Three')
    expect(info.file).toBe(join(dir, 'labs', 'Three.hcilab'))
    expect(events.at(-1)).toEqual({ event: 'lab:switched', payload: info })
    expect(Object.keys(service.lab.state.servers)).toHaveLength(3)
    expect(service.lab.state.meta.seed).toBe(7)
  })

  it('opens a lab by path, and back; opening the open lab changes nothing', async () => {
    const first = service.file
    await data('lab:new', { name: 'Other' })
    const info = await data('lab:open', { file: first })
    expect(info.name).toBe('Default lab')
    expect(info.recent.map((e) => e.name)).toEqual(['Default lab', 'Other'])
    const before = switches()
    await data('lab:open', { file: first })
    expect(switches()).toBe(before)
  })

  it('refuses paths that are not lab files', async () => {
    expect((await error('lab:open', { file: 'relative.hcilab' })).code).toBe('InvalidPath')
    expect((await error('lab:open', { file: '/etc/passwd' })).code).toBe('InvalidPath')
    expect((await error('lab:open', { file: join(dir, 'none.hcilab') })).code).toBe('FileNotFound')
    expect(service.lab.state.meta.name).toBe('Default lab')
  })

  it('saves as a new lab under the new name and continues there', async () => {
    const original = service.file
    const info = await data('lab:saveAs', { name: 'Copy' })
    expect(info.name).toBe('Copy')
    expect(info.file).toBe(join(dir, 'labs', 'Copy.hcilab'))
    expect(service.lab.state.meta.name).toBe('Copy')
    service.close()
    const { store, lab } = LabStore.open(original)
    store.close()
    expect(lab.state.meta.name).toBe('Default lab')
    service = LabService.start({ dataDir: dir, log: () => {} })
    expect(service.lab.state.meta.name).toBe('Copy')
  })
})

describe('export and import', () => {
  it('round-trips a lab through base64 into the library', async () => {
    await data('lab:command', {
      command: {
        type: 'volume.create',
        name: 'Data',
        resiliency: 'two-way-mirror',
        sizeBytes: 2 ** 37,
        provisioning: 'Thin',
      },
    })
    const exported = await data('lab:export')
    expect(exported.fileName).toBe('Default lab.hcilab')
    expect(Buffer.from(exported.base64, 'base64').subarray(0, 15).toString()).toBe('SQLite format 3')
    const info = await data('lab:import', exported)
    expect(info.file).toBe(join(dir, 'labs', 'Default lab (2).hcilab'))
    expect(Object.values(service.lab.state.volumes).map((v) => v.name)).toContain('Data')
  })

  it('refuses files that are not whole labs, with the reason, and changes nothing', async () => {
    const notALab = await error('lab:import', {
      fileName: 'notes.hcilab',
      base64: Buffer.from('hello').toString('base64'),
    })
    expect(notALab.code).toBe('FileNotALab')
    expect(notALab.message).toMatch(/"notes\.hcilab" is not an HCI Lab file/)
    const exported = await data('lab:export')
    const half = Buffer.from(exported.base64, 'base64')
    const damaged = await error('lab:import', {
      fileName: 'half.hcilab',
      base64: half.subarray(0, Math.floor(half.length / 2) + 100).toString('base64'),
    })
    expect(damaged.code).toBe('FileDamaged')
    expect(service.lab.state.meta.name).toBe('Default lab')
    expect(switches()).toBe(0)
  })
})

describe('deleting', () => {
  it('deletes a library lab that is not open and forgets it', async () => {
    const first = service.file
    const other = (await data('lab:new', { name: 'Doomed' })).file
    expect((await error('lab:delete', { file: other })).code).toBe('LabIsOpen')
    await data('lab:open', { file: first })
    const info = await data('lab:delete', { file: other })
    expect(existsSync(other)).toBe(false)
    expect(info.recent.map((e) => e.name)).toEqual(['Default lab'])
  })

  it('will not delete files outside the library', async () => {
    const outside = join(dir, 'outside.hcilab')
    writeFileSync(outside, 'x')
    expect((await error('lab:delete', { file: outside })).code).toBe('InvalidPath')
    expect((await error('lab:delete', { file: join(dir, 'labs', '..', '..', 'x.txt') })).code).toBe(
      'InvalidPath',
    )
    expect(existsSync(outside)).toBe(true)
  })
})
