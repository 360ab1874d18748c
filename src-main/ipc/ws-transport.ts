import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import { summaryOf } from '@shared/changes'
import type { Envelope } from '@shared/contract'
import type { ErrorCategory } from '@shared/errors'
import { MAX_MESSAGE_BYTES, MAX_PAYLOAD_BYTES, mebibytes } from '@shared/message-limits'
import { rawResponse } from '../host/static-files'
import { parseRequestPath } from '../host/web-path'
import type { Invoke } from './invoke'
import type { ServiceEvent } from './lab-service'
import { isLoopbackHost, tokenMatches } from './sender'

// The contract over a WebSocket, for the web host. Wire protocol:
//   client → { id: number, channel: string, input: unknown }
//   server → { id: number, reply: Envelope }     and events → { event: string, payload: unknown }
// A malformed or too large message gets a BadMessage or MessageTooLarge reply and the connection
// stays usable; one larger than an import could ever be closes it (1009) before it is buffered.
// Nothing a client sends, and nothing the lab says back, can throw out of here: a reply or event
// that cannot be serialised is logged and replaced by an error or a resync summary.

export const WS_PATH = '/ws'
const LARGE_CHANNELS = new Set(['lab:import'])

export interface WsTransportOptions {
  token: string
  invoke: Invoke<WebSocket>
  onEvent: (listener: (e: ServiceEvent) => void) => () => void
  log: (message: string) => void
}

export function attachWebSocket(server: Server, options: WsTransportOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands an upgrade's socket over without its error listener: a client that resets the
    // connection would otherwise throw out of the server and end the host.
    socket.on('error', () => socket.destroy())
    const refusal = refuse(req, options.token, portOf(server))
    if (refusal) return reject(socket, refusal)
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => {
      handle(ws, data, isBinary, options).catch((e: unknown) => options.log(`WebSocket: ${String(e)}`))
    })
    // ws has already sent the close frame (1009 for an oversized message, 1002 for a protocol
    // error); only the socket is left to release.
    ws.on('error', (e) => {
      options.log(`WebSocket client: ${e.message}`)
      ws.terminate()
    })
  })
  const unsubscribe = options.onEvent((e) => {
    const text = serialiseEvent(e, options.log)
    if (text === null) return
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(text)
  })
  return {
    close() {
      unsubscribe()
      for (const client of wss.clients) client.close(1001, 'HCI Lab is shutting down')
      wss.close()
    },
  }
}

function portOf(server: Server): number {
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

function refuse(req: IncomingMessage, token: string, port: number): [number, string] | null {
  const target = parseRequestPath(req.url ?? '/')
  if (!target.ok) return [400, 'Bad Request']
  if (target.path !== WS_PATH) return [404, 'Not Found']
  if (!isLoopbackHost(req.headers.host, port)) return [403, 'Forbidden']
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return [403, 'Forbidden']
  if (!tokenMatches(token, target.query.get('token'))) return [401, 'Unauthorized']
  return null
}

function reject(socket: Duplex, [status, text]: [number, string]): void {
  socket.end(rawResponse(status, text))
}

async function handle(
  ws: WebSocket,
  data: RawData,
  isBinary: boolean,
  options: WsTransportOptions,
): Promise<void> {
  const message = parse(data, isBinary)
  const reply =
    'error' in message
      ? { id: message.id, reply: refusal(message.code, message.error) }
      : { id: message.id, reply: await options.invoke(ws, message.channel, message.input) }
  if (ws.readyState === ws.OPEN) ws.send(serialiseReply(reply, options.log))
}

/** The reply as text; a reply too large (or too strange) to serialise becomes an error reply. */
function serialiseReply(reply: { id: number | null; reply: Envelope<unknown> }, log: (m: string) => void) {
  try {
    return JSON.stringify(reply)
  } catch (e) {
    log(`WebSocket: the reply to message ${reply.id} could not be serialised: ${String(e)}`)
    return JSON.stringify({
      id: reply.id,
      reply: refusal(
        'ReplyTooLarge',
        `The lab host could not send its reply: ${e instanceof Error ? e.message : String(e)}.`,
        'LimitsExceeded',
      ),
    })
  }
}

/**
 * The event as text, or null when it cannot be serialised (logged). Changes that cannot be sent
 * go as a resync summary, so that clients pull a snapshot instead of silently falling behind.
 */
function serialiseEvent(e: ServiceEvent, log: (m: string) => void): string | null {
  try {
    return JSON.stringify(e)
  } catch (error) {
    log(`WebSocket: the ${e.event} event could not be serialised: ${String(error)}`)
    return e.event === 'lab:changes'
      ? JSON.stringify({ event: e.event, payload: summaryOf(e.payload) })
      : null
  }
}

type Parsed =
  { id: number; channel: string; input: unknown } | { id: number | null; code: string; error: string }

function parse(data: RawData, isBinary: boolean): Parsed {
  const bad = (id: number | null, error: string) => ({ id, code: 'BadMessage', error })
  if (isBinary) return bad(null, 'Messages must be JSON text, not binary.')
  const bytes = byteLength(data)
  let value: unknown
  try {
    value = JSON.parse(data.toString())
  } catch {
    return bad(null, 'The message is not valid JSON.')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return bad(null, 'A message must be an object: { "id": number, "channel": string, "input": … }.')
  const { id, channel, input } = value as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isFinite(id))
    return bad(null, 'A message needs a numeric "id" to reply to.')
  if (typeof channel !== 'string') return bad(id, 'A message needs a "channel" string.')
  if (bytes > MAX_MESSAGE_BYTES && !LARGE_CHANNELS.has(channel))
    return {
      id,
      code: 'MessageTooLarge',
      error: `A message to the lab host can be at most ${mebibytes(MAX_MESSAGE_BYTES, 0)}; this one is ${mebibytes(bytes)}.`,
    }
  return { id, channel, input }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, chunk) => n + chunk.length, 0)
  return data instanceof ArrayBuffer ? data.byteLength : data.length
}

function refusal(
  code: string,
  message: string,
  category: ErrorCategory = 'InvalidArgument',
): Envelope<never> {
  return { ok: false, error: { code, message, category } }
}
