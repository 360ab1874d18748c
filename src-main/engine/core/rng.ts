// A seeded random generator (sfc32) whose whole state is four numbers, so it persists with the lab.
// Same seed ⇒ same names, serials and suffixes: the lab is reproducible.

export type RngState = [number, number, number, number]

export function seedRng(seed: number): RngState {
  const s: RngState = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0]
  for (let i = 0; i < 12; i++) nextUint32(s)
  return s
}

/** Advances the state in place and returns a uint32. */
export function nextUint32(s: RngState): number {
  const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0
  s[3] = (s[3] + 1) >>> 0
  s[0] = s[1] ^ (s[1] >>> 9)
  s[1] = (s[2] + (s[2] << 3)) >>> 0
  s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0
  s[2] = (s[2] + t) >>> 0
  return t
}

const HEX_CODES = [...'0123456789abcdef'].map((c) => c.charCodeAt(0))
const DASH = '-'.charCodeAt(0)
const FOUR = '4'.charCodeAt(0)
const VARIANT_CODES = [...'89ab'].map((c) => c.charCodeAt(0))
/** Character codes of a string being drawn (reused: a string is made once from them, not char by char). */
const codes: number[] = []
const digits: number[] = []

export class Rng {
  constructor(readonly state: RngState) {}

  /** Advances past n draws (what drawing n hex digits would take). */
  skip(n: number): void {
    this.draw(n, undefined)
  }

  /**
   * n draws, each one's top four bits as a hex digit's character code into `into` (when given): the
   * sfc32 step of nextUint32 on local copies of the state, since a name takes dozens of draws.
   */
  private draw(n: number, into: number[] | undefined): void {
    const s = this.state
    let a = s[0]
    let b = s[1]
    let c = s[2]
    let d = s[3]
    for (let i = 0; i < n; i++) {
      const t = (((a + b) >>> 0) + d) >>> 0
      d = (d + 1) >>> 0
      a = b ^ (b >>> 9)
      b = (c + (c << 3)) >>> 0
      c = ((c << 21) | (c >>> 11)) >>> 0
      c = (c + t) >>> 0
      if (into) into[i] = HEX_CODES[t >>> 28]!
    }
    s[0] = a
    s[1] = b
    s[2] = c
    s[3] = d
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor((nextUint32(this.state) / 2 ** 32) * n)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  /** n characters from the alphabet. */
  chars(n: number, alphabet: string): string {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)]
    return out
  }

  /** n hex digits: chars(n, '0123456789abcdef'), whose int(16) is a draw's top four bits. */
  hex(n: number): string {
    codes.length = n
    this.draw(n, codes)
    return String.fromCharCode(...codes)
  }

  /**
   * A version-4 style GUID, lower case: 32 hex draws laid out 8-4-4-4-12, the 13th digit replaced by
   * the version 4 and the 17th by a variant digit drawn after them.
   */
  guid(): string {
    this.draw(32, digits)
    codes.length = 36
    let at = 0
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) codes[at++] = DASH
      codes[at++] = digits[i]!
    }
    codes[14] = FOUR
    codes[19] = VARIANT_CODES[this.int(4)]!
    return String.fromCharCode(...codes)
  }

  /** Kubernetes' generated-name suffix alphabet (no vowels, no confusable digits). */
  kubeSuffix(n = 5): string {
    return this.chars(n, 'bcdfghjklmnpqrstvwxz2456789')
  }
}
