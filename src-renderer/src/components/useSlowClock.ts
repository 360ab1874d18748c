import { onScopeDispose, ref } from 'vue'
import { useLabStore } from '@/stores/lab'

/**
 * The virtual clock, read once a second: charts that extend to "now" need not redraw at the
 * clock's ≈10 updates a second.
 */
export function useSlowClock(intervalMs = 1000) {
  const lab = useLabStore()
  const now = ref(lab.view.clock.now)
  const timer = setInterval(() => (now.value = lab.view.clock.now), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
