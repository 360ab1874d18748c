// resource.Quantity as apimachinery parses and prints it (quantity.go: ParseQuantity,
// CanonicalizeBytes): '100m', '1.5Gi', '2e3', exact to the nanounit, capped at the largest int64,
// kept in the form the API server stores ('1536Mi', '2k', '100m'). The scheduler and the storage
// controllers read numbers (cores, bytes) from the stored strings. Pure.

export const QUANTITY_MESSAGE = `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`
const NUMERIC_MESSAGE = "unable to parse quantity's numeric part"
const SUFFIX_MESSAGE = "unable to parse quantity's suffix"

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent'

/** An exact quantity: unscaled × 10^-scale, with the format its suffix asked for. */
interface Exact {
  unscaled: bigint
  scale: number
  format: Format
}

const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const MAX = 2n ** 63n - 1n // the API server caps every quantity here
const NANO_SCALE = 9

interface Parts {
  negative: boolean
  digits: string
  fraction: string
  suffix: string
}

const pow10 = (n: number) => 10n ** BigInt(n)

/** The suffix's base, exponent and format (suffixHandler.interpret); null when unknown. */
function interpret(suffix: string): { base: 10 | 2; exponent: number; format: Format } | null {
  if (suffix in DECIMAL) return { base: 10, exponent: DECIMAL[suffix]!, format: 'DecimalSI' }
  if (suffix in BINARY) return { base: 2, exponent: BINARY[suffix]!, format: 'BinarySI' }
  const m = /^[eE]([-+]?\d+)$/.exec(suffix)
  if (!m) return null
  const parsed = BigInt(m[1]!)
  if (parsed > MAX || parsed < -MAX - 1n) return null // strconv.ParseInt's range
  return { base: 10, exponent: Number(BigInt.asIntN(32, parsed)), format: 'DecimalExponent' }
}

/** parseQuantityString: sign, digits, fraction and suffix, or the error ParseQuantity gives. */
function split(text: string): Parts | string {
  const [, sign, whole, point, fraction, suffix] = /^([+-]?)(\d*)(\.?)(\d*)(.*)$/s.exec(text)!
  // A bare sign: Go's parser runs out of text while skipping leading zeros and reads 0.
  if (whole === '' && !point && suffix === '') return { negative: false, digits: '0', fraction: '', suffix }
  // The suffix: letters of [eEinumkKMGTP], then an optional signed exponent, and nothing more.
  if (!/^[eEinumkKMGTP]*[-+]?\d*$/.test(suffix!)) return QUANTITY_MESSAGE
  if (interpret(suffix!) === null) return SUFFIX_MESSAGE
  if (whole === '' && fraction === '') return NUMERIC_MESSAGE
  return { negative: sign === '-', digits: whole!, fraction: fraction!, suffix: suffix! }
}

function parseExact(text: string): Exact | string {
  if (text === '') return QUANTITY_MESSAGE
  const parts = split(text)
  if (typeof parts === 'string') return parts
  const unit = interpret(parts.suffix)!
  let unscaled = BigInt(`${parts.digits}${parts.fraction}` || '0')
  let scale = parts.fraction.length
  let format = unit.format
  if (unit.base === 2) unscaled *= 2n ** BigInt(unit.exponent)
  else scale -= unit.exponent
  if (unscaled !== 0n) {
    // Beyond these the value is capped or rounded up to one nanounit anyway: skip the huge powers.
    if (scale < -40) return { unscaled: parts.negative ? -MAX : MAX, scale: 0, format }
    if (scale - String(unscaled).length > 20)
      return { unscaled: parts.negative ? -1n : 1n, scale: NANO_SCALE, format: 'DecimalSI' }
    // Some of a resource is some: round up (away from zero) to the nanounit.
    if (scale > NANO_SCALE) {
      const step = pow10(scale - NANO_SCALE)
      unscaled = (unscaled + step - 1n) / step
      scale = NANO_SCALE
    }
    if (scale < 0) {
      unscaled *= pow10(-scale)
      scale = 0
    }
    if (unscaled > MAX * pow10(scale)) {
      unscaled = MAX
      scale = 0
    }
    if (format === 'BinarySI' && unscaled < pow10(scale)) format = 'DecimalSI'
  }
  return { unscaled: parts.negative ? -unscaled : unscaled, scale, format }
}

/** Strips every factor of `factor` from n: n = rest × factor^times. */
function removeFactors(n: bigint, factor: bigint): { rest: bigint; times: number } {
  let rest = n
  let times = 0
  while (rest !== 0n && rest % factor === 0n) {
    rest /= factor
    times++
  }
  return { rest, times }
}

/** Quantity.String(): the canonical text, as the API server stores and prints it. */
function canonical(q: Exact): string {
  if (q.unscaled === 0n) return '0'
  const abs = q.unscaled < 0n ? -q.unscaled : q.unscaled
  const integral = q.scale === 0 || abs % pow10(q.scale) === 0n
  if (q.format === 'BinarySI' && abs >= 1024n * pow10(q.scale) && integral) {
    const { rest, times } = removeFactors(q.unscaled / pow10(q.scale), 1024n)
    const suffix = Object.keys(BINARY).find((s) => BINARY[s] === times * 10) ?? ''
    return `${rest}${suffix}`
  }
  const { rest, times } = removeFactors(q.unscaled, 10n)
  let amount = rest
  let exponent = times - q.scale
  // Go's % keeps the sign: shift down to an exponent that is a multiple of 3.
  while (exponent % 3 !== 0) {
    amount *= 10n
    exponent--
  }
  if (q.format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`
  const suffix = Object.keys(DECIMAL).find((s) => DECIMAL[s] === exponent)
  return `${amount}${suffix ?? ''}`
}

export type QuantityResult = { ok: true; canonical: string; value: number } | { ok: false; message: string }

/**
 * A quantity as the API server's decoder reads a JSON value (Quantity.UnmarshalJSON): a string or a
 * number, trimmed; anything else is text that does not match. `value` is in base units (cores, bytes).
 */
export function decodeQuantity(raw: unknown): QuantityResult {
  const text =
    typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : JSON.stringify(raw)
  const exact = parseExact(text)
  if (typeof exact === 'string') return { ok: false, message: exact }
  return { ok: true, canonical: canonical(exact), value: Number(exact.unscaled) / 10 ** exact.scale }
}

/** The value of a quantity in base units (cores, bytes), or null when the API server would refuse it. */
export function parseQuantity(q: string | number | undefined): number | null {
  if (q === undefined) return 0
  const r = decodeQuantity(q)
  return r.ok ? r.value : null
}

/** The canonical text of a quantity already known to be valid ('1073741824' → '1073741824', '0.5Gi' → '512Mi'). */
export function canonicalQuantity(q: string | number): string {
  const r = decodeQuantity(q)
  if (!r.ok) throw new Error(`not a quantity: ${String(q)}`)
  return r.canonical
}

/** A byte count as a CSI provisioner reports a volume (resource.NewQuantity(n, BinarySI)): 1073741824 → '1Gi'. */
export function binaryQuantity(bytes: number): string {
  const whole = BigInt(Math.ceil(bytes))
  return canonical({ unscaled: whole > MAX ? MAX : whole, scale: 0, format: 'BinarySI' })
}
