import { describe, expect, it } from 'vitest'
import { Rng, seedRng } from './rng'

describe('Rng', () => {
  it('draws hex digits exactly as chars() over the hex alphabet would (same names for the same seed)', () => {
    const a = new Rng(seedRng(42))
    const b = new Rng(seedRng(42))
    for (let n = 1; n < 40; n++) expect(a.hex(n)).toBe(b.chars(n, '0123456789abcdef'))
    expect(a.state).toEqual(b.state)
  })

  it('lays a guid out of 32 hex draws and a variant draw, the 13th digit the version 4 (names of older labs)', () => {
    const a = new Rng(seedRng(5))
    const b = new Rng(seedRng(5))
    for (let i = 0; i < 20; i++) {
      const h = b.chars(32, '0123456789abcdef')
      const v = '89ab'[b.int(4)]
      expect(a.guid()).toBe(
        `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20)}`,
      )
    }
  })

  it('skips n draws to the state drawing n values leaves', () => {
    const a = new Rng(seedRng(9))
    const b = new Rng(seedRng(9))
    a.skip(49)
    b.chars(49, 'ab')
    expect(a.state).toEqual(b.state)
    expect(a.guid()).toBe(b.guid())
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
