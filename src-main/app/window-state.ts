import { readFileSync, writeFileSync } from 'node:fs'

// The main window's size and position, remembered between runs in <userData>/window-state.json.

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export const DEFAULT_WINDOW: WindowState = { width: 1366, height: 860, maximized: false }
const MIN = { width: 800, height: 560 }

/** The saved state, or the default when it is missing, unreadable or off every display. */
export function loadWindowState(file: string, workAreas: Rect[]): WindowState {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return DEFAULT_WINDOW
  }
  const s = raw as Partial<Record<keyof WindowState, unknown>>
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined)
  const width = Math.max(MIN.width, num(s.width) ?? DEFAULT_WINDOW.width)
  const height = Math.max(MIN.height, num(s.height) ?? DEFAULT_WINDOW.height)
  const state: WindowState = { width, height, maximized: s.maximized === true }
  const x = num(s.x)
  const y = num(s.y)
  // A window saved on a display that is gone would open out of sight: let the OS place it.
  if (x !== undefined && y !== undefined && workAreas.some((a) => overlaps(a, { x, y, width, height })))
    return { ...state, x, y }
  return state
}

export function saveWindowState(file: string, bounds: Rect, maximized: boolean): void {
  try {
    writeFileSync(file, JSON.stringify({ ...bounds, maximized }) + '\n')
  } catch {
    // Only a convenience: the next start uses the default size.
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  // At least a 100-pixel corner of the title bar must be visible.
  return b.x + 100 <= a.x + a.width && b.x + b.width - 100 >= a.x && b.y >= a.y && b.y + 40 <= a.y + a.height
}
