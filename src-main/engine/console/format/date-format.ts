// DateTime.ToString(format) as an en-US Windows PowerShell 5.1 does it: Get-Date -Format. The lab's
// virtual clock is the servers' local time (UTC, see ../dates.ts).

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** The standard formats (one letter) as the custom patterns en-US gives them. */
const STANDARD: Record<string, string> = {
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  m: 'MMMM d',
  M: 'MMMM d',
  y: 'MMMM yyyy',
  Y: 'MMMM yyyy',
}

/** The long date and time Get-Date prints by default: Tuesday, September 22, 2020 9:31:05 AM */
export const DEFAULT_DATE_FORMAT = 'F'

export function formatDate(ms: number, format: string): string {
  const pattern = STANDARD[format] ?? format
  const d = new Date(ms)
  const hours = d.getUTCHours()
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  const fields: Record<string, (count: number) => string> = {
    y: (n) => (n <= 2 ? pad(d.getUTCFullYear() % 100, n) : pad(d.getUTCFullYear(), n)),
    M: (n) =>
      n >= 4
        ? MONTHS[d.getUTCMonth()]!
        : n === 3
          ? MONTHS[d.getUTCMonth()]!.slice(0, 3)
          : pad(d.getUTCMonth() + 1, n),
    d: (n) =>
      n >= 4 ? DAYS[d.getUTCDay()]! : n === 3 ? DAYS[d.getUTCDay()]!.slice(0, 3) : pad(d.getUTCDate(), n),
    H: (n) => pad(hours, Math.min(n, 2)),
    h: (n) => pad(hours % 12 === 0 ? 12 : hours % 12, Math.min(n, 2)),
    m: (n) => pad(d.getUTCMinutes(), Math.min(n, 2)),
    s: (n) => pad(d.getUTCSeconds(), Math.min(n, 2)),
    f: (n) => pad(d.getUTCMilliseconds(), 3).padEnd(n, '0').slice(0, n),
    t: (n) => (hours < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2),
    // DateTimeKind.Local on a server whose zone is UTC.
    K: () => '+00:00',
  }
  let out = ''
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!
    if (c === "'" || c === '"') {
      const end = pattern.indexOf(c, i + 1)
      out += pattern.slice(i + 1, end < 0 ? pattern.length : end)
      i = end < 0 ? pattern.length : end + 1
      continue
    }
    if (c === '\\' && i + 1 < pattern.length) {
      out += pattern[i + 1]
      i += 2
      continue
    }
    let n = 1
    while (pattern[i + n] === c) n++
    const field = fields[c]
    out += field ? field(n) : c.repeat(n)
    i += n
  }
  return out
}
