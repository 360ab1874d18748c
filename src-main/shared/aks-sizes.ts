// Get-AksHciVmSize (aks-hci-facts.md §2.3): the VM sizes AKS on Azure Stack HCI offers, for the AKS
// host's management VM and for workload cluster nodes.

export interface AksVmSize {
  name: string
  cpu: number
  memoryGB: number
}

export const AKS_VM_SIZES: readonly AksVmSize[] = [
  { name: 'Default', cpu: 4, memoryGB: 4 },
  { name: 'Standard_A2_v2', cpu: 2, memoryGB: 4 },
  { name: 'Standard_A4_v2', cpu: 4, memoryGB: 8 },
  { name: 'Standard_D2s_v3', cpu: 2, memoryGB: 8 },
  { name: 'Standard_D4s_v3', cpu: 4, memoryGB: 16 },
  { name: 'Standard_D8s_v3', cpu: 8, memoryGB: 32 },
  { name: 'Standard_D16s_v3', cpu: 16, memoryGB: 64 },
  { name: 'Standard_D32s_v3', cpu: 32, memoryGB: 128 },
  { name: 'Standard_DS2_v2', cpu: 2, memoryGB: 7 },
  { name: 'Standard_DS3_v2', cpu: 2, memoryGB: 14 },
  { name: 'Standard_DS4_v2', cpu: 8, memoryGB: 28 },
  { name: 'Standard_DS5_v2', cpu: 16, memoryGB: 56 },
  { name: 'Standard_DS13_v2', cpu: 8, memoryGB: 56 },
  { name: 'Standard_K8S_v1', cpu: 4, memoryGB: 2 },
  { name: 'Standard_K8S2_v1', cpu: 2, memoryGB: 2 },
  { name: 'Standard_K8S3_v1', cpu: 4, memoryGB: 6 },
]

/** A size by name; PowerShell parameters are case-insensitive (the docs write both A4_V2 and A4_v2). */
export function findVmSize(name: string): AksVmSize | undefined {
  const lower = name.toLowerCase()
  return AKS_VM_SIZES.find((s) => s.name.toLowerCase() === lower)
}

/** A size's memory in bytes (the table's GB are GiB as Hyper-V counts startup memory). */
export function vmSizeMemoryBytes(size: AksVmSize): number {
  return size.memoryGB * 1024 ** 3
}
