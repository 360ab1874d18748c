import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '@/api/client'

// The PowerShell tool's engine session, kept while the user moves between tools.
export const useConsoleStore = defineStore('console', () => {
  const api = useApi()
  const sessionId = ref<string | null>(null)
  const prompt = ref('PS C:\\> ')

  /** Opens a session; returns the banner to print, or an error message. */
  async function open(): Promise<{ banner: string } | { error: string }> {
    const r = await api.invoke('console:open', {})
    if (!r.ok) return { error: r.error.message }
    sessionId.value = r.data.sessionId
    prompt.value = r.data.prompt
    return { banner: r.data.banner }
  }

  async function run(line: string): Promise<{ output: string; error?: string }> {
    if (!sessionId.value) return { output: '', error: 'The console session is not open.' }
    const r = await api.invoke('console:run', { sessionId: sessionId.value, line })
    if (!r.ok) return { output: '', error: r.error.message }
    prompt.value = r.data.prompt
    return { output: r.data.output }
  }

  async function complete(line: string, cursor: number) {
    if (!sessionId.value) return null
    const r = await api.invoke('console:complete', { sessionId: sessionId.value, line, cursor })
    return r.ok ? r.data : null
  }

  return { sessionId, prompt, open, run, complete }
})
