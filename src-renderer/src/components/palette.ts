import type { Theme } from '@/stores/theme'

// Colours that charts need as values (ECharts cannot read CSS variables). Fluent's data-viz hues.
export const VOLUME_COLOURS = [
  '#0078D4',
  '#00B7C3',
  '#8764B8',
  '#CA5010',
  '#498205',
  '#4F6BED',
  '#C239B3',
  '#986F0B',
]

export function volumeColour(index: number): string {
  return VOLUME_COLOURS[index % VOLUME_COLOURS.length]!
}

export function chartColours(theme: Theme) {
  return theme === 'dark'
    ? {
        text: '#F3F2F1',
        muted: '#C8C6C4',
        grid: '#3B3A39',
        reserve: '#797775',
        free: '#484644',
        accent: '#2899F5',
      }
    : {
        text: '#323130',
        muted: '#605E5C',
        grid: '#EDEBE9',
        reserve: '#8A8886',
        free: '#E1DFDD',
        accent: '#0078D4',
      }
}
