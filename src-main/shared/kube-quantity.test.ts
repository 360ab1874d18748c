import { describe, expect, it } from 'vitest'
import { canonicalQuantity, decodeQuantity, parseQuantity, QUANTITY_MESSAGE } from './kube-quantity'

// resource.Quantity's grammar and canonical text, case by case as apimachinery's quantity_test.go
// has them.

describe('quantities as the API server parses and stores them', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1073741824', '1073741824'],
    [1073741824, '1073741824'],
    ['0.5Gi', '512Mi'],
    ['1.5Gi', '1536Mi'],
    ['1024', '1024'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['100m', '100m'],
    ['1000m', '1'],
    ['0.1', '100m'],
    [0.25, '250m'],
    ['1e3', '1e3'],
    ['1E', '1E'],
    ['1e+21', '9223372036854775807'],
    ['9999999999999999999999Ki', '9223372036854775807'],
    ['1n', '1n'],
    ['0.0000000001', '1n'],
    ['-1Gi', '-1Gi'],
    ['-0', '0'],
    ['0Gi', '0'],
    ['+5', '5'],
    ['5.', '5'],
    ['.5', '500m'],
    [' 2Gi ', '2Gi'],
    ['-', '0'],
    ['512', '512'],
    ['1Ki', '1Ki'],
    ['0.5Ki', '512'],
  ])('%j is stored as %j', (input, stored) => {
    expect(canonicalQuantity(input)).toBe(stored)
  })

  it.each([
    ['1 GB', QUANTITY_MESSAGE],
    ['abc', QUANTITY_MESSAGE],
    ['1.2.3', QUANTITY_MESSAGE],
    ['', QUANTITY_MESSAGE],
    [true, QUANTITY_MESSAGE],
    [[1], QUANTITY_MESSAGE],
    ['1e', "unable to parse quantity's suffix"],
    ['1m3', "unable to parse quantity's suffix"],
    ['Gi', "unable to parse quantity's numeric part"],
    ['.', "unable to parse quantity's numeric part"],
  ])('%j is refused: %s', (input, message) => {
    expect(decodeQuantity(input)).toEqual({ ok: false, message })
  })

  it('reads base units: cores and bytes', () => {
    expect(parseQuantity('100m')).toBe(0.1)
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30)
    expect(parseQuantity('1G')).toBe(1e9)
    expect(parseQuantity(2)).toBe(2)
    expect(parseQuantity('x')).toBeNull()
  })
})
