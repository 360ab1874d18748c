import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/** The selected pivot tab, kept in the URL (?tab=…) so a reload or a link comes back to it. */
export function useTabQuery(ids: string[], fallback = ids[0]!) {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get: () => {
      const tab = route.query.tab
      return typeof tab === 'string' && ids.includes(tab) ? tab : fallback
    },
    set: (tab: string) => void router.replace({ query: { ...route.query, tab } }),
  })
}

export const SUMMARY_INVENTORY = [
  { id: 'summary', label: 'Summary' },
  { id: 'inventory', label: 'Inventory' },
]
