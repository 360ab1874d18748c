// resource.Quantity as the API server parses it ('100m', '1.5Gi', '2e3'): the scheduler compares
// requests against allocatable with these numbers (cores, bytes). Pure.

export const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/
export const QUANTITY_MESSAGE = `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`

const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}

/** The value of a quantity, or null when the API server would refuse it. Numbers are taken as is. */
export function parseQuantity(q: string | number | undefined): number | null {
  if (q === undefined) return 0
  if (typeof q === 'number') return q
  const m = QUANTITY_RE.exec(q)
  if (!m || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(m[1]!)) return null
  const suffix = m[2]!
  const exp = /^[eE]([-+]?\d+)$/.exec(suffix)
  const factor = exp ? 10 ** Number(exp[1]) : SUFFIX[suffix]
  return factor === undefined ? null : Number(m[1]) * factor
}
