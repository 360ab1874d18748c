import { describe, expect, it } from 'vitest'
import { Rng, seedRng } from './rng'

describe('Rng', () => {
  it('draws hex digits exactly as chars() over the hex alphabet would (same names for the same seed)', () => {
    const a = new Rng(seedRng(42))
    const b = new Rng(seedRng(42))
    for (let n = 1; n < 40; n++) expect(a.hex(n)).toBe(b.chars(n, '0123456789abcdef'))
    expect(a.state).toEqual(b.state)
  })

  it('gives the same guids and suffixes for the same seed, and different ones for another', () => {
    const draw = (seed: number) => {
      const r = new Rng(seedRng(seed))
      return [r.guid(), r.kubeSuffix(), r.hex(16)]
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(7)).not.toEqual(draw(8))
    expect(draw(7)[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
