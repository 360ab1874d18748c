import { describe, expect, it } from 'vitest'
import { poolCapacity } from '@shared/capacity'
import { TiB } from '@shared/s2d'
import { DEFAULT_HARDWARE } from './hci/build'
import { Lab } from './lab'

const newLab = (seed = 1) => Lab.create({ name: 'Test lab', seed, hardware: DEFAULT_HARDWARE })

describe('Lab', () => {
  it('builds the seed lab: 2 servers, 8 SSD capacity drives, Volume01 two-way mirror 2 TiB', () => {
    const lab = newLab()
    expect(Object.keys(lab.state.servers)).toHaveLength(2)
    expect(Object.values(lab.state.drives).every((d) => d.usage === 'Capacity')).toBe(true)
    const pool = poolCapacity(lab.state)
    expect(pool.rawBytes).toBe(8 * 1.92e12)
    expect(pool.reserveBytes).toBe(2 * 1.92e12)
    const v = pool.volumes[0]!
    expect(v.volume.name).toBe('Volume01')
    expect(v.volume.sizeBytes).toBe(2 * TiB)
    expect(v.footprintBytes).toBe(4 * TiB)
  })

  it('is deterministic: same seed and commands hash equal, another seed differs', () => {
    const run = (seed: number) => {
      const lab = newLab(seed)
      lab.dispatch({
        type: 'volume.create',
        name: 'Data',
        resiliency: 'nested-two-way-mirror',
        sizeBytes: TiB / 2,
        provisioning: 'Thin',
      })
      lab.dispatch({ type: 'clock.advance', ms: 3_600_000 })
      lab.dispatch({ type: 'volume.resize', name: 'Data', sizeBytes: TiB })
      return lab.hash()
    }
    expect(run(7)).toBe(run(7))
    expect(run(7)).not.toBe(run(8))
  })

  it('leaves the lab unchanged when a command fails', () => {
    const lab = newLab()
    const before = lab.hash()
    const r = lab.dispatch({
      type: 'volume.create',
      name: 'Big',
      resiliency: 'two-way-mirror',
      sizeBytes: 100 * TiB,
      provisioning: 'Fixed',
    })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('InvalidSize')
    expect(lab.hash()).toBe(before)
  })

  it('refuses a lab name with control characters, which would break title bars and menus', () => {
    const lab = newLab()
    const before = lab.hash()
    const r = lab.dispatch({ type: 'lab.rename', name: 'bad\u0007name' })
    expect(r).toMatchObject({
      ok: false,
      error: { message: "The command is not valid at 'name': a lab name cannot contain control characters." },
    })
    expect(lab.hash()).toBe(before)
    expect(() => Lab.create({ name: 'new\nline', seed: 1, hardware: DEFAULT_HARDWARE })).toThrow(
      'a lab name cannot contain control characters',
    )
  })
})

describe('new lab hardware', () => {
  const make = (hardware: Parameters<typeof Lab.create>[0]['hardware']) => () =>
    Lab.create({ name: 'x', seed: 1, hardware })
  it('refuses hardware Storage Spaces Direct does not support, saying why', () => {
    expect(make({ ...DEFAULT_HARDWARE, drives: [{ count: 4, sizeBytes: 4e12, media: 'HDD' }] })).toThrow(
      /All-HDD/,
    )
    expect(make({ ...DEFAULT_HARDWARE, drives: [{ count: 2, sizeBytes: 4e12, media: 'SSD' }] })).toThrow(
      /at least 4 capacity drives/,
    )
    expect(
      make({
        ...DEFAULT_HARDWARE,
        drives: [
          { count: 1, sizeBytes: 1.6e12, media: 'NVMe' },
          { count: 4, sizeBytes: 4e12, media: 'HDD' },
        ],
      }),
    ).toThrow(/at least 2 of them/)
    expect(make({ ...DEFAULT_HARDWARE, memoryBytes: 1024 ** 3 })).toThrow(/at least 8 GiB/)
  })
})
