import { randomBytes } from 'node:crypto'
import { createServer, request, type Server } from 'node:http'
import { PassThrough, type Duplex } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { Envelope } from '@shared/contract'
import type { ServiceEvent } from './lab-service'
import { MAX_MESSAGE_BYTES, MAX_PAYLOAD_BYTES } from '@shared/message-limits'
import { attachWebSocket, WS_PATH } from './ws-transport'

// The transport alone, over a real socket: nothing a client sends and nothing the lab answers may
// throw out of it (an uncaught throw or rejection ends the web host for every client).

const TOKEN = 'test-token'
/** Serialising this throws what a reply of a million pods threw: the string V8 cannot build. */
const unsendable = {
  toJSON() {
    throw new RangeError('Invalid string length')
  },
}

let server: Server
let port: number
let transport: { close(): void }
let emit: (e: ServiceEvent) => void
let answer: (channel: unknown, input: unknown) => Envelope<unknown>
const log = vi.fn()

beforeEach(async () => {
  log.mockClear()
  answer = () => ({ ok: true, data: 'pong' })
  server = createServer()
  transport = attachWebSocket(server, {
    token: TOKEN,
    invoke: async (_ws, channel, input) => answer(channel, input),
    onEvent: (listener) => {
      emit = listener
      return () => {}
    },
    log,
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  port = (server.address() as { port: number }).port
})

afterEach(async () => {
  transport.close()
  await new Promise((done) => server.close(done))
})

function connect(): Promise<WebSocket> {
  return new Promise((done, failed) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}?token=${TOKEN}`)
    ws.once('open', () => done(ws))
    ws.once('error', failed)
  })
}

function next(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((done) => ws.once('message', (data) => done(JSON.parse(data.toString()))))
}

async function call(ws: WebSocket, text: string): Promise<Record<string, unknown>> {
  const reply = next(ws)
  ws.send(text)
  return reply
}

describe('replies and events that cannot be serialised', () => {
  it('a reply becomes an error reply, and the connection stays usable', async () => {
    const ws = await connect()
    answer = (channel) => ({ ok: true, data: channel === 'lab:snapshot' ? unsendable : 'pong' })
    const reply = await call(ws, JSON.stringify({ id: 1, channel: 'lab:snapshot', input: {} }))
    expect(reply).toEqual({
      id: 1,
      reply: {
        ok: false,
        error: {
          code: 'ReplyTooLarge',
          message: 'The lab host could not send its reply: Invalid string length.',
          category: 'LimitsExceeded',
        },
      },
    })
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/reply to message 1 .*Invalid string length/))
    expect(await call(ws, JSON.stringify({ id: 2, channel: 'lab:info', input: {} }))).toEqual({
      id: 2,
      reply: { ok: true, data: 'pong' },
    })
    ws.close()
  })

  it('changes go as a resync summary, so the page pulls a snapshot instead of falling behind', async () => {
    const ws = await connect()
    const event = next(ws)
    emit({
      event: 'lab:changes',
      payload: { from: 3, version: 4, changes: [{ c: 'x', id: 'y', v: unsendable }] },
    })
    expect(await event).toEqual({
      event: 'lab:changes',
      payload: { from: 3, version: 4, changes: [], resync: true },
    })
    ws.close()
  })

  it('another event is logged and dropped', async () => {
    const ws = await connect()
    emit({ event: 'console:output', payload: { sessionId: 's', text: unsendable as unknown as string } })
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/console:output event could not be serialised/))
    expect(await call(ws, JSON.stringify({ id: 1, channel: 'lab:info', input: {} }))).toMatchObject({ id: 1 })
    ws.close()
  })
})

describe('messages too large', () => {
  it('over the limit of their channel get MessageTooLarge, and the connection stays usable', async () => {
    const ws = await connect()
    const line = 'x'.repeat(MAX_MESSAGE_BYTES)
    const reply = await call(
      ws,
      JSON.stringify({ id: 1, channel: 'console:run', input: { sessionId: 's', line } }),
    )
    expect(reply).toMatchObject({
      id: 1,
      reply: { ok: false, error: { code: 'MessageTooLarge', category: 'InvalidArgument' } },
    })
    expect((reply.reply as { error: { message: string } }).error.message).toMatch(
      /^A message to the lab host can be at most 16 MiB; this one is 16\.0 MiB\.$/,
    )
    expect(await call(ws, JSON.stringify({ id: 2, channel: 'lab:info', input: {} }))).toMatchObject({
      reply: { ok: true },
    })
    ws.close()
  })

  it('over what any message may be close the connection with 1009 before it is read', async () => {
    const socket = await rawUpgrade()
    const closed = new Promise<Buffer>((done) => socket.once('data', done))
    socket.write(frameHeader(MAX_PAYLOAD_BYTES + 1))
    const frame = await closed
    expect(frame[0]).toBe(0x88) // a close frame
    expect(frame.readUInt16BE(2)).toBe(1009) // "message too big"
    socket.destroy()
    // The host goes on serving others.
    const ws = await connect()
    expect(await call(ws, JSON.stringify({ id: 1, channel: 'lab:info', input: {} }))).toMatchObject({
      reply: { ok: true },
    })
    ws.close()
  })
})

describe('upgrade requests', () => {
  it('with a target no page could have are refused with 400 and the security headers', async () => {
    const status = await new Promise<{ code: number; csp: unknown }>((done, failed) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: 'http://[',
        headers: { Connection: 'Upgrade', Upgrade: 'websocket' },
      })
      req.on('response', (res) =>
        done({ code: res.statusCode!, csp: res.headers['content-security-policy'] }),
      )
      req.on('error', failed)
      req.end()
    })
    expect(status.code).toBe(400)
    expect(status.csp).toMatch(/default-src 'self'/)
  })
})

describe('a client that resets the connection', () => {
  it('while being refused does not end the host', () => {
    const socket = new PassThrough()
    const req = { url: '/nope', headers: { host: `127.0.0.1:${port}` } }
    server.emit('upgrade', req, socket, Buffer.alloc(0))
    expect(() =>
      socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    ).not.toThrow()
  })
})

/** A WebSocket connection done by hand, to write frames no client library would. */
function rawUpgrade(): Promise<Duplex> {
  return new Promise((done, failed) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: `${WS_PATH}?token=${TOKEN}`,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      },
    })
    req.on('upgrade', (_res, socket) => done(socket))
    req.on('response', (res) => failed(new Error(`HTTP ${res.statusCode}`)))
    req.on('error', failed)
    req.end()
  })
}

/** The header of a masked text frame announcing `length` bytes (which never follow). */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(14)
  header[0] = 0x81 // FIN, text
  header[1] = 0x80 | 127 // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(length), 2)
  randomBytes(4).copy(header, 10)
  return header
}
