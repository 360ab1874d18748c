import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from '../engine/hci/build'
import { Lab } from '../engine/lab'
import { parseState } from './stored-state'

describe('a stored lab state', () => {
  it('saved before the performance history began, opens with an empty one and samples from then on', () => {
    const lab = Lab.create({ name: 'Old lab', seed: 1, hardware: DEFAULT_HARDWARE })
    const { performance: _performance, ...older } = lab.snapshot()
    const state = parseState(JSON.stringify(older))!
    expect(state.performance).toEqual({ samples: [], containerBytes: 0 })
    const reopened = Lab.fromState(state)
    reopened.dispatch({ type: 'clock.advance', ms: 90_000 })
    expect(reopened.state.performance.samples).toHaveLength(2)
  })

  it('keeps the performance history it was saved with', () => {
    const lab = Lab.create({ name: 'Lab', seed: 1, hardware: DEFAULT_HARDWARE })
    lab.dispatch({ type: 'clock.advance', ms: 5 * 60_000 })
    const state = parseState(JSON.stringify(lab.snapshot()))!
    expect(state.performance).toEqual(lab.state.performance)
    expect(state.performance.samples).toHaveLength(5)
  })
})
