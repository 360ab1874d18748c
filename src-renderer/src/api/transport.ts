import type { HciLabApi } from '@shared/contract'
import type { LabError } from '@shared/errors'

// What the app needs beyond the contract: whether the link to the engine is up, so the UI can
// say so and re-pull the lab after a reconnect. The Electron bridge is always up.

export type LinkState = 'connecting' | 'open' | 'closed'

export interface Transport extends HciLabApi {
  readonly kind: 'electron' | 'websocket'
  /** Calls the listener now with the current state, then on every change. */
  onLinkState(listener: (state: LinkState) => void): () => void
}

export function transportError(code: string, message: string): { ok: false; error: LabError } {
  return { ok: false, error: { code, message, category: 'ResourceUnavailable' } }
}
