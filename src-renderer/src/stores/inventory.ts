import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Drive, MediaType, Server } from '@shared/domain'
import { useLabStore } from './lab'

// Servers and drives as the Servers and Drives tools list them.

export interface ServerRow extends Server {
  drives: Drive[]
  volumesOwned: number
}

export interface DriveRow extends Drive {
  serverName: string
}

export interface MediaTotals {
  media: MediaType
  usage: Drive['usage']
  count: number
  bytes: number
}

const MEDIA_ORDER: MediaType[] = ['NVMe', 'SSD', 'HDD']

export const useInventoryStore = defineStore('inventory', () => {
  const lab = useLabStore()

  const drives = computed<DriveRow[]>(() =>
    Object.values(lab.view.drives)
      .map((d) => ({ ...d, serverName: lab.view.servers[d.serverId]?.name ?? d.serverId }))
      .sort((a, b) => a.serverName.localeCompare(b.serverName) || a.slot - b.slot),
  )

  const servers = computed<ServerRow[]>(() => {
    const volumes = Object.values(lab.view.volumes)
    return Object.values(lab.view.servers)
      .sort((a, b) => a.nodeId - b.nodeId)
      .map((s) => ({
        ...s,
        drives: drives.value.filter((d) => d.serverId === s.id),
        volumesOwned: volumes.filter((v) => v.ownerServerId === s.id).length,
      }))
  })

  const serversUp = computed(() => servers.value.filter((s) => s.state === 'Up').length)
  const drivesHealthy = computed(() => drives.value.filter((d) => d.health === 'Healthy').length)

  /** Count and raw size per media type, cache and capacity apart. */
  const byMedia = computed<MediaTotals[]>(() => {
    const totals: MediaTotals[] = []
    for (const d of drives.value) {
      let t = totals.find((x) => x.media === d.media && x.usage === d.usage)
      if (!t) totals.push((t = { media: d.media, usage: d.usage, count: 0, bytes: 0 }))
      t.count++
      t.bytes += d.sizeBytes
    }
    return totals.sort((a, b) => MEDIA_ORDER.indexOf(a.media) - MEDIA_ORDER.indexOf(b.media))
  })

  return { servers, drives, serversUp, drivesHealthy, byMedia }
})
