import { describe, expect, it } from 'vitest'
import type { Drive, MediaType } from './domain'
import {
  cacheMedia,
  dualParity,
  footprintOf,
  poolShape,
  reserveBytes,
  resiliencyUnavailableReason,
  tierEfficiencies,
  type PoolShape,
} from './s2d'

const TB = 1e12
const GB = 1e9

function shape(
  servers: number,
  drivesPerServer: number,
  sizeBytes: number,
  media: MediaType = 'SSD',
): PoolShape {
  const serverIds = Array.from({ length: servers }, (_, i) => `s${i + 1}`)
  const drives: Drive[] = serverIds.flatMap((serverId) =>
    Array.from({ length: drivesPerServer }, (_, slot) => ({
      id: `${serverId}-${slot}`,
      serverId,
      slot,
      deviceNumber: slot,
      media,
      sizeBytes,
      serialNumber: '',
      model: '',
      firmware: '',
      health: 'Healthy' as const,
      usage: 'Capacity' as const,
    })),
  )
  return poolShape(serverIds, drives)
}

// Golden figures from the facts sheet (§5.3 worked examples and §5.1 tables).
describe('Storage Spaces Direct capacity maths', () => {
  it('[PV] 4 servers × 16 × 2 TB: 128 TB raw, 8 TB reserve, 120 TB of footprint holds 48 TB', () => {
    const s = shape(4, 16, 2 * TB, 'HDD')
    expect(s.rawBytes).toBe(128 * TB)
    expect(reserveBytes(s)).toBe(8 * TB)
    const mirror = footprintOf('three-way-mirror', s, 12 * TB, 0)
    const parity = footprintOf('dual-parity', s, 12 * TB, 0)
    expect(mirror).toBe(36 * TB)
    expect(parity).toBe(24 * TB)
    expect(2 * mirror + 2 * parity).toBe(s.rawBytes - reserveBytes(s))
  })

  it('[NEST] 2 servers × 6 drives: 100 GB nested mirror-accelerated parity (10 GB mirror) takes 256 GB', () => {
    const s = shape(2, 6, 2 * TB)
    const footprint = footprintOf('nested-mirror-accelerated-parity', s, 100 * GB, 10 * GB)
    expect(footprint).toBe(256 * GB)
    expect((100 * GB) / footprint).toBeCloseTo(0.3906, 4)
  })

  it('[NEST] nested mirror-accelerated parity efficiency table by drives per server and mirror share', () => {
    const table: [number, number, number][] = [
      [4, 0.1, 0.357],
      [4, 0.2, 0.341],
      [4, 0.3, 0.326],
      [5, 0.1, 0.377],
      [6, 0.1, 0.391],
      [6, 0.3, 0.347],
      [7, 0.1, 0.4],
      [8, 0.2, 0.375],
      [12, 0.3, 0.353],
    ]
    for (const [drives, share, efficiency] of table) {
      const s = shape(2, drives, 2 * TB)
      const size = 1000 * GB
      expect(size / footprintOf('nested-mirror-accelerated-parity', s, size, size * share)).toBeCloseTo(
        efficiency,
        3,
      )
    }
  })

  it('[FT] dual parity efficiency by servers and media', () => {
    const cases: [number, MediaType, string, number][] = [
      [4, 'SSD', 'RS 2+2', 0.5],
      [6, 'HDD', 'RS 2+2', 0.5],
      [7, 'SSD', 'RS 4+2', 0.667],
      [8, 'HDD', 'RS 4+2', 0.667],
      [9, 'HDD', 'RS 4+2', 0.667],
      [9, 'SSD', 'RS 6+2', 0.75],
      [12, 'HDD', 'LRC (8,2,1)', 0.727],
      [15, 'SSD', 'RS 6+2', 0.75],
      [16, 'HDD', 'LRC (8,2,1)', 0.727],
      [16, 'NVMe', 'LRC (12,2,1)', 0.8],
    ]
    for (const [servers, media, layout, efficiency] of cases) {
      const dp = dualParity(shape(servers, 4, 4 * TB, media))
      expect(dp.layout).toBe(layout)
      expect(dp.efficiency).toBeCloseTo(efficiency, 3)
    }
  })

  it('[derived] the seed lab: 2 × 4 × 1.92 TB all-SSD holds 5.76 TB two-way mirror, 2.88 TB nested', () => {
    const s = shape(2, 4, 1.92 * TB)
    const room = s.rawBytes - reserveBytes(s)
    expect(room).toBeCloseTo(11.52 * TB, 0)
    expect(room * tierEfficiencies('two-way-mirror', s).mirror).toBeCloseTo(5.76 * TB, 0)
    expect(room * tierEfficiencies('nested-two-way-mirror', s).mirror).toBeCloseTo(2.88 * TB, 0)
  })

  it('reserve is one capacity drive per server, at most four', () => {
    expect(reserveBytes(shape(2, 4, TB))).toBe(2 * TB)
    expect(reserveBytes(shape(3, 4, TB))).toBe(3 * TB)
    expect(reserveBytes(shape(8, 4, TB))).toBe(4 * TB)
  })

  it('mixed media: the fastest type is cache; one media type means no cache', () => {
    expect(cacheMedia(['NVMe', 'HDD'])).toBe('NVMe')
    expect(cacheMedia(['SSD', 'HDD'])).toBe('SSD')
    expect(cacheMedia(['NVMe', 'SSD', 'HDD'])).toBe('NVMe')
    expect(cacheMedia(['SSD'])).toBeNull()
  })

  it('minimum-server rules explain themselves', () => {
    expect(resiliencyUnavailableReason('three-way-mirror', shape(2, 4, TB))).toBe(
      'Three-way mirror needs at least 3 servers; this cluster has 2 servers.',
    )
    expect(resiliencyUnavailableReason('dual-parity', shape(3, 4, TB))).toMatch(/at least 4 servers/)
    expect(resiliencyUnavailableReason('nested-two-way-mirror', shape(3, 4, TB))).toMatch(/exactly 2 servers/)
    expect(resiliencyUnavailableReason('nested-two-way-mirror', shape(2, 4, TB))).toBeNull()
    expect(resiliencyUnavailableReason('mirror-accelerated-parity', shape(4, 4, TB))).toBeNull()
  })
})
