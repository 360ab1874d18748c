import { defineStore } from 'pinia'
import { ref, shallowReactive, shallowRef } from 'vue'
import type { ChangeBatch } from '@shared/changes'
import type { CommandInput } from '@shared/commands'
import { SINGLETON_NAMES, type LabInfo, type LabView } from '@shared/contract'
import { useApi } from '@/api/client'
import type { LinkState } from '@/api/transport'
import { emptyView } from './emptyView'

const SINGLETONS = new Set<string>(SINGLETON_NAMES)

/**
 * Makes a snapshot live: the top level and each collection are shallow-reactive, so replacing the
 * clock (≈10 times a second) re-runs only what reads the clock, and a volume change only what reads
 * volumes. Entities themselves are never mutated, only replaced, so they need no deep reactivity.
 */
function liveView(view: LabView): LabView {
  const live: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(view))
    live[key] = SINGLETONS.has(key) ? value : shallowReactive({ ...(value as object) })
  return shallowReactive(live) as unknown as LabView
}

/** The open lab as the renderer sees it: a snapshot kept current by versioned change batches. */
export const useLabStore = defineStore('lab', () => {
  const api = useApi()
  const view = shallowRef<LabView>(liveView(emptyView()))
  const version = ref(-1)
  const ready = ref(false)
  const info = ref<LabInfo | null>(null)
  const link = ref<LinkState>('connecting')
  const loadError = ref<string | null>(null)

  let pulling: Promise<void> | null = null
  let pullAgain = false
  let buffered: ChangeBatch[] = []
  let started = false

  function applyBatch(batch: ChangeBatch): void {
    const live = view.value as unknown as Record<string, Record<string, unknown>>
    for (const { c, id, v } of batch.changes) {
      if (SINGLETONS.has(c)) {
        live[c] = v as Record<string, unknown>
        continue
      }
      // A collection this renderer does not know yet (a newer engine) is kept all the same.
      const table = live[c] ?? (live[c] = shallowReactive<Record<string, unknown>>({}))
      if (v === null) delete table[id]
      else table[id] = v
    }
    version.value = batch.version
  }

  /** Pulls a snapshot, then replays what arrived meanwhile; repeats when told to while pulling. */
  function pull(): Promise<void> {
    pullAgain = true
    if (!pulling) pulling = pullLoop().finally(() => (pulling = null))
    return pulling
  }

  async function pullLoop(): Promise<void> {
    while (pullAgain) {
      pullAgain = false
      const reply = await api.invoke('lab:snapshot', {})
      if (!reply.ok) {
        loadError.value = reply.error.message
        return
      }
      loadError.value = null
      view.value = liveView(reply.data.view)
      version.value = reply.data.version
      ready.value = true
      const waiting = buffered
      buffered = []
      for (const batch of waiting) {
        if (batch.version <= version.value) continue // already in the snapshot
        if (batch.from !== version.value || batch.resync) {
          pullAgain = true
          break
        }
        applyBatch(batch)
      }
    }
  }

  function onBatch(batch: ChangeBatch): void {
    if (pulling) buffered.push(batch)
    else if (batch.from === version.value && !batch.resync) applyBatch(batch)
    // A gap (something was missed) or a summary of changes too many to send: start again from a
    // snapshot.
    else void pull()
  }

  async function refreshInfo(): Promise<void> {
    const reply = await api.invoke('lab:info', {})
    if (reply.ok) info.value = reply.data
  }

  /** Subscribes to the change stream, then pulls; a reconnect or a lab switch pulls again. */
  function start(): Promise<void> {
    if (started) return pulling ?? Promise.resolve()
    started = true
    api.on('lab:changes', onBatch)
    api.on('lab:switched', (next) => {
      info.value = next
      void pull()
    })
    let wasOpen = false
    api.onLinkState((state) => {
      link.value = state
      if (state === 'open' && wasOpen) {
        void pull()
        void refreshInfo()
      }
      if (state === 'open') wasOpen = true
    })
    void refreshInfo()
    return pull()
  }

  function command(command: CommandInput) {
    return api.invoke('lab:command', { command })
  }

  function preview(command: CommandInput) {
    return api.invoke('lab:preview', { command })
  }

  return { view, version, ready, info, link, loadError, start, pull, refreshInfo, command, preview }
})
