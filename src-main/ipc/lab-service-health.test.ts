import fs from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { InvokeChannel, InvokeOutput } from '@shared/contract'
import { LabStore } from '../persistence'
import { MAX_LABS } from '../persistence/library'
import { appendWorkload, digest, labInput } from '../persistence/testkit'
import { serviceHandlers } from './channels'
import { createInvoke } from './invoke'
import { LabService } from './lab-service'

// What the service says about a lab's file: damaged and recovered, read-only; and the limits on
// how many labs a client may add.

let dir: string
let service: LabService | undefined
let logged: string[]

const call = (channel: InvokeChannel, input: unknown = {}) =>
  createInvoke(serviceHandlers(service!), () => true)(undefined, channel, input)

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

function start(labFile?: string): LabService {
  service = LabService.start({ dataDir: dir, labFile, log: (m) => logged.push(m) })
  return service
}

/** A lab file outside the library with 6 commands, the last of which is damaged. */
function damagedLab(): string {
  const file = join(dir, 'demo.hcilab')
  const { store, lab } = LabStore.create(file, labInput(2))
  appendWorkload(store, lab, 2, 6)
  store.close()
  const db = new Database(file)
  db.prepare("UPDATE commands SET body = replace(body, 'V', 'X') WHERE seq = 6").run()
  db.close()
  return file
}

beforeEach(() => {
  dir = fs.mkdtempSync(join(tmpdir(), 'hci-health-'))
  logged = []
})

afterEach(() => {
  service?.close()
  service = undefined
  vi.restoreAllMocks()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('a damaged lab through the service', () => {
  it('opens at its last good point, and the notice reaches the client and the log', async () => {
    const file = damagedLab()
    start()
    const info = await data('lab:open', { file })
    expect(info.recovery).toMatch(
      /^The lab file "demo\.hcilab" was damaged, so it opened at its last good point\. Command 6 of 6 failed its check; command 6 was lost\. The original file was kept as demo\.damaged-\d{4}-\d{2}-\d{2}\.hcilab\.$/,
    )
    expect(info.readOnly).toBe(false)
    expect(logged).toContain(info.recovery)
    // The recovered lab takes commands as any other.
    await data('lab:command', { command: { type: 'clock.advance', ms: 1000 } })
  })
})

describe('starting on a damaged most recent lab', () => {
  it('opens it at its last good point instead of falling back to another lab', async () => {
    start()
    for (const name of ['A', 'B', 'C'])
      await data('lab:command', {
        command: {
          type: 'volume.create',
          name,
          resiliency: 'two-way-mirror',
          sizeBytes: 2 ** 37,
          provisioning: 'Thin',
        },
      })
    const file = service!.file
    service!.close()
    const db = new Database(file)
    db.prepare('UPDATE commands SET body = replace(body, \'"C"\', \'"D"\') WHERE seq = 3').run()
    db.close()
    start()
    const info = await data('lab:info')
    expect(info.file).toBe(file)
    expect(info.recovery).toMatch(/Command 3 of 3 failed its check; command 3 was lost\./)
    expect(Object.values(service!.lab.state.volumes).map((v) => v.name)).toEqual(
      expect.arrayContaining(['A', 'B']),
    )
    expect(Object.values(service!.lab.state.volumes).map((v) => v.name)).not.toContain('C')
  })
})

describe('a damaged import', () => {
  it('is imported at its last good point, and the notice says what was lost', async () => {
    start()
    const base64 = fs.readFileSync(damagedLab()).toString('base64')
    const info = await data('lab:import', { fileName: 'demo.hcilab', base64 })
    expect(info.recovery).toBe(
      'The imported file "demo.hcilab" was damaged, so it was imported at its last good point. ' +
        'Command 6 of 6 failed its check; command 6 was lost.',
    )
    expect(fs.readdirSync(join(dir, 'labs')).filter((n) => n.includes('damaged'))).toEqual([])
  })
})

describe('a read-only lab through the service', () => {
  it('says so, and refuses commands with a clear error, changing nothing', async () => {
    const file = join(dir, 'shared.hcilab')
    LabStore.create(file, labInput(1)).store.close()
    const access = fs.accessSync
    vi.spyOn(fs, 'accessSync').mockImplementation((path, mode) => {
      if (String(path) === file && mode === fs.constants.W_OK)
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
      access(path, mode)
    })
    const before = digest(file)
    start(file)
    expect((await data('lab:info')).readOnly).toBe(true)
    const hash = service!.lab.hash()
    const refused = await error('lab:command', {
      command: { type: 'volume.delete', name: 'Volume01' },
    })
    expect(refused).toMatchObject({
      code: 'LabReadOnly',
      message: expect.stringMatching(
        /^The lab file "shared\.hcilab" is read-only, so this change was not made\./,
      ),
    })
    expect(service!.lab.hash()).toBe(hash)
    // Save as continues in a writable copy.
    const copy = await data('lab:saveAs', { name: 'Mine' })
    expect(copy.readOnly).toBe(false)
    await data('lab:command', { command: { type: 'clock.advance', ms: 1000 } })
    service!.close()
    service = undefined
    expect(digest(file)).toBe(before)
  })
})

describe('limits on adding labs', () => {
  it(`refuses a new lab beyond ${MAX_LABS} in the library, and says why`, async () => {
    start()
    const labs = join(dir, 'labs')
    const labFiles = () => fs.readdirSync(labs).filter((n) => n.endsWith('.hcilab'))
    for (let i = labFiles().length; i < MAX_LABS; i++) fs.writeFileSync(join(labs, `x${i}.hcilab`), '')
    const refused = await error('lab:new', { name: 'One more' })
    expect(refused).toMatchObject({ code: 'FileQuota', category: 'LimitsExceeded' })
    expect(refused.message).toMatch(/already holds 500 labs, the most it keeps \(500\)\. Delete labs/)
    expect((await error('lab:saveAs', { name: 'Copy' })).code).toBe('FileQuota')
    expect(fs.existsSync(join(labs, 'One more.hcilab'))).toBe(false)
  })

  it('refuses a new lab, a copy or an import when the disk is nearly full', async () => {
    start()
    const exported = await data('lab:export')
    vi.spyOn(fs, 'statfsSync').mockReturnValue({ bavail: 1000, bsize: 4096 } as fs.StatsFs)
    for (const [channel, input] of [
      ['lab:new', { name: 'Big' }],
      ['lab:saveAs', { name: 'Copy' }],
      ['lab:import', exported],
    ] as const) {
      const refused = await error(channel, input)
      expect(refused.code).toBe('FileQuota')
      expect(refused.message).toMatch(
        /the disk is nearly full \(3 MB free; HCI Lab keeps at least 256 MB free\)/,
      )
    }
    expect(fs.readdirSync(join(dir, 'labs')).filter((n) => n.endsWith('.hcilab'))).toEqual([
      'Default lab.hcilab',
    ])
  })
})
