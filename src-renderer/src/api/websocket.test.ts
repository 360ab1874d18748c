import { describe, expect, it, vi } from 'vitest'
import { socketUrl, wsTransport } from './websocket'

/** A stand-in socket the test drives by hand. */
class FakeSocket {
  static all: FakeSocket[] = []
  sent: unknown[] = []
  onopen: (() => void) | null = null
  onmessage: ((e: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }
  send(text: string) {
    this.sent.push(JSON.parse(text))
  }
  open() {
    this.onopen?.()
  }
  reply(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) })
  }
}

const transport = () =>
  wsTransport('ws://127.0.0.1:1/ws?token=t', {
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    backoffMs: [10],
  })

describe('WebSocket transport', () => {
  it('builds the socket address from the page address and its token', () => {
    expect(socketUrl({ host: '127.0.0.1:4000', protocol: 'http:', search: '?token=a b' })).toBe(
      'ws://127.0.0.1:4000/ws?token=a%20b',
    )
    expect(socketUrl({ host: '127.0.0.1:4000', protocol: 'http:', search: '' })).toBeNull()
  })

  it('queues calls until open, matches replies by id and delivers events', async () => {
    FakeSocket.all = []
    const t = transport()
    const socket = FakeSocket.all[0]!
    const reply = t.invoke('lab:info', {})
    expect(socket.sent).toEqual([])
    socket.open()
    expect(socket.sent).toEqual([{ id: 1, channel: 'lab:info', input: {} }])
    const events: unknown[] = []
    t.on('lab:switched', (p) => events.push(p))
    socket.reply({ event: 'lab:switched', payload: { name: 'x' } })
    socket.reply({ id: 1, reply: { ok: true, data: { name: 'Lab', file: 'f', recent: [] } } })
    expect(await reply).toEqual({ ok: true, data: { name: 'Lab', file: 'f', recent: [] } })
    expect(events).toEqual([{ name: 'x' }])
  })

  it('answers pending calls with an error when the socket drops, then reconnects', async () => {
    vi.useFakeTimers()
    FakeSocket.all = []
    const t = transport()
    const states: string[] = []
    t.onLinkState((s) => states.push(s))
    FakeSocket.all[0]!.open()
    const reply = t.invoke('lab:snapshot', {})
    FakeSocket.all[0]!.onclose?.()
    expect(await reply).toMatchObject({ ok: false, error: { code: 'Disconnected' } })
    vi.advanceTimersByTime(10)
    expect(FakeSocket.all).toHaveLength(2)
    FakeSocket.all[1]!.open()
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'open'])
    vi.useRealTimers()
  })
})

describe('WebSocket transport, messages too large', () => {
  it('refuses an import over the limit without sending it, and the link stays up', async () => {
    FakeSocket.all = []
    const t = transport()
    const socket = FakeSocket.all[0]!
    socket.open()
    // A rope: V8 builds repeat() without copying, so this costs no memory.
    const base64 = 'A'.repeat(4 * Math.ceil((300 * 2 ** 20) / 3))
    const reply = await t.invoke('lab:import', { fileName: 'big.hcilab', base64 })
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'MessageTooLarge',
        message: 'A lab file to import can be at most 256 MiB; this one is 300.0 MiB.',
        category: 'InvalidArgument',
      },
    })
    expect(socket.sent).toEqual([])
    const info = t.invoke('lab:info', {})
    expect(socket.sent).toEqual([{ id: 2, channel: 'lab:info', input: {} }])
    socket.reply({ id: 2, reply: { ok: true, data: { name: 'Lab', file: 'f', recent: [] } } })
    expect((await info).ok).toBe(true)
  })

  it('refuses any other message over 16 MiB', async () => {
    FakeSocket.all = []
    const t = transport()
    FakeSocket.all[0]!.open()
    const reply = await t.invoke('console:run', { sessionId: 's', line: 'x'.repeat(17 * 2 ** 20) })
    expect(reply).toMatchObject({ ok: false, error: { code: 'MessageTooLarge' } })
    expect(FakeSocket.all[0]!.sent).toEqual([])
  })
})
