// Focus helpers for panels and dialogs: start on the first field, keep Tab inside modal dialogs.

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)]
}

export function focusFirst(root: HTMLElement | null | undefined): void {
  if (!root) return
  const field = root.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled])')
  ;(field ?? focusables(root)[0])?.focus()
}

/** Keeps Tab and Shift+Tab cycling within root. */
export function trapTab(event: KeyboardEvent, root: HTMLElement | null | undefined): void {
  if (!root || event.key !== 'Tab') return
  const items = focusables(root)
  const first = items[0]
  const last = items[items.length - 1]
  if (!first || !last) return
  if (event.shiftKey && document.activeElement === first) {
    last.focus()
    event.preventDefault()
  } else if (!event.shiftKey && document.activeElement === last) {
    first.focus()
    event.preventDefault()
  }
}
