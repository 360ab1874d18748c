import { describe, expect, it } from 'vitest'
import { ageSince, humanDuration } from '@shared/kube-age'
import { tabulate, tabwrite } from './table'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h
const y = 365 * d

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [-500, '0s'],
    [0, '0s'],
    [27 * s, '27s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [3 * m + 21 * s, '3m21s'],
    [5 * m, '5m'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [21 * m + 30 * s, '21m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [5 * h + 40 * m, '5h40m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [47 * h + 59 * m, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [3 * d, '3d'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [2 * y, '2y'],
    [2 * y + 10 * d, '2y10d'],
    [8 * y, '8y'],
    [12 * y + 100 * d, '12y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want)
  })

  it('ages a creationTimestamp against the virtual clock', () => {
    const now = Date.parse('2024-01-01T01:00:00Z')
    expect(ageSince('2024-01-01T00:56:39Z', now)).toBe('3m21s')
    expect(ageSince(undefined, now)).toBe('<unknown>')
  })
})

describe('tabulate (tabwriter minwidth 6, padding 3)', () => {
  it('pads every column but the last; short columns get the minimum width', () => {
    expect(
      tabulate([
        ['NAME', 'READY', 'AGE'],
        ['demo1', '1/1', '27s'],
      ]),
    ).toEqual(['NAME    READY   AGE', 'demo1   1/1     27s'])
    expect(tabulate([['A', 'B']])).toEqual(['A     B'])
  })
})

describe('tabwrite column blocks (describe: minwidth 0, padding 2)', () => {
  it('aligns each run of lines that share a column, not the whole text', () => {
    expect(
      tabwrite(['Name:\tx', 'Namespace:\tdefault', 'Containers:', '  a:\t1', '  long-name:\t2'], 0, 2),
    ).toEqual(['Name:       x', 'Namespace:  default', 'Containers:', '  a:          1', '  long-name:  2'])
  })
})
