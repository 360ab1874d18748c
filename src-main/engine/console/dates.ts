// Dates and durations as an en-US Windows PowerShell 5.1 prints them. The lab's virtual clock is
// the servers' local time (UTC), so no time-zone shift is applied.

function parts(ms: number) {
  const d = new Date(ms)
  const hours = d.getUTCHours()
  return {
    date: `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`,
    hour: hours % 12 === 0 ? 12 : hours % 12,
    minutes: String(d.getUTCMinutes()).padStart(2, '0'),
    seconds: String(d.getUTCSeconds()).padStart(2, '0'),
    ampm: hours < 12 ? 'AM' : 'PM',
  }
}

/** [string] of a DateTime: 9/22/2020 9:31:05 AM */
export function dateTimeText(ms: number): string {
  const p = parts(ms)
  return `${p.date} ${p.hour}:${p.minutes}:${p.seconds} ${p.ampm}`
}

/** TimeSpan.ToString(): [d.]hh:mm:ss[.fffffff]; the fraction only when there is one. */
export function timeSpanText(ms: number): string {
  const total = Math.max(0, Math.floor(ms))
  const days = Math.floor(total / 86_400_000)
  const two = (n: number) => String(n).padStart(2, '0')
  const h = two(Math.floor(total / 3_600_000) % 24)
  const m = two(Math.floor(total / 60_000) % 60)
  const s = two(Math.floor(total / 1000) % 60)
  const fraction = total % 1000
  return (
    `${days > 0 ? `${days}.` : ''}${h}:${m}:${s}` +
    (fraction > 0 ? `.${String(fraction * 10_000).padStart(7, '0')}` : '')
  )
}
