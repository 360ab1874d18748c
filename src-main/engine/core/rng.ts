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

const HEX = '0123456789abcdef'

export class Rng {
  constructor(readonly state: RngState) {}

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
    let out = ''
    for (let i = 0; i < n; i++) out += HEX[nextUint32(this.state) >>> 28]
    return out
  }

  /** A version-4 style GUID, lower case. */
  guid(): string {
    const h = this.hex(32)
    const variant = '89ab'[this.int(4)]
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }

  /** Kubernetes' generated-name suffix alphabet (no vowels, no confusable digits). */
  kubeSuffix(n = 5): string {
    return this.chars(n, 'bcdfghjklmnpqrstvwxz2456789')
  }
}
