import type { Align } from '../registry'

// Windows PowerShell 5.1's table layout: a blank line, the header, a dash row as long as each label,
// the rows, two blank lines. Columns fit their widest cell (5.1 sizes tables from the data it has);
// one blank between columns; the last column is not padded unless right-aligned. When the table is
// wider than the window, the last column shrinks and then columns drop from the right, and cells
// that do not fit are cut with "...".

export interface TableColumn {
  label: string
  align: Align
  width?: number
}

export function renderTable(
  columns: TableColumn[],
  rows: string[][],
  width: number,
  hideHeaders = false,
): string[] {
  const widths = columns.map(
    (c, k) => c.width ?? Math.max(c.label.length, ...rows.map((r) => (r[k] ?? '').length), 1),
  )
  fitToWidth(widths, width)
  const visible = widths.map((w, k) => ({ w, k })).filter((c) => c.w > 0)
  // Rows end without blanks (an empty last cell would otherwise leave padding behind).
  const line = (cells: (k: number) => string) =>
    visible
      .map(({ w, k }, i) => cell(cells(k), w, columns[k]!.align, i === visible.length - 1))
      .join(' ')
      .trimEnd()
  const out = ['']
  if (!hideHeaders) {
    out.push(line((k) => columns[k]!.label))
    out.push(line((k) => '-'.repeat(Math.min(columns[k]!.label.length, widths[k]!))))
  }
  for (const row of rows) out.push(line((k) => row[k] ?? ''))
  out.push('', '')
  return out
}

function cell(text: string, w: number, align: Align, last: boolean): string {
  if (text.length > w) return w > 3 ? `${text.slice(0, w - 3)}...` : text.slice(0, w)
  if (align === 'right') return text.padStart(w)
  return last ? text : text.padEnd(w)
}

/** Shrinks the last visible column, or hides it (width 0) when it would go below one character. */
function fitToWidth(widths: number[], tableWidth: number): void {
  for (;;) {
    const visible = widths.filter((w) => w > 0)
    const total = visible.reduce((s, w) => s + w, 0) + Math.max(visible.length - 1, 0)
    const excess = total - tableWidth
    if (excess <= 0 || visible.length === 0) return
    const last = widths.findLastIndex((w) => w > 0)
    if (widths[last]! - excess < 1) widths[last] = 0
    else widths[last] = widths[last]! - excess
  }
}
