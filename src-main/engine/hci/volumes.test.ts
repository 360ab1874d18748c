import { describe, expect, it } from 'vitest'
import { poolCapacity } from '@shared/capacity'
import type { CommandInput } from '@shared/commands'
import { GiB, TiB } from '@shared/s2d'
import { Lab } from '../lab'
import { DEFAULT_HARDWARE } from './build'

const seedLab = () => Lab.create({ name: 'T', seed: 3, hardware: DEFAULT_HARDWARE })
const fourServers = () =>
  Lab.create({
    name: 'T4',
    seed: 3,
    hardware: {
      ...DEFAULT_HARDWARE,
      servers: 4,
      drives: [
        { count: 4, sizeBytes: 4e12, media: 'HDD' },
        { count: 2, sizeBytes: 1.6e12, media: 'NVMe' },
      ],
    },
  })

const create = (
  name: string,
  extra: Partial<Extract<CommandInput, { type: 'volume.create' }>> = {},
): CommandInput => ({
  type: 'volume.create',
  name,
  resiliency: 'two-way-mirror',
  sizeBytes: 100 * GiB,
  provisioning: 'Fixed',
  ...extra,
})

function expectError(lab: Lab, command: CommandInput, code: string, message?: RegExp) {
  const before = lab.hash()
  const result = lab.dispatch(command)
  expect(result.ok).toBe(false)
  if (!result.ok) {
    expect(result.error.code).toBe(code)
    if (message) expect(result.error.message).toMatch(message)
  }
  expect(lab.hash()).toBe(before)
}

describe('volumes', () => {
  it('creates a volume whose footprint comes off the pool', () => {
    const lab = seedLab()
    const before = poolCapacity(lab.state).allocatedBytes
    expect(lab.dispatch(create('Data')).ok).toBe(true)
    expect(poolCapacity(lab.state).allocatedBytes - before).toBe(200 * GiB)
    expect(Object.values(lab.state.tasks).map((t) => t.title)).toContain('Successfully created volume Data')
  })

  it('spreads volume ownership across servers', () => {
    const lab = seedLab()
    lab.dispatch(create('A'))
    const owners = Object.values(lab.state.volumes).map((v) => v.ownerServerId)
    expect(new Set(owners).size).toBe(2)
  })

  it('refuses bad names, each with its own reason, and changes nothing', () => {
    const lab = seedLab()
    expectError(lab, create(''), 'InvalidVolumeName', /cannot be empty/)
    expectError(lab, create('   '), 'InvalidVolumeName', /cannot be empty/)
    expectError(lab, create('volume01'), 'VolumeNameTaken', /already exists/)
    expectError(lab, create('x'.repeat(33)), 'InvalidVolumeName', /at most 32/)
    expectError(lab, create('a/b'), 'InvalidVolumeName', /contains '\/'/)
    expectError(lab, create('bad*name'), 'InvalidVolumeName', /contains '\*'/)
    expectError(lab, create('trailing.'), 'InvalidVolumeName', /period/)
    expectError(lab, create('CON'), 'InvalidVolumeName', /reserves/)
  })

  it('refuses bad sizes', () => {
    const lab = seedLab()
    expectError(lab, create('Z', { sizeBytes: 0 }), 'InvalidSize', /greater than zero/)
    expectError(lab, create('Z', { sizeBytes: -5 * GiB }), 'InvalidSize', /greater than zero/)
    expectError(lab, create('Z', { sizeBytes: 1024 }), 'InvalidSize', /at least 1 GiB/)
    expectError(lab, create('Z', { sizeBytes: 65 * TiB }), 'InvalidSize', /at most 64 TiB/)
    expectError(
      lab,
      create('Z', { sizeBytes: 6 * TiB }),
      'NotEnoughCapacity',
      /Not enough available capacity/,
    )
    expectError(
      lab,
      {
        type: 'volume.create',
        name: 'Z',
        resiliency: 'two-way-mirror',
        sizeBytes: 'big',
        provisioning: 'Fixed',
      } as unknown as CommandInput,
      'InvalidCommand',
    )
  })

  it('refuses resiliencies the server count does not allow', () => {
    const lab = seedLab()
    expectError(
      lab,
      create('Z', { resiliency: 'three-way-mirror' }),
      'ResiliencyNotSupported',
      /at least 3 servers/,
    )
    expectError(
      lab,
      create('Z', { resiliency: 'dual-parity' }),
      'ResiliencyNotSupported',
      /at least 4 servers/,
    )
    expectError(
      lab,
      create('Z', { resiliency: 'mirror-accelerated-parity', mirrorSizeBytes: 10 * GiB }),
      'ResiliencyNotSupported',
    )
    const four = fourServers()
    expectError(
      four,
      create('Z', { resiliency: 'nested-two-way-mirror' }),
      'ResiliencyNotSupported',
      /exactly 2 servers/,
    )
    expect(four.dispatch(create('DP', { resiliency: 'dual-parity' })).ok).toBe(true)
    expect(
      four.dispatch(create('MAP', { resiliency: 'mirror-accelerated-parity', mirrorSizeBytes: 20 * GiB })).ok,
    ).toBe(true)
  })

  it('uses the fastest media as cache and only capacity drives for the pool', () => {
    const four = fourServers()
    const pool = poolCapacity(four.state)
    expect(pool.rawBytes).toBe(4 * 4 * 4e12)
    expect(
      Object.values(four.state.drives)
        .filter((d) => d.usage === 'Cache')
        .every((d) => d.media === 'NVMe'),
    ).toBe(true)
  })

  it('needs a sensible mirror tier for mirror-accelerated parity', () => {
    const lab = seedLab()
    expectError(lab, create('Z', { resiliency: 'nested-mirror-accelerated-parity' }), 'InvalidTierSizes')
    expectError(
      lab,
      create('Z', { resiliency: 'two-way-mirror', mirrorSizeBytes: 5 * GiB }),
      'InvalidTierSizes',
    )
    expect(
      lab.dispatch(
        create('NMAP', { resiliency: 'nested-mirror-accelerated-parity', mirrorSizeBytes: 20 * GiB }),
      ).ok,
    ).toBe(true)
  })

  it('thin volumes take no footprint until used, and over-provisioning is bounded', () => {
    const lab = seedLab()
    const before = poolCapacity(lab.state).allocatedBytes
    expect(lab.dispatch(create('Thin1', { provisioning: 'Thin', sizeBytes: 10 * TiB })).ok).toBe(true)
    expect(poolCapacity(lab.state).allocatedBytes).toBe(before)
    expectError(
      lab,
      create('Thin2', { provisioning: 'Thin', sizeBytes: 20 * TiB }),
      'OverProvisioned',
      /Thin provisioning limit/,
    )
  })

  it('extends but never shrinks, and deletes', () => {
    const lab = seedLab()
    expectError(
      lab,
      { type: 'volume.resize', name: 'Volume01', sizeBytes: TiB },
      'ShrinkNotSupported',
      /not shrunk/,
    )
    expectError(lab, { type: 'volume.resize', name: 'Nope', sizeBytes: TiB }, 'VolumeNotFound')
    expect(lab.dispatch({ type: 'volume.resize', name: 'volume01', sizeBytes: 3 * TiB }).ok).toBe(true)
    expect(lab.state.volumes['volume-1']?.sizeBytes).toBe(3 * TiB)
    expect(lab.state.samples['volume-1']?.points.at(-1)?.footprintBytes).toBe(6 * TiB)
    expect(lab.dispatch({ type: 'volume.delete', name: 'Volume01' }).ok).toBe(true)
    expect(Object.keys(lab.state.volumes)).toHaveLength(0)
    expectError(lab, { type: 'volume.delete', name: 'Volume01' }, 'VolumeNotFound')
  })
})
