import { onScopeDispose, ref, watch } from 'vue'
import type { CommandInput } from '@shared/commands'
import { useLabStore } from '@/stores/lab'

/**
 * Asks the engine (lab:preview) whether a command would succeed, shortly after the form stops
 * changing. The engine's message is the one to show: it knows every rule, the form only some.
 */
export function useEngineCheck(command: () => CommandInput | null, delayMs = 200) {
  const lab = useLabStore()
  const error = ref<string | null>(null)
  const pending = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let ticket = 0

  watch(
    command,
    (cmd) => {
      clearTimeout(timer)
      const mine = ++ticket
      if (!cmd) {
        pending.value = false
        error.value = null
        return
      }
      pending.value = true
      timer = setTimeout(async () => {
        const reply = await lab.preview(cmd)
        if (mine !== ticket) return // the form changed meanwhile
        error.value = reply.ok ? null : reply.error.message
        pending.value = false
      }, delayMs)
    },
    { immediate: true },
  )
  onScopeDispose(() => clearTimeout(timer))

  return { error, pending }
}
