// Windows PowerShell 5.1's list layout: two blank lines, then per object "Name : value" lines with
// the names padded to the longest one and a blank line after each, then two more blank lines. Long
// values wrap at the window edge, continuing under the first value character.

export function renderList(entries: [string, string][][], width: number): string[] {
  const out = ['', '']
  for (const entry of entries) {
    const labelWidth = Math.max(...entry.map(([label]) => label.length), 0)
    const indent = labelWidth + 3
    const fieldWidth = Math.max(width - indent, 1)
    for (const [label, value] of entry) {
      value.split('\n').forEach((line, i) => {
        chunk(line, fieldWidth).forEach((part, j) => {
          const head = i === 0 && j === 0 ? `${label.padEnd(labelWidth)} : ` : ' '.repeat(indent)
          out.push(head + part)
        })
      })
    }
    out.push('')
  }
  out.push('', '')
  return out
}

function chunk(text: string, size: number): string[] {
  if (text.length <= size) return [text]
  const parts: string[] = []
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size))
  return parts
}
