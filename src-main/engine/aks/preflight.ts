import type { AksConfig } from '@shared/aks'
import { MGMT_VM_SIZE } from '@shared/aks-assumptions'
import { mgmtVmMemoryBytes } from '@shared/aks-checks'
import { pickServerFor, serverMemory } from '@shared/aks-memory'
import { installSpaceProblems } from '@shared/aks-paths'
import { findVmSize, vmSizeMemoryBytes } from '@shared/aks-sizes'
import { fail } from '@shared/errors'
import { formatBytes } from '@shared/format'
import type { Tx } from '../core/tx'
import { checkConfig } from './configure'

// What Install-AksHci verifies before it starts, and again when its validation step runs: the lab
// may have changed in between (a volume filled up, a switch removed).

/** The management VM's memory: the configured size, else the default. */
export function mgmtMemory(config: AksConfig): number {
  const size = findVmSize(config.controlPlaneVmSize)
  return size ? vmSizeMemoryBytes(size) : mgmtVmMemoryBytes()
}

export function checkMemory(tx: Tx, config: AksConfig): void {
  const need = mgmtMemory(config)
  if (pickServerFor(tx.state, need)) return
  const figures = serverMemory(tx.state)
    .map((m) => `${m.name} ${formatBytes(m.freeBytes)} free of ${formatBytes(m.totalBytes)}`)
    .join(', ')
  fail(
    'InsufficientMemory',
    `Not enough memory: the management cluster VM (${config.controlPlaneVmSize ?? MGMT_VM_SIZE}) needs ` +
      `${formatBytes(need)} on one server, but no server has that much free (${figures}; ` +
      `each server keeps ${formatBytes(serverMemory(tx.state)[0]?.reservedBytes ?? 0)} for its OS). ` +
      'Free memory by stopping VMs or add memory to the servers.',
    'LimitsExceeded',
  )
}

export function checkSpace(tx: Tx, config: AksConfig): void {
  const problems = installSpaceProblems(tx.state, config)
  if (problems.length > 0) fail('NotEnoughSpace', problems.join(' '), 'LimitsExceeded', config.imageDir)
}

/** Everything that must hold for an install to start or continue. */
export function checkInstallable(tx: Tx, config: AksConfig): void {
  checkConfig(tx, config)
  checkMemory(tx, config)
  checkSpace(tx, config)
}
