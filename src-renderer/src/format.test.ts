import { describe, expect, it } from 'vitest'
import { axisTimeFormatter, formatElapsed, formatVirtualTime } from './format'

describe('formatVirtualTime', () => {
  it('shows the lab epoch the way Windows does, in UTC', () => {
    expect(formatVirtualTime(Date.UTC(2020, 8, 22, 9, 0, 0))).toBe('9/22/2020 9:00:00 AM')
    expect(formatVirtualTime(Date.UTC(2020, 11, 1, 23, 5, 9))).toBe('12/1/2020 11:05:09 PM')
  })
})

describe('axisTimeFormatter', () => {
  const t = Date.UTC(2020, 8, 22, 9, 0, 30)
  it('shows seconds for short spans and dates for long ones', () => {
    expect(axisTimeFormatter(60_000)(t)).toBe('9:00:30 AM')
    expect(axisTimeFormatter(5 * 3_600_000)(t)).toBe('9:00 AM')
    expect(axisTimeFormatter(30 * 86_400_000)(t)).toBe('9/22/2020')
  })
})

describe('formatElapsed', () => {
  it('says how long work took in the largest units that read naturally', () => {
    expect(formatElapsed(45_000)).toBe('45 s')
    expect(formatElapsed(9 * 60_000)).toBe('9 min')
    expect(formatElapsed(30 * 60_000)).toBe('30 min')
    expect(formatElapsed(65 * 60_000)).toBe('1 h 5 min')
    expect(formatElapsed(120 * 60_000)).toBe('2 h')
  })
})
