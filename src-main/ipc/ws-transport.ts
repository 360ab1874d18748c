import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { Envelope } from '@shared/contract'
import type { Invoke } from './invoke'
import type { ServiceEvent } from './lab-service'
import { isLoopbackHost, tokenMatches } from './sender'

// The contract over a WebSocket, for the web host. Wire protocol:
//   client → { id: number, channel: string, input: unknown }
//   server → { id: number, reply: Envelope }     and events → { event: string, payload: unknown }
// A malformed message gets a BadMessage reply; the connection stays usable.

export const WS_PATH = '/ws'
/** An import is up to 512 MiB of base64 (the contract's limit) plus the message around it. */
const MAX_MESSAGE_BYTES = 520 * 1024 * 1024

export interface WsTransportOptions {
  token: string
  invoke: Invoke<WebSocket>
  onEvent: (listener: (e: ServiceEvent) => void) => () => void
}

export function attachWebSocket(server: Server, options: WsTransportOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuse(req, options.token, portOf(server))
    if (refusal) return reject(socket, refusal)
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
  })
  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', (data, isBinary) => void handle(ws, data, isBinary, options.invoke))
    ws.on('error', () => ws.terminate())
  })
  const unsubscribe = options.onEvent((e) => {
    const text = JSON.stringify(e)
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
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (url.pathname !== WS_PATH) return [404, 'Not Found']
  if (!isLoopbackHost(req.headers.host, port)) return [403, 'Forbidden']
  const origin = req.headers.origin
  if (origin !== undefined && origin !== `http://${req.headers.host}`) return [403, 'Forbidden']
  if (!tokenMatches(token, url.searchParams.get('token'))) return [401, 'Unauthorized']
  return null
}

function reject(socket: Duplex, [status, text]: [number, string]): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${text}\n`)
}

async function handle(
  ws: WebSocket,
  data: RawData,
  isBinary: boolean,
  invoke: Invoke<WebSocket>,
): Promise<void> {
  const message = parse(data, isBinary)
  const reply =
    'error' in message
      ? { id: message.id, reply: badMessage(message.error) }
      : { id: message.id, reply: await invoke(ws, message.channel, message.input) }
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply))
}

type Parsed = { id: number; channel: string; input: unknown } | { id: number | null; error: string }

function parse(data: RawData, isBinary: boolean): Parsed {
  if (isBinary) return { id: null, error: 'Messages must be JSON text, not binary.' }
  let value: unknown
  try {
    value = JSON.parse(data.toString())
  } catch {
    return { id: null, error: 'The message is not valid JSON.' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      id: null,
      error: 'A message must be an object: { "id": number, "channel": string, "input": … }.',
    }
  const { id, channel, input } = value as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isFinite(id))
    return { id: null, error: 'A message needs a numeric "id" to reply to.' }
  if (typeof channel !== 'string') return { id, error: 'A message needs a "channel" string.' }
  return { id, channel, input }
}

function badMessage(message: string): Envelope<never> {
  return { ok: false, error: { code: 'BadMessage', message, category: 'InvalidArgument' } }
}
