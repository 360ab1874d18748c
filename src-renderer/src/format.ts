// Renderer-only formatting. Byte and percent formatting lives in @shared/format.

const TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
  hour12: true,
})

/** Virtual time as Windows shows it in en-US, in UTC: "9/22/2020 9:00:00 AM". */
export function formatVirtualTime(ms: number): string {
  return TIME.format(new Date(ms))
    .replace(',', '')
    .replace(/\u202f/g, ' ')
}

const HOUR = 3_600_000

/** How long work took, as a notification says it: "45 s", "9 min", "1 h 5 min". */
export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const rest = minutes % 60
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`
}
const parts = (options: Intl.DateTimeFormatOptions) => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', ...options })
  return (ms: number) =>
    f
      .format(new Date(ms))
      .replace(',', '')
      .replace(/\u202f/g, ' ')
}
const WITH_SECONDS = parts({ hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true })
const HOURS = parts({ hour: 'numeric', minute: '2-digit', hour12: true })
const DAY_HOURS = parts({
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
})
const DAYS = parts({ month: 'numeric', day: 'numeric', year: 'numeric' })

/** Axis labels for a chart spanning `spanMs` of virtual time: seconds for minutes, dates for weeks. */
export function axisTimeFormatter(spanMs: number): (ms: number) => string {
  if (spanMs < 2 * HOUR) return WITH_SECONDS
  if (spanMs < 24 * HOUR) return HOURS
  if (spanMs < 7 * 24 * HOUR) return DAY_HOURS
  return DAYS
}
