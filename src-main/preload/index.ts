import { contextBridge, ipcRenderer } from 'electron'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels'

// Sandboxed preload: exposes exactly window.hciLab = { invoke, on } and nothing domain-specific.
// Main validates every input; this side only refuses calls that could not be forwarded anyway.

type Listener = (payload: unknown) => void
const listeners = new Map<string, Set<Listener>>()

ipcRenderer.on(EVENT_CHANNEL, (_event, message: { event?: unknown; payload?: unknown }) => {
  if (typeof message?.event !== 'string') return
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload)
})

contextBridge.exposeInMainWorld('hciLab', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, String(channel), input)
  },
  on(event: string, listener: Listener): () => void {
    if (typeof listener !== 'function') throw new TypeError('hciLab.on needs a listener function.')
    const name = String(event)
    const set = listeners.get(name) ?? new Set<Listener>()
    listeners.set(name, set)
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  },
})
