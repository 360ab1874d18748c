// Byte figures as people see them: the UI in binary units like Windows Explorer (GiB, TiB),
// PowerShell tables in binary maths with decimal-looking names (GB, TB), drives as sold (TB).

const UNITS_IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
const UNITS_PS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB']

function scaled(bytes: number, units: string[], base: number, decimals: number): string {
  let value = Math.abs(bytes)
  let i = 0
  while (value >= base && i < units.length - 1) {
    value /= base
    i++
  }
  const rounded = Number(value.toFixed(decimals))
  const text = rounded.toLocaleString('en-US', { maximumFractionDigits: decimals, useGrouping: false })
  return `${bytes < 0 ? '-' : ''}${text} ${units[i]}`
}

/** "1.75 TiB": the renderer's unit. */
export function formatBytes(bytes: number, decimals = 2): string {
  return scaled(bytes, UNITS_IEC, 1024, decimals)
}

/** "1.75 TB": how PowerShell's storage views print sizes (binary maths, two decimals, zeros dropped). */
export function formatPsSize(bytes: number): string {
  return scaled(bytes, UNITS_PS, 1024, 2)
}

/** "1.92 TB": drive sizes in decimal units, as sold. */
export function formatDecimalBytes(bytes: number, decimals = 2): string {
  return scaled(bytes, UNITS_PS, 1000, decimals)
}

export function formatPercent(fraction: number, decimals = 1): string {
  return `${(fraction * 100).toFixed(decimals)}%`
}

const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|PB|KiB|MiB|GiB|TiB|PiB)?$/i

/**
 * Parses "1.92TB" (decimal, as drives are sold) or "64GiB" (binary). Returns null when malformed.
 * PowerShell's own literals (1TB = 1024⁴) are the console's business, not this function's.
 */
export function parseSize(text: string): number | null {
  const m = SIZE_PATTERN.exec(text.trim())
  if (!m) return null
  const value = Number(m[1])
  const unit = (m[2] ?? 'B').toUpperCase()
  const binary = unit.includes('I')
  const power = ['B', 'K', 'M', 'G', 'T', 'P'].indexOf(unit[0]!)
  const bytes = value * (binary ? 1024 : 1000) ** power
  return Number.isFinite(bytes) ? Math.round(bytes) : null
}
