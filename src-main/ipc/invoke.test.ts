import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BASE64_CHARS, MAX_IMPORT_BYTES } from '@shared/message-limits'
import { LabFailure } from '@shared/errors'
import { LabFileError } from '../persistence'
import { createInvoke, type ChannelHandlers } from './invoke'

// The wrapper alone, with handlers that record what they get.

function handlers(overrides: Partial<ChannelHandlers> = {}): ChannelHandlers {
  const unused = () => {
    throw new Error('not called in this test')
  }
  return new Proxy(overrides as ChannelHandlers, {
    get: (target, key) => target[key as keyof ChannelHandlers] ?? unused,
  })
}

describe('createInvoke', () => {
  it('runs the handler with the validated input and wraps the result', async () => {
    let seen: unknown
    const invoke = createInvoke(
      handlers({
        'lab:saveAs': (input) => (
          (seen = input),
          { name: 'x', file: 'f', recent: [], readOnly: false, recovery: null }
        ),
      }),
      () => true,
    )
    const reply = await invoke(undefined, 'lab:saveAs', { name: '  Trimmed  ' })
    expect(reply).toEqual({
      ok: true,
      data: { name: 'x', file: 'f', recent: [], readOnly: false, recovery: null },
    })
    expect(seen).toEqual({ name: 'Trimmed' })
  })

  it('treats a missing input as {} for channels without input', async () => {
    const invoke = createInvoke(
      handlers({ 'lab:info': () => ({ name: 'n', file: 'f', recent: [], readOnly: false, recovery: null }) }),
      () => true,
    )
    expect((await invoke(undefined, 'lab:info', undefined)).ok).toBe(true)
  })

  it('refuses an unknown channel, saying which', async () => {
    const invoke = createInvoke(handlers(), () => true)
    expect(await invoke(undefined, 'lab:format', {})).toEqual({
      ok: false,
      error: {
        code: 'UnknownChannel',
        message: "HCI Lab has no channel 'lab:format'.",
        category: 'InvalidArgument',
      },
    })
    const reply = await invoke(undefined, 42, {})
    expect(reply.ok || reply.error.code).toBe('UnknownChannel')
    // Names inherited from Object.prototype are not channels.
    const proto = await invoke(undefined, 'toString', {})
    expect(proto.ok || proto.error.code).toBe('UnknownChannel')
  })

  it('refuses invalid input with a specific message and does not run the handler', async () => {
    let called = false
    const invoke = createInvoke(
      handlers({
        'lab:new': () => (
          (called = true),
          { name: '', file: '', recent: [], readOnly: false, recovery: null }
        ),
      }),
      () => true,
    )
    const cases: [unknown, RegExp][] = [
      [{ name: '' }, /^Invalid input for lab:new at 'name': Enter a lab name\.$/],
      [{ name: 'x', seed: -1 }, /at 'seed'/],
      [
        { name: 'x', hardware: { servers: 99, cores: 4, memoryBytes: 1, drives: [] } },
        /at 'hardware\.servers'/,
      ],
      [{ name: 'x', extra: true }, /extra/],
      ['not an object', /^Invalid input for lab:new/],
    ]
    for (const [input, message] of cases) {
      const reply = await invoke(undefined, 'lab:new', input)
      if (reply.ok) throw new Error('expected a refusal')
      expect(reply.error.code).toBe('InvalidInput')
      expect(reply.error.category).toBe('InvalidArgument')
      expect(reply.error.message).toMatch(message)
    }
    expect(called).toBe(false)
  })

  it('bounds what a client may send: paths, file names and imports, with the limit in words', async () => {
    const invoke = createInvoke(handlers(), () => true)
    const message = async (channel: string, input: unknown) => {
      const reply = await invoke(undefined, channel, input)
      return reply.ok ? 'accepted' : reply.error.message
    }
    expect(await message('lab:open', { file: 'x'.repeat(4097) })).toBe(
      "Invalid input for lab:open at 'file': A lab file path can have at most 4096 characters.",
    )
    expect(await message('lab:import', { fileName: 'x'.repeat(256), base64: '' })).toBe(
      "Invalid input for lab:import at 'fileName': A file name can have at most 255 characters.",
    )
    // A rope: V8 builds repeat() without copying, so this costs no memory.
    const base64 = 'A'.repeat(MAX_IMPORT_BASE64_CHARS + 4 * 2 ** 20)
    expect(await message('lab:import', { fileName: 'big.hcilab', base64 })).toBe(
      "Invalid input for lab:import at 'base64': A lab file to import can be at most 256 MiB; this one is 259.0 MiB.",
    )
    expect(MAX_IMPORT_BYTES).toBe(256 * 2 ** 20)
  })

  it('turns every thrown error into data', async () => {
    const failure = new LabFailure({ code: 'VolumeNameTaken', message: 'Taken.', category: 'ResourceExists' })
    const fileError = new LabFileError('Damaged', '/x/a.hcilab', 'The lab file "a.hcilab" is damaged.')
    const throwing = (e: unknown) => () => {
      throw e
    }
    const invoke = createInvoke(
      handlers({
        'lab:info': throwing(failure),
        'lab:snapshot': throwing(fileError),
        'lab:export': throwing(new TypeError('boom')),
        'console:close': async () => {
          throw 'a string'
        },
      }),
      () => true,
    )
    expect(await invoke(undefined, 'lab:info', {})).toEqual({ ok: false, error: failure.error })
    expect(await invoke(undefined, 'lab:snapshot', {})).toEqual({
      ok: false,
      error: { code: 'FileDamaged', message: fileError.message, category: 'InvalidData' },
    })
    expect(await invoke(undefined, 'lab:export', {})).toEqual({
      ok: false,
      error: { code: 'Internal', message: 'boom', category: 'NotSpecified' },
    })
    const reply = await invoke(undefined, 'console:close', { sessionId: 's' })
    expect(reply.ok || reply.error).toEqual({
      code: 'Internal',
      message: 'a string',
      category: 'NotSpecified',
    })
  })

  it('checks the sender before anything else', async () => {
    let called = false
    const invoke = createInvoke<{ trusted: boolean }>(
      handlers({
        'lab:info': () => (
          (called = true),
          { name: '', file: '', recent: [], readOnly: false, recovery: null }
        ),
      }),
      (ctx) => ctx.trusted,
    )
    const reply = await invoke({ trusted: false }, 'lab:info', {})
    expect(reply.ok || reply.error.code).toBe('Forbidden')
    expect(called).toBe(false)
    expect((await invoke({ trusted: true }, 'lab:info', {})).ok).toBe(true)
  })
})
