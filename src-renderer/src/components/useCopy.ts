import { ref } from 'vue'

/** Copies text to the clipboard; `copied` is true for two seconds afterwards (the button's feedback). */
export function useCopy() {
  const copied = ref(false)
  async function copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text)
      copied.value = true
      setTimeout(() => (copied.value = false), 2000)
    } catch {
      copied.value = false // no clipboard permission: nothing to confirm
    }
  }
  return { copied, copy }
}
