import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW, loadWindowState, saveWindowState } from './window-state'

const dir = mkdtempSync(join(tmpdir(), 'hci-window-'))
const file = join(dir, 'window-state.json')
const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('window state', () => {
  it('round-trips size, position and maximized', () => {
    saveWindowState(file, { x: 100, y: 50, width: 1200, height: 800 }, true)
    expect(loadWindowState(file, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: true,
    })
  })

  it('drops a position on a display that is gone, and bad or missing files', () => {
    saveWindowState(file, { x: 3000, y: 50, width: 1200, height: 800 }, false)
    expect(loadWindowState(file, screen)).toEqual({ width: 1200, height: 800, maximized: false })
    writeFileSync(file, '{ not json')
    expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW)
    expect(loadWindowState(join(dir, 'none.json'), screen)).toEqual(DEFAULT_WINDOW)
    writeFileSync(file, JSON.stringify({ width: 10, height: 'tall' }))
    expect(loadWindowState(file, screen)).toEqual({
      width: 800,
      height: DEFAULT_WINDOW.height,
      maximized: false,
    })
  })
})
