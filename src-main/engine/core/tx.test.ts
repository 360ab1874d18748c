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

describe('a unit of work (attempt)', () => {
  const lab = () => Lab.create({ name: 'tx', seed: 3, hardware: DEFAULT_HARDWARE })

  it('undoes only its own writes when it throws, and reports the restored values', () => {
    const l = lab()
    const state = l.state as LabState
    const tx = new Tx(state, { undoable: false })
    const [serverId, server] = Object.entries(state.servers)[0]!
    tx.put('servers', serverId, { ...server, name: 'kept' })
    const before = structuredClone(state)
    const rng = [...state.rng]
    const outcome = tx.attempt(() => {
      tx.put('servers', serverId, { ...server, name: 'undone' })
      tx.remove('drives', Object.keys(state.drives)[0]!)
      tx.schedule(5_000, 'test.event', { uid: 'u' })
      tx.rng.guid()
      tx.nextId('x')
      throw new Error('boom')
    })
    expect(outcome).toEqual({ ok: false, error: new Error('boom') })
    expect(state).toEqual(before)
    expect(state.rng).toEqual(rng)
    expect(tx.queued('test.event', 'u')).toBe(0)
    const reported = tx.changes.filter((c) => c.c === 'servers')
    expect(reported).toEqual([{ c: 'servers', id: serverId, v: { ...server, name: 'kept' } }])
  })

  it('nests: an inner failure leaves the outer unit’s writes, an outer failure takes both back', () => {
    const l = lab()
    const state = l.state as LabState
    const tx = new Tx(state, { undoable: false })
    const [serverId, server] = Object.entries(state.servers)[0]!
    const before = structuredClone(state)
    const outer = tx.attempt(() => {
      tx.put('servers', serverId, { ...server, name: 'outer' })
      const inner = tx.attempt(() => {
        tx.put('servers', serverId, { ...server, name: 'inner' })
        throw new Error('inner')
      })
      expect(inner.ok).toBe(false)
      expect(state.servers[serverId]!.name).toBe('outer')
      tx.attempt(() => tx.put('servers', serverId, { ...server, name: 'inner kept' }))
      expect(state.servers[serverId]!.name).toBe('inner kept')
      throw new Error('outer')
    })
    expect(outer.ok).toBe(false)
    expect(state).toEqual(before)
  })
})
