import { describe, expect, it } from 'vitest'
import { DEFAULT_HARDWARE } from '../hci/build'
import { Lab } from '../lab'
import type { LabState } from './state'
import { Tx } from './tx'

describe('a transaction', () => {
  it('rolls back every kind of write, scheduled events included, to the state it began with', () => {
    const lab = Lab.create({ name: 'tx', seed: 3, hardware: DEFAULT_HARDWARE })
    lab.dispatch({ type: 'clock.advance', ms: 1000 })
    const state = lab.state as LabState
    const before = structuredClone(state)
    const tx = new Tx(state)
    const [serverId, server] = Object.entries(state.servers)[0]!
    tx.put('servers', serverId, { ...server, name: 'renamed' })
    tx.remove('drives', Object.keys(state.drives)[0]!)
    tx.set('clock', { ...state.clock, now: 99_999_999 })
    for (const at of [5_000, 2_000, 9_000, 1_500]) tx.schedule(at, 'test.event', { uid: `u${at}` })
    tx.unschedule((e) => e.at === 2_000)
    tx.schedule(1_200, 'test.event', { uid: 'late' })
    tx.rng.guid()
    tx.nextId('x')
    expect(tx.queued('test.event', 'u5000')).toBe(1)
    tx.rollback()
    expect(state).toEqual(before)
    expect(tx.queued('test.event', 'u5000')).toBe(0)
    expect(tx.queued('test.event', 'late')).toBe(0)
  })
})
