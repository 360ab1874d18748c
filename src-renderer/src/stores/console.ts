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

  async function runOnce(line: string, width?: number) {
    if (!sessionId.value)
      return { output: '', error: 'The console session is not open.', code: 'ConsoleNotFound' }
    const r = await api.invoke('console:run', {
      sessionId: sessionId.value,
      line,
      ...(width === undefined ? {} : { width }),
    })
    if (!r.ok) return { output: '', error: r.error.message, code: r.error.code }
    prompt.value = r.data.prompt
    return { output: r.data.output }
  }

  /**
   * Runs a line. Sessions end when another lab is opened (or the host restarts); then a new
   * session is opened and the line, which never ran, runs in it.
   */
  async function run(
    line: string,
    width?: number,
  ): Promise<{ output: string; error?: string; notice?: string }> {
    const first = await runOnce(line, width)
    if (first.code !== 'ConsoleNotFound') return first
    const opened = await open()
    if ('error' in opened) return { output: '', error: opened.error }
    return {
      ...(await runOnce(line, width)),
      notice: 'The previous session ended; this is a new PowerShell session.',
    }
  }

  /**
   * Text a pending line prints while it runs (Install-AksHci's progress), for this session only:
   * whole lines without a final newline. Returns the unsubscribe function.
   */
  function onOutput(listener: (text: string) => void): () => void {
    return api.on('console:output', (e) => {
      if (e.sessionId === sessionId.value) listener(e.text)
    })
  }

  /** Ctrl+C while a line waits: the host stops the work and the pending console:run then ends. */
  async function cancel(): Promise<string | null> {
    if (!sessionId.value) return null
    const r = await api.invoke('console:cancel', { sessionId: sessionId.value })
    return r.ok ? null : r.error.message
  }

  async function complete(line: string, cursor: number) {
    if (!sessionId.value) return null
    const r = await api.invoke('console:complete', { sessionId: sessionId.value, line, cursor })
    return r.ok ? r.data : null
  }

  return { sessionId, prompt, open, run, complete, onOutput, cancel }
})
