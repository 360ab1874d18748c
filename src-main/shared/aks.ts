import { z } from 'zod'

// Azure Kubernetes Service on Azure Stack HCI: the AKS host (management cluster) and the VMs it
// runs. Types and schemas shared by the engine, the console and the renderer's wizard
// (aks-hci-facts.md §1).

export const AKS_VERSION = '1.0.8.10223' // a real AKS-HCI build number (facts §1.6 path example)
export const AKS_KUBERNETES_VERSION = 'v1.20.7' // mid-2021 latest (facts §2.1)

/** New-AksHciNetworkSetting's object. DHCP: node IPs from DHCP; Static: from the node IP pool. */
export const aksVnetSchema = z.object({
  name: z.string(),
  vswitchName: z.string(),
  vlanId: z.number().int().min(0).max(4094).nullable().default(null),
  ipAllocation: z.enum(['DHCP', 'Static']),
  ipAddressPrefix: z.string().nullable().default(null), // CIDR, Static only
  gateway: z.string().nullable().default(null), // Static only
  dnsServers: z.array(z.string()).max(3).default([]), // Static only
  k8sNodeIpPoolStart: z.string().nullable().default(null), // Static only
  k8sNodeIpPoolEnd: z.string().nullable().default(null),
  vipPoolStart: z.string(),
  vipPoolEnd: z.string(),
})
export type AksVnet = z.infer<typeof aksVnetSchema>

/** Set-AksHciConfig's parameters (facts §1.4), defaults filled. */
export const aksConfigSchema = z.object({
  imageDir: z.string(),
  workingDir: z.string(),
  cloudConfigLocation: z.string(),
  vnet: aksVnetSchema,
  controlPlaneVmSize: z.string().default('Standard_A4_v2'),
  version: z.string().default(AKS_VERSION),
  skipUpdates: z.boolean().default(false), // the wizard's "automatically download updates" = !skipUpdates
})
export type AksConfig = z.infer<typeof aksConfigSchema>

export const aksRegistrationSchema = z.object({
  subscriptionId: z.string(),
  resourceGroupName: z.string(),
  region: z.string().default('eastus'),
})
export type AksRegistration = z.infer<typeof aksRegistrationSchema>

export type AksHostPhase = 'NotConfigured' | 'Configured' | 'Installing' | 'Installed' | 'Failed'
export type AksStepState = 'Pending' | 'Running' | 'Done' | 'Failed' | 'Cancelled'

export interface AksInstallStep {
  id: string
  title: string
  state: AksStepState
  startedAt: number | null
  endedAt: number | null
}

export interface AksInstall {
  taskId: string
  startedAt: number
  endedAt: number | null
  steps: AksInstallStep[]
  log: { t: number; text: string }[]
}

/** The AKS host singleton of a lab. */
export interface AksHost {
  phase: AksHostPhase
  config: AksConfig | null
  registration: AksRegistration | null
  install: AksInstall | null
  /** The cloud agent's clustered role, `ca-<guid>` (set when configured). */
  cloudAgentRole: string | null
  managementVmId: string | null
  /** Servers with the MOC node agent and kubectl installed. */
  nodeAgentServerIds: string[]
}

export type VmState = 'Off' | 'Starting' | 'Running' | 'Stopping'
export type VmRole =
  'aks-management' | 'aks-control-plane' | 'aks-load-balancer' | 'aks-linux-worker' | 'aks-windows-worker'

/** A Hyper-V virtual machine on one of the servers (Get-VM, the Virtual machines tool). */
export interface VirtualMachine {
  id: string
  name: string
  serverId: string
  state: VmState
  vmSize: string
  processorCount: number
  memoryBytes: number
  os: string // e.g. 'CBL-Mariner', 'Windows Server 2019 Datacenter Core'
  role: VmRole
  diskFileIds: string[] // ledger files
  ip: string | null
  owner: { kind: string; id: string; label: string }
  createdAt: number
  startedAt: number | null
}

export type ClusterGroupState = 'Online' | 'Offline' | 'Pending' | 'Failed'

/** A failover-cluster role (Get-ClusterGroup). */
export interface ClusterGroup {
  id: string
  name: string
  ownerServerId: string
  state: ClusterGroupState
  groupType: 'Cluster' | 'AvailableStorage' | 'VirtualMachine' | 'GenericService'
}

/** A lab's AKS host before Set-AksHciConfig. */
export function emptyAksHost(): AksHost {
  return {
    phase: 'NotConfigured',
    config: null,
    registration: null,
    install: null,
    cloudAgentRole: null,
    managementVmId: null,
    nodeAgentServerIds: [],
  }
}
