import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { VirtualMachine, VmState } from '@shared/aks'
import { serverMemory, type ServerMemory } from '@shared/aks-memory'
import { useLabStore } from './lab'

// Virtual machines as the Virtual machines tool lists them: host name, disk sizes from the volume
// ledger and uptime from the virtual clock, so every figure follows the engine's state.

export interface VmRow extends VirtualMachine {
  hostName: string
  diskBytes: number // allocated bytes of the VM's disk files on their volumes
  diskPaths: string[]
  uptimeMs: number | null
}

export const VM_STATES: VmState[] = ['Running', 'Starting', 'Stopping', 'Off']

/** "1:02:03" or "2.01:02:03" (days first), as Hyper-V Manager shows uptime. */
export function formatUptime(ms: number): string {
  const s = Math.floor(ms / 1000)
  const days = Math.floor(s / 86400)
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, '0')))
    .join(':')
  return days > 0 ? `${days}.${hms.padStart(8, '0')}` : hms
}

export const useVmStore = defineStore('vms', () => {
  const lab = useLabStore()

  const vms = computed<VmRow[]>(() => {
    const now = lab.view.clock.now
    return Object.values(lab.view.vms ?? {})
      .map((vm) => {
        const files = vm.diskFileIds.map((id) => lab.view.files[id]).filter((f) => f !== undefined)
        return {
          ...vm,
          hostName: lab.view.servers[vm.serverId]?.name ?? vm.serverId,
          diskBytes: files.reduce((sum, f) => sum + f.allocatedBytes, 0),
          diskPaths: files.map((f) => f.path),
          uptimeMs: vm.state === 'Running' && vm.startedAt !== null ? Math.max(0, now - vm.startedAt) : null,
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name))
  })

  /** Per server, in node order: total, kept by the host, used by running VMs, free (shared maths). */
  const memory = computed<ServerMemory[]>(() => serverMemory(lab.view))

  return { vms, memory }
})
