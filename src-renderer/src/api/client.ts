import { bridgeTransport } from './bridge'
import type { Transport } from './transport'
import { socketUrl, wsTransport } from './websocket'

// The one client the stores use. Electron's preload provides window.hciLab; in a plain browser
// (the web host) the page talks to the same contract over a WebSocket.

let current: Transport | null = null

/** Picks the transport for this page; null when a browser page has no token to connect with. */
export function createTransport(): Transport | null {
  if (window.hciLab) return bridgeTransport(window.hciLab)
  const url = socketUrl(window.location)
  return url ? wsTransport(url) : null
}

export function setApi(transport: Transport): void {
  current = transport
}

export function useApi(): Transport {
  if (!current) throw new Error('No lab transport: call setApi() before using the stores.')
  return current
}
