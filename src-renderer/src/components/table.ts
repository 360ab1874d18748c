// Column definitions shared by the inventory tables: one function gives the value to sort by,
// another (optional) the text to show and search.

export interface Column<T> {
  key: string
  label: string
  value: (row: T) => string | number
  text?: (row: T) => string
  align?: 'left' | 'right'
  width?: string
}

export function cellText<T>(column: Column<T>, row: T): string {
  return column.text ? column.text(row) : String(column.value(row))
}

/** Rows where any column's text contains the query (case-insensitive), as the WAC search box does. */
export function filterRows<T>(rows: T[], columns: Column<T>[], query: string): T[] {
  const q = query.trim().toLowerCase()
  if (!q) return rows
  return rows.filter((row) => columns.some((c) => cellText(c, row).toLowerCase().includes(q)))
}

export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'en', { numeric: true })
}
