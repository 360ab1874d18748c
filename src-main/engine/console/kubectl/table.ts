// kubectl's table writer: Go text/tabwriter with minwidth 6, padding 3, space padding. Every cell
// but the last on a line is padded to its column's width (widest cell + 3, at least 6); the last
// cell is written as is, so lines carry no trailing blanks.

const MIN_WIDTH = 6
const PADDING = 3

export function tabulate(rows: string[][]): string[] {
  const widths: number[] = []
  for (const row of rows)
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? MIN_WIDTH, cell.length + PADDING)
    })
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join(''),
  )
}
