import { describe, expect, it } from 'vitest'
import { compareNames } from './kube'

describe('listing order of names', () => {
  it('is the collator order for names of a-z, 0-9, "-" and "." (and the collator decides the rest)', () => {
    const collator = new Intl.Collator()
    const alphabet = 'abcxyz0189-.'
    let seed = 7
    const draw = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const name = () => Array.from({ length: 1 + draw(8) }, () => alphabet[draw(alphabet.length)]).join('')
    for (let i = 0; i < 5000; i++) {
      const a = name()
      const b = draw(4) === 0 ? a : name()
      expect(Math.sign(compareNames(a, b)), `${a} vs ${b}`).toBe(Math.sign(collator.compare(a, b)))
    }
    for (const [a, b] of [
      ['web-1', 'Web-1'],
      ['éa', 'eb'],
      ['a_b', 'a-b'],
    ])
      expect(Math.sign(compareNames(a!, b!))).toBe(Math.sign(collator.compare(a!, b!)))
  })
})
