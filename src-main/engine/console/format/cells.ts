import { formatPsSize } from '@shared/format'
import type { PsObject } from '../values'
import { cellText } from '../values'

// Cell formatters shared by the storage views.

/** A byte count as the storage views print it ("1.75 TB"); blank when absent. */
export function sizeCell(value: unknown): string {
  return typeof value === 'number' ? formatPsSize(value) : ''
}

/** "49.99%": two decimals, trailing zeros dropped like the size cells. */
export function percentCell(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return ''
  return `${Number((fraction * 100).toFixed(2))}%`
}

/** A property shown as is. */
export const prop = (name: string) => (o: PsObject) => cellText(o.get(name))

/** A byte property shown as a size. */
export const size = (name: string) => (o: PsObject) => sizeCell(o.get(name))
