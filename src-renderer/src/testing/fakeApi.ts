import type { ChangeBatch } from '@shared/changes'
import type { HardwareSpec } from '@shared/commands'
import type {
  Envelope,
  EventChannel,
  EventPayloads,
  InvokeChannel,
  InvokeInput,
  InvokeOutput,
  LabView,
} from '@shared/contract'
import { DEFAULT_HARDWARE } from '../../../src-main/engine/hci/build'
import { Lab } from '../../../src-main/engine/lab'
import type { Transport } from '@/api/transport'

// A test double of the whole transport backed by a real engine Lab: the UI under test sees the
// figures the engine computes, so tests check the screen against the shared maths, not guesses.

export function viewOf(lab: Lab): LabView {
  const { rng: _rng, queue: _queue, nextSeq: _nextSeq, format: _format, ...view } = lab.snapshot()
  return view
}

export interface FakeApi extends Transport {
  lab: Lab
  calls: { channel: string; input: unknown }[]
  /** Sends an event as the host would. */
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void
}

export function newTestLab(hardware: HardwareSpec = DEFAULT_HARDWARE, seed = 1): Lab {
  return Lab.create({ name: 'Test lab', seed, hardware })
}

export function fakeApi(lab: Lab = newTestLab()): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  const calls: FakeApi['calls'] = []
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload)
  }
  lab.subscribe((batch: ChangeBatch) => emit('lab:changes', batch))
  const info = { name: 'Test lab', file: '/labs/test.hcilab', recent: [], readOnly: false, recovery: null }

  const answer = (channel: string, input: Record<string, unknown>): Envelope<unknown> => {
    switch (channel) {
      case 'lab:info':
        return { ok: true, data: info }
      case 'lab:snapshot':
        return { ok: true, data: { version: lab.changeVersion, view: viewOf(lab) } }
      case 'lab:command':
        return lab.dispatch(input.command)
      case 'lab:preview':
        return lab.preview(input.command)
      case 'console:open':
        return { ok: true, data: { sessionId: 's1', banner: 'Windows PowerShell', prompt: 'PS C:\\> ' } }
      case 'console:run':
        return { ok: true, data: { output: `ran ${String(input.line)}`, prompt: 'PS C:\\> ' } }
      case 'console:complete':
        return { ok: true, data: { replaceFrom: 0, candidates: [] } }
      default:
        return {
          ok: false,
          error: { code: 'NotFaked', message: `${channel} is not faked`, category: 'NotSpecified' },
        }
    }
  }

  return {
    kind: 'websocket',
    lab,
    calls,
    emit,
    async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>) {
      calls.push({ channel, input })
      return answer(channel, input as Record<string, unknown>) as Envelope<InvokeOutput<C>>
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set()
      listeners.set(event, set)
      set.add(listener as (payload: unknown) => void)
      return () => set.delete(listener as (payload: unknown) => void)
    },
    onLinkState(listener) {
      listener('open')
      return () => {}
    },
  }
}
