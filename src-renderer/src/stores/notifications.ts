import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { Task, TaskState } from '@shared/domain'
import { useLabStore } from './lab'
import { useToastStore } from './toasts'

// The bell: the lab's tasks newest first, a count of those not yet seen (a task that changed state
// counts again), and a toast when a task starts or changes state. A new snapshot (reload, other lab) is history, not news: no toasts.

const seq = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1)) || 0

export const useNotificationStore = defineStore('notifications', () => {
  const lab = useLabStore()
  const toasts = useToastStore()
  const seen = ref(new Set<string>())
  const open = ref(false)

  const tasks = computed<Task[]>(() =>
    Object.values(lab.view.tasks).sort((a, b) => b.startedAt - a.startedAt || seq(b.id) - seq(a.id)),
  )
  const unseen = computed(
    () => tasks.value.filter((t) => !seen.value.has(t.id) || t.state === 'InProgress').length,
  )

  let table: object | null = null
  const known = new Map<string, TaskState>()
  watch(
    () => [lab.view.tasks, Object.values(lab.view.tasks)] as const,
    ([current, list]) => {
      const fresh = current !== table
      table = current
      if (fresh) {
        known.clear()
        seen.value = new Set(list.map((t) => t.id))
      }
      for (const t of list) {
        if (!fresh && known.get(t.id) !== t.state) {
          toasts.push(t.state, t.title, t.message)
          // Its outcome is news even if the running task was seen (unless the pane shows it now).
          if (!open.value) seen.value.delete(t.id)
        }
        known.set(t.id, t.state)
      }
    },
    { immediate: true },
  )

  function markAllSeen(): void {
    seen.value = new Set(tasks.value.map((t) => t.id))
  }

  function toggle(): void {
    open.value = !open.value
    if (open.value) markAllSeen()
  }

  return { tasks, unseen, open, toggle, markAllSeen }
})
