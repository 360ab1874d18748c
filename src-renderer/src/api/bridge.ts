import type {
  Envelope,
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
} from '@shared/contract'
import { transportError, type Transport } from './transport'

/** What the preload exposes: exactly a generic invoke and on, nothing domain-specific. */
export interface HciLabBridge {
  invoke(channel: string, input: unknown): Promise<unknown>
  on(event: string, listener: (payload: unknown) => void): () => void
}

declare global {
  interface Window {
    hciLab?: HciLabBridge
  }
}

/** The Electron transport: the preload's bridge, typed by the contract. */
export function bridgeTransport(bridge: HciLabBridge): Transport {
  return {
    kind: 'electron',
    async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>) {
      try {
        // The main process answers with the contract's envelope; the cast restores its type.
        return (await bridge.invoke(channel, input)) as Envelope<InvokeOutput<C>>
      } catch (e) {
        // Errors are data across the bridge; a throw here means the bridge itself failed.
        return transportError('BridgeFailed', `The app could not reach the lab engine: ${String(e)}`)
      }
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) {
      return bridge.on(event, (payload) => listener(payload as EventPayloads[E]))
    },
    onLinkState(listener) {
      listener('open')
      return () => {}
    },
  }
}
