import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

// Light or dark, remembered in localStorage; WAC marks the theme with a class on <body>.

export type Theme = 'light' | 'dark'
export const THEME_KEY = 'hci-lab.theme'

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY)
  if (saved === 'light' || saved === 'dark') return saved
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export const useThemeStore = defineStore('theme', () => {
  const theme = ref<Theme>(initialTheme())
  watch(
    theme,
    (t) => {
      localStorage.setItem(THEME_KEY, t)
      document.body.classList.toggle('sme-theme-dark', t === 'dark')
      document.body.classList.toggle('sme-theme-light', t === 'light')
    },
    { immediate: true },
  )
  return { theme }
})
