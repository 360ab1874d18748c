import { describe, expect, it } from 'vitest'
import { LineEditor, toTerminal } from './lineEditor'

describe('LineEditor', () => {
  it('edits in the middle of the line and keeps history', () => {
    const e = new LineEditor('PS C:\\> ')
    e.insert('Get-Volme')
    e.left()
    e.left()
    e.insert('u')
    expect(e.line).toBe('Get-Volume')
    e.home()
    e.deleteForward()
    e.insert('G')
    e.end()
    e.backspace()
    e.insert('e')
    expect(e.accept()).toBe('Get-Volume')
    e.insert('dir')
    expect(e.accept()).toBe('dir')
    e.insert('draft')
    e.historyUp()
    expect(e.line).toBe('dir')
    e.historyUp()
    expect(e.line).toBe('Get-Volume')
    e.historyUp()
    expect(e.line).toBe('Get-Volume')
    e.historyDown()
    e.historyDown()
    expect(e.line).toBe('draft')
  })

  it('redraws from the start of the prompt and puts the cursor back', () => {
    const e = new LineEditor('PS> ')
    e.insert('abc')
    expect(e.left()).toBe('\rPS> abc\x1b[J\r\x1b[6C')
  })

  it('converts newlines for xterm', () => {
    expect(toTerminal('a\nb\r\nc')).toBe('a\r\nb\r\nc')
  })
})
