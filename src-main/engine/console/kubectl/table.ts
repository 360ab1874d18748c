// Go's text/tabwriter, which kubectl prints through: cells end at tabs, the text after a line's last
// tab is not a cell. A column is aligned over each run of consecutive lines that have it (a "column
// block"), to its widest cell + padding, at least minwidth. `kubectl get` uses minwidth 6 and
// padding 3; `kubectl describe` minwidth 0 and padding 2.

export function tabwrite(lines: string[], minwidth: number, padding: number): string[] {
  const cells = lines.map((l) => l.split('\t'))
  const widths = cells.map(() => [] as number[])
  const format = (line0: number, line1: number, column: number): void => {
    for (let t = line0; t < line1; t++) {
      if (column >= cells[t]!.length - 1) continue
      let width = minwidth
      let end = t
      for (; end < line1 && column < cells[end]!.length - 1; end++)
        width = Math.max(width, cells[end]![column]!.length + padding)
      for (let i = t; i < end; i++) widths[i]![column] = width
      format(t, end, column + 1)
      t = end - 1
    }
  }
  format(0, cells.length, 0)
  return cells.map((row, r) =>
    row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[r]![i]!))).join(''),
  )
}

/** kubectl get's rows. */
export function tabulate(rows: string[][]): string[] {
  return tabwrite(
    rows.map((r) => r.join('\t')),
    6,
    3,
  )
}
