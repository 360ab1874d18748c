import { bestServer, upServerMemory, type ServerMemory } from './aks-memory'
import { findVmSize, vmSizeMemoryBytes } from './aks-sizes'
import type { LabView } from './contract'
import { formatBytes } from './format'

// Where a workload cluster's new VMs go, and why some would not fit. The engine places VMs with this
// plan and the wizard shows the same plan before Create, so both tell the same story: a VM takes
// all its memory on one server, so free memory summed over the servers can be enough while no
// single server has room for the next VM.

/** One VM to place, e.g. { label: 'linuxpool1 worker', vmSize: 'Standard_K8S3_v1' }. */
export interface VmToPlace {
  label: string
  vmSize: string
}

export interface PlacementPlan {
  /** Per VM, in the order given: the server it goes on, or null when it fits on none. */
  serverIds: (string | null)[]
  memoryBytes: number[]
  /** The VMs that fit nowhere (the rest are still placed, to name every one that does not fit). */
  unplaced: VmToPlace[]
  /** Each server after the VMs that fit were placed. */
  servers: (ServerMemory & { up: boolean })[]
}

/** Each VM in turn on the up server with the most free memory that can hold it (ties: lowest node). */
export function planPlacement(view: Pick<LabView, 'servers' | 'vms'>, vms: VmToPlace[]): PlacementPlan {
  const servers = upServerMemory(view)
  const serverIds: (string | null)[] = []
  const memoryBytes: number[] = []
  const unplaced: VmToPlace[] = []
  for (const vm of vms) {
    const size = findVmSize(vm.vmSize)
    const bytes = size ? vmSizeMemoryBytes(size) : 0
    const best = bestServer(servers, bytes)
    memoryBytes.push(bytes)
    serverIds.push(best?.serverId ?? null)
    if (!best) {
      unplaced.push(vm)
      continue
    }
    best.usedByVmsBytes += bytes
    best.freeBytes -= bytes
  }
  return { serverIds, memoryBytes, unplaced, servers }
}

/**
 * Why the plan fails, for a person: which VMs fit on no server, their sizes, and each server's
 * memory after the host reserve and the VMs placed before them. Null when every VM fits.
 */
export function placementProblem(plan: PlacementPlan): string | null {
  if (plan.unplaced.length === 0) return null
  const groups = new Map<string, { vm: VmToPlace; count: number }>()
  for (const vm of plan.unplaced) {
    const key = `${vm.label}\u0000${vm.vmSize}`
    const group = groups.get(key)
    if (group) group.count++
    else groups.set(key, { vm, count: 1 })
  }
  const what = [...groups.values()]
    .map(({ vm, count }) => {
      const size = findVmSize(vm.vmSize)
      const memory = size ? formatBytes(vmSizeMemoryBytes(size)) : 'unknown memory'
      return `${count} ${vm.label}${count > 1 ? 's' : ''} (${vm.vmSize}, ${memory}${count > 1 ? ' each' : ''})`
    })
    .join(', ')
  const total = plan.serverIds.length
  const servers = plan.servers.map(serverFigures).join('; ')
  const missing = plan.unplaced.length
  return (
    `${missing} of the ${total} new VMs ${missing === 1 ? 'fits' : 'fit'} on no server: ${what}. ` +
    `Each VM goes, in turn, on the server with the most free memory and needs all its memory there. ` +
    `Memory per server after the host reserve and the ${total - missing} VMs that fit: ${servers}.`
  )
}

function serverFigures(s: PlacementPlan['servers'][number]): string {
  if (!s.up) return `${s.name} is not up`
  return (
    `${s.name} has ${formatBytes(s.freeBytes)} free ` +
    `(${formatBytes(s.totalBytes)} − ${formatBytes(s.reservedBytes)} host reserve − ` +
    `${formatBytes(s.usedByVmsBytes)} for VMs)`
  )
}
