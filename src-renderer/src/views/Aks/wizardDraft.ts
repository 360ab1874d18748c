import { ref, watch, type Ref } from 'vue'
import { useRouter } from 'vue-router'

// A wizard's draft, kept in the tab's session storage per lab file and wizard until the wizard is
// finished or cancelled: leaving it (to Settings for the password, to another tool) or reloading
// the page brings the person back to the same step with the same answers.

interface Draft {
  step: number
  form: Record<string, unknown>
}

function read(key: string): Draft | null {
  try {
    const saved: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null')
    if (!saved || typeof saved !== 'object') return null
    const { step, form } = saved as Partial<Draft>
    if (typeof step !== 'number' || !form || typeof form !== 'object') return null
    return { step, form }
  } catch {
    return null // an unreadable draft is no draft
  }
}

/**
 * Restores the draft saved under `key` into `form` and `step` (only the fields a fresh form has, and
 * steps before `lastStep`), then keeps saving them. `discard` forgets it (the wizard finished);
 * `cancel` leaves for `leaveTo`, first asking (`discarding`, answered by `leave`) when answers would go.
 */
export function useWizardDraft<F extends object>(
  key: string,
  form: F,
  step: Ref<number>,
  { lastStep, leaveTo }: { lastStep: number; leaveTo: string },
) {
  const router = useRouter()
  const storageKey = `hci-lab:draft:${key}`
  const fresh = JSON.stringify(form)
  const saved = read(storageKey)
  if (saved) {
    for (const field of Object.keys(form))
      if (field in saved.form) Reflect.set(form, field, saved.form[field])
    step.value = Math.max(0, Math.min(Math.trunc(saved.step), lastStep - 1))
  }
  const stop = watch(
    [() => JSON.stringify(form), step],
    ([text, at]) => {
      if (at >= lastStep) return
      try {
        sessionStorage.setItem(storageKey, JSON.stringify({ step: at, form: JSON.parse(text) }))
      } catch {
        // A full or unavailable storage only costs the draft.
      }
    },
    { immediate: true },
  )
  const discard = () => {
    stop()
    sessionStorage.removeItem(storageKey)
  }
  const discarding = ref(false)
  const leave = () => {
    discard()
    void router.push(leaveTo)
  }
  const cancel = () => {
    if (step.value > 0 || JSON.stringify(form) !== fresh) discarding.value = true
    else leave()
  }
  return { discard, discarding, cancel, leave }
}
