import { describe, expect, it } from 'vitest'
import { humanDuration as kubectlAge } from '../../../../src-main/engine/console/kubectl/age'
import { humanDuration } from './kubeRows'

describe('AGE on the cluster page', () => {
  it('reads as kubectl in the console prints it', () => {
    const S = 1000
    for (const ms of [
      -2500,
      -500,
      0,
      59 * S,
      119 * S,
      125 * S,
      600 * S,
      3 * 3600 * S + 5,
      5 * 3600 * S + 61 * S,
      30 * 3600 * S,
      50 * 3600 * S,
      9 * 86400 * S,
      800 * 86400 * S,
      3000 * 86400 * S,
    ])
      expect(humanDuration(ms), String(ms)).toBe(kubectlAge(ms))
  })
})
