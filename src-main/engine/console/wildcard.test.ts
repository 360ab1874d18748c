import { describe, expect, it } from 'vitest'
import { wildcardPattern } from './wildcard'

// PowerShell's wildcard language, as -like and the -Name filters read it.

describe('wildcardPattern', () => {
  it.each([
    ['Volume*', 'Volume01', true],
    ['Volume*', 'volume01', true],
    ['*01', 'Volume01', true],
    ['*01', 'Volume012', false],
    ['V?lume01', 'Volume01', true],
    ['V?lume01', 'Vlume01', false],
    ['Volume0[12]', 'Volume02', true],
    ['Volume0[12]', 'Volume03', false],
    ['Volume0[1-3]', 'Volume03', true],
    ['node[A-C]', 'nodeb', true],
    ['a`*b', 'a*b', true],
    ['a`*b', 'axb', false],
    ['*', '', true],
    ['a**b', 'ab', true],
    ['[abc', '[abc', true],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(wildcardPattern(pattern).test(text)).toBe(expected)
  })

  it('is case-sensitive when asked (-clike)', () => {
    expect(wildcardPattern('Volume*', true).test('volume01')).toBe(false)
    expect(wildcardPattern('Volume*', true).test('Volume01')).toBe(true)
  })
})
