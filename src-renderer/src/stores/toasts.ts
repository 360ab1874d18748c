import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Envelope } from '@shared/contract'
import type { TaskState } from '@shared/domain'

// Toasts: the short-lived messages at the top right (task updates and errors from envelopes).

export interface Toast {
  id: number
  state: TaskState
  title: string
  message: string
}

const LIFETIME_MS: Record<TaskState, number> = {
  Error: 10_000,
  Warning: 8_000,
  InProgress: 5_000,
  Success: 5_000,
  Informational: 5_000,
}
const MAX_TOASTS = 4

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([])
  let nextId = 1

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  function push(state: TaskState, title: string, message = ''): void {
    const toast = { id: nextId++, state, title, message }
    toasts.value = [...toasts.value, toast].slice(-MAX_TOASTS)
    setTimeout(() => dismiss(toast.id), LIFETIME_MS[state])
  }

  /** Unwraps an envelope; on error shows its message as a toast and returns undefined. */
  async function unwrap<T>(reply: Promise<Envelope<T>>, failureTitle: string): Promise<T | undefined> {
    const r = await reply
    if (r.ok) return r.data
    push('Error', failureTitle, r.error.message)
    return undefined
  }

  return { toasts, push, dismiss, unwrap }
})
