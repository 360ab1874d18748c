import type {
  Envelope,
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
} from '@shared/contract'
import { IMPORT_LIMIT, MAX_MESSAGE_BYTES, MAX_PAYLOAD_BYTES, mebibytes } from '@shared/message-limits'
import type { LabError } from '@shared/errors'
import { transportError, type LinkState, type Transport } from './transport'

// The browser transport (web host): the same contract over one WebSocket.
// client → { id, channel, input }; server → { id, reply } and { event, payload }.

type Pending = (reply: Envelope<unknown>) => void

export interface WsOptions {
  /** Injected in tests; the browser's WebSocket otherwise. */
  WebSocketImpl?: typeof WebSocket
  /** Reconnect delays grow from the first to the last value, then stay there. */
  backoffMs?: number[]
}

const DEFAULT_BACKOFF = [250, 500, 1000, 2000, 4000, 5000]

/** The socket address for a page served as http://127.0.0.1:PORT/?token=TOKEN. */
export function socketUrl(location: Pick<Location, 'host' | 'protocol' | 'search'>): string | null {
  const token = new URLSearchParams(location.search).get('token')
  if (!token) return null
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`
}

export function wsTransport(url: string, options: WsOptions = {}): Transport {
  const Impl = options.WebSocketImpl ?? WebSocket
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF
  const pending = new Map<number, Pending>()
  const outbox: string[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const linkListeners = new Set<(state: LinkState) => void>()
  let socket: WebSocket | null = null
  let state: LinkState = 'connecting'
  let nextId = 1
  let failures = 0

  const setState = (next: LinkState) => {
    if (next === state) return
    state = next
    for (const l of linkListeners) l(next)
  }

  const connect = () => {
    setState('connecting')
    const ws = new Impl(url)
    socket = ws
    ws.onopen = () => {
      failures = 0
      setState('open')
      for (const message of outbox.splice(0)) ws.send(message)
    }
    ws.onmessage = (e: MessageEvent) => receive(String(e.data))
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      // Replies to what was sent (or queued) on this socket will never come: say so instead of hanging.
      const lost = transportError('Disconnected', 'The connection to the lab host was lost. Try again.')
      for (const resolve of pending.values()) resolve(lost)
      pending.clear()
      outbox.length = 0
      setState('closed')
      const delay = backoff[Math.min(failures, backoff.length - 1)] ?? 5000
      failures++
      setTimeout(connect, delay)
    }
  }

  const receive = (text: string) => {
    let message: { id?: unknown; reply?: unknown; event?: unknown; payload?: unknown }
    try {
      message = JSON.parse(text)
    } catch {
      return // Not ours to interpret; the host only sends JSON.
    }
    if (typeof message.id === 'number' && message.reply) {
      pending.get(message.id)?.(message.reply as Envelope<unknown>)
      pending.delete(message.id)
    } else if (typeof message.event === 'string') {
      for (const l of listeners.get(message.event) ?? []) l(message.payload)
    }
  }

  connect()

  return {
    kind: 'websocket',
    invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>) {
      const id = nextId++
      const message = JSON.stringify({ id, channel, input })
      const tooLarge = refuseTooLarge(channel, message)
      if (tooLarge) return Promise.resolve(tooLarge)
      return new Promise<Envelope<InvokeOutput<C>>>((resolve) => {
        pending.set(id, resolve as Pending)
        if (state === 'open' && socket) socket.send(message)
        else outbox.push(message)
      })
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      const wrapped = (payload: unknown) => listener(payload as EventPayloads[E])
      set.add(wrapped)
      return () => set.delete(wrapped)
    },
    onLinkState(listener) {
      linkListeners.add(listener)
      listener(state)
      return () => linkListeners.delete(listener)
    },
  }
}

/**
 * The host closes the connection on a message larger than any it takes (and every call waiting on
 * it fails): refuse one here instead, saying why. Characters count as bytes, so only messages
 * certainly too large are caught; the host answers the rest itself.
 */
function refuseTooLarge(channel: string, message: string): { ok: false; error: LabError } | null {
  const isImport = channel === 'lab:import'
  if (message.length <= (isImport ? MAX_PAYLOAD_BYTES : MAX_MESSAGE_BYTES)) return null
  const text = isImport
    ? `${IMPORT_LIMIT}; this one is ${mebibytes((message.length * 3) / 4)}.`
    : `A message to the lab host can be at most ${mebibytes(MAX_MESSAGE_BYTES, 0)}; this one is ${mebibytes(message.length)}.`
  return { ok: false, error: { code: 'MessageTooLarge', message: text, category: 'InvalidArgument' } }
}
