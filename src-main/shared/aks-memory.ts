import { HOST_RESERVE_BYTES } from './aks-assumptions'
import type { LabView } from './contract'

// Server memory as the AKS host (and later workload clusters) see it. A VM holds its memory from
// the moment it starts until it is off, like Hyper-V's static startup memory.

export interface ServerMemory {
  serverId: string
  name: string
  totalBytes: number
  reservedBytes: number // kept by the host OS
  usedByVmsBytes: number
  freeBytes: number // what a new VM can still get
}

/** Per server, in node order. */
export function serverMemory(view: Pick<LabView, 'servers' | 'vms'>): ServerMemory[] {
  return Object.values(view.servers)
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((s) => {
      const usedByVmsBytes = Object.values(view.vms)
        .filter((vm) => vm.serverId === s.id && (vm.state === 'Starting' || vm.state === 'Running'))
        .reduce((sum, vm) => sum + vm.memoryBytes, 0)
      const reservedBytes = Math.min(HOST_RESERVE_BYTES, s.memoryBytes)
      return {
        serverId: s.id,
        name: s.name,
        totalBytes: s.memoryBytes,
        reservedBytes,
        usedByVmsBytes,
        freeBytes: Math.max(0, s.memoryBytes - reservedBytes - usedByVmsBytes),
      }
    })
}

/** The up server with the most free memory that can hold `bytes`, or undefined. Ties: lowest node. */
export function pickServerFor(
  view: Pick<LabView, 'servers' | 'vms'>,
  bytes: number,
): ServerMemory | undefined {
  return bestServer(upServerMemory(view), bytes)
}

/** Each server's memory and whether it is up, in node order. */
export function upServerMemory(view: Pick<LabView, 'servers' | 'vms'>): (ServerMemory & { up: boolean })[] {
  return serverMemory(view).map((m) => ({ ...m, up: view.servers[m.serverId]?.state === 'Up' }))
}

/** The placement rule, in one place: most free memory among the up servers that fit; ties, lowest node. */
export function bestServer<S extends ServerMemory & { up: boolean }>(
  servers: S[],
  bytes: number,
): S | undefined {
  let best: S | undefined
  for (const s of servers)
    if (s.up && s.freeBytes >= bytes && (!best || s.freeBytes > best.freeBytes)) best = s
  return best
}
