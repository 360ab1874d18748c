import { defineStore } from 'pinia'
import { computed } from 'vue'
import { vhdxProvisioning } from '@shared/capacity'
import { formatBytes, formatPercent } from '@shared/format'
import { useInventoryStore } from './inventory'
import { useLabStore } from './lab'
import { useStorageStore } from './storage'

// Cluster alerts, as the Dashboard lists them and the page alert bars show them.

export type AlertSeverity = 'Critical' | 'Warning'

export interface Alert {
  id: string
  /** The tool the alert belongs to, so each tool can show its own. */
  area: 'servers' | 'drives' | 'volumes'
  severity: AlertSeverity
  title: string
  detail: string
  /** Where "Go to …" leads. */
  link?: { label: string; to: string }
}

/** Volumes fuller than this raise an alert (WAC's low-capacity alert; threshold assumed). */
export const VOLUME_FULL_ALERT = 0.9

export const useHealthStore = defineStore('health', () => {
  const lab = useLabStore()
  const storage = useStorageStore()
  const inventory = useInventoryStore()

  const alerts = computed<Alert[]>(() => {
    const list: Alert[] = []
    for (const s of inventory.servers) {
      if (s.state === 'Down')
        list.push({
          id: `server-down-${s.id}`,
          area: 'servers',
          severity: 'Critical',
          title: `Server ${s.name} is down`,
          detail: 'Its drives are unavailable; volumes run without the copies it held.',
          link: { label: 'Go to servers', to: '/servers' },
        })
      else if (s.state === 'Paused')
        list.push({
          id: `server-paused-${s.id}`,
          area: 'servers',
          severity: 'Warning',
          title: `Server ${s.name} is in maintenance`,
          detail: 'Workloads were moved off this server.',
          link: { label: 'Go to servers', to: '/servers' },
        })
    }
    for (const d of inventory.drives.filter((d) => d.health !== 'Healthy'))
      list.push({
        id: `drive-${d.id}`,
        area: 'drives',
        severity: d.health === 'Unhealthy' ? 'Critical' : 'Warning',
        title: `Drive ${d.serialNumber} on ${d.serverName} is ${d.health.toLowerCase()}`,
        detail: `Slot ${d.slot}, ${d.media} ${d.usage.toLowerCase()} drive.`,
        link: { label: 'Go to drive', to: '/drives' },
      })

    const pool = storage.pool
    const threshold = lab.view.pool.thinProvisioningAlertThreshold / 100
    const used = pool.rawBytes > 0 ? pool.allocatedBytes / pool.rawBytes : 0
    if (storage.hasThin && used >= threshold)
      list.push({
        id: 'pool-thin-threshold',
        area: 'volumes',
        severity: 'Warning',
        title: `The storage pool is ${formatPercent(used)} full`,
        detail: `Thin volumes grow as data is written; the alert threshold is ${formatPercent(threshold, 0)}.`,
        link: { label: 'Go to volumes', to: '/volumes' },
      })
    if (storage.reserveUsedBytes > 0)
      list.push({
        id: 'pool-reserve',
        area: 'volumes',
        severity: 'Warning',
        title: 'Volumes use the reserve capacity',
        detail: `${formatBytes(storage.reserveUsedBytes)} of the ${formatBytes(pool.reserveBytes)} reserve is taken; repairs after a drive failure may not have room.`,
        link: { label: 'Go to volumes', to: '/volumes' },
      })
    for (const v of storage.volumes) {
      const full = v.fileSystemBytes > 0 ? v.usedBytes / v.fileSystemBytes : 0
      if (full >= VOLUME_FULL_ALERT)
        list.push({
          id: `volume-full-${v.volume.id}`,
          area: 'volumes',
          severity: 'Warning',
          title: `Volume ${v.name} is ${formatPercent(full)} full`,
          detail: `${formatBytes(v.freeBytes)} free of ${formatBytes(v.fileSystemBytes)}. Extend the volume or free space.`,
          link: { label: 'Go to volume', to: `/volumes/${encodeURIComponent(v.name)}` },
        })
      const vhdx = vhdxProvisioning(v, lab.view.files)
      if (vhdx.overcommitted)
        list.push({
          id: `volume-vhdx-overprovisioned-${v.volume.id}`,
          area: 'volumes',
          severity: 'Warning',
          title: `Volume ${v.name} is overprovisioned`,
          detail: `Its dynamic VHDX files can grow by ${formatBytes(vhdx.growthBytes)}; ${formatBytes(vhdx.freeBytes)} is free.`,
          link: { label: 'Go to volume', to: `/volumes/${encodeURIComponent(v.name)}` },
        })
    }
    return list.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'Critical' ? -1 : 1))
  })

  return { alerts }
})
