import type { LabState } from '../../core/state'
import { cmdletError } from '../errors'
import { enumerate, toText, type PsValue } from '../values'

// Which servers a Hyper-V cmdlet asks (Get-VM, Get-VMHardDiskDrive, Get-VHD), and its words for a
// VM it cannot find. The console runs on the first server, as the real one lists the VMs of the
// server it runs on; -ComputerName names others.

function firstServer(state: Readonly<LabState>) {
  return Object.values(state.servers).sort((a, b) => a.nodeId - b.nodeId)[0]
}

/**
 * The servers a Hyper-V cmdlet asks: the console's own server, or those -ComputerName names (a
 * server of this cluster, by name or FQDN). Ids in the order given.
 */
export function hyperVHosts(state: Readonly<LabState>, computerName: PsValue | undefined): string[] {
  const computers = computerName === undefined ? [] : enumerate(computerName).map(toText)
  if (computers.length === 0) return [firstServer(state)?.id ?? '']
  return computers.map((name) => {
    const lower = name.toLowerCase().replace(/\..*$/, '')
    const server = Object.values(state.servers).find((s) => s.name.toLowerCase() === lower)
    if (!server)
      throw cmdletError(
        `The operation on computer '${name}' failed: The WinRM client cannot process the request. ` +
          'The computer is not a server of this cluster.',
        'InvalidParameter',
        'InvalidArgument',
        'VirtualizationException',
        name,
      )
    return server.id
  })
}

/** Hyper-V's words for a VM name that matches no VM on the servers asked. */
export const vmNotFound = (name: string) =>
  cmdletError(
    `Hyper-V was unable to find a virtual machine with name "${name}".`,
    'InvalidParameter',
    'InvalidArgument',
    'VirtualizationException',
    name,
  )
