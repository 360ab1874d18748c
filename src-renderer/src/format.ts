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

const SHORT = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
})

/** Axis labels of capacity charts: "9/22 9:00 AM". */
export function formatShortTime(ms: number): string {
  return SHORT.format(new Date(ms))
    .replace(',', '')
    .replace(/\u202f/g, ' ')
}
