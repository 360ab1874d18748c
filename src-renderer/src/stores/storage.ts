import { defineStore } from 'pinia'
import { computed } from 'vue'
import { poolCapacity, type PoolCapacity, type VolumeCapacity } from '@shared/capacity'
import type { HealthStatus, Volume } from '@shared/domain'
import { csvPath, redundancy } from '@shared/s2d'
import { useLabStore } from './lab'

// Storage figures for the Volumes, Drives and Dashboard tools. All maths comes from
// @shared/capacity and @shared/s2d (the engine's own functions); this store only arranges it.

export interface VolumeRow extends VolumeCapacity {
  name: string
  path: string
  health: HealthStatus
  status: string
  ownerName: string
}

/** One piece of the pool meter: a volume's footprint, the reserve, or free space. */
export interface PoolSegment {
  key: string
  label: string
  bytes: number
  kind: 'volume' | 'reserve' | 'free'
}

/**
 * Volume health from the servers that are down: within the failures its resiliency tolerates it
 * is degraded but online, beyond them it goes offline. (Engine health states may replace this.)
 */
export function volumeHealth(volume: Volume, serversDown: number): { health: HealthStatus; status: string } {
  if (serversDown === 0) return { health: 'Healthy', status: 'OK' }
  if (serversDown <= redundancy(volume.resiliency)) return { health: 'Warning', status: 'Degraded' }
  return { health: 'Unhealthy', status: 'Detached' }
}

/** Volumes' footprints, then the part of the reserve still untouched, then what is free beyond it. */
export function poolSegments(pool: PoolCapacity): PoolSegment[] {
  const volumes: PoolSegment[] = pool.volumes.map((v) => ({
    key: v.volume.id,
    label: v.volume.name,
    bytes: v.footprintBytes,
    kind: 'volume',
  }))
  const reserveLeft = Math.max(0, Math.min(pool.reserveBytes, pool.rawBytes - pool.allocatedBytes))
  return [
    ...volumes,
    { key: 'reserve', label: 'Reserve', bytes: reserveLeft, kind: 'reserve' },
    { key: 'free', label: 'Available', bytes: pool.freeOutsideReserveBytes, kind: 'free' },
  ]
}

export const useStorageStore = defineStore('storage', () => {
  const lab = useLabStore()

  const pool = computed(() => poolCapacity(lab.view))

  const serversDown = computed(() => Object.values(lab.view.servers).filter((s) => s.state === 'Down').length)

  const volumes = computed<VolumeRow[]>(() =>
    pool.value.volumes.map((cap) => ({
      ...cap,
      name: cap.volume.name,
      path: csvPath(cap.volume.name),
      ...volumeHealth(cap.volume, serversDown.value),
      ownerName: lab.view.servers[cap.volume.ownerServerId]?.name ?? cap.volume.ownerServerId,
    })),
  )

  const segments = computed(() => poolSegments(pool.value))

  /** How far the reserve is used: footprints beyond raw − reserve. */
  const reserveUsedBytes = computed(() =>
    Math.max(
      0,
      Math.min(
        pool.value.reserveBytes,
        pool.value.allocatedBytes - (pool.value.rawBytes - pool.value.reserveBytes),
      ),
    ),
  )

  const hasThin = computed(() => pool.value.volumes.some((v) => v.volume.provisioning === 'Thin'))

  function volumeByName(name: string): VolumeRow | undefined {
    const lower = name.toLowerCase()
    return volumes.value.find((v) => v.name.toLowerCase() === lower)
  }

  return { pool, volumes, segments, reserveUsedBytes, hasThin, serversDown, volumeByName }
})
