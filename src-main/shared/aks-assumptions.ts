import { AKS_VERSION } from './aks'
import { AKS_CLUSTER_ASSUMPTIONS } from './aks-cluster-assumptions'

// Every figure the simulator had to choose for the AKS host, in one place, with why. The engine uses
// these constants and the About page shows AKS_ASSUMPTIONS, so what the lab does and what it says it
// does cannot drift apart. Sources: /work/shared/reference/aks-hci-facts.md (§ numbers below).

const GiB = 1024 ** 3
const KiB = 1024
const MINUTE = 60_000

/** The gallery images the install downloads into imageDir (facts §1.6: names partly real, sizes unconfirmed). */
export const AKS_IMAGES = [
  {
    id: 'linux',
    fileName: `Linux_k8s_${AKS_VERSION}.vhdx`,
    os: 'CBL-Mariner',
    sizeBytes: 4 * GiB,
  },
  {
    id: 'windows',
    fileName: 'Windows_K8s_17763.2928.220505-1621_202205101158.vhdx',
    os: 'Windows Server 2019 Datacenter Core',
    sizeBytes: 13 * GiB,
  },
] as const

/** The management cluster VM (facts §1.4 and §2.4: Standard_A4_v2 is the 2021 default host size). */
export const MGMT_VM_SIZE = 'Standard_A4_v2'
export const MGMT_VM_OS = 'CBL-Mariner'
/** Allocated bytes of the management VM's dynamic OS disk right after install. Assumption. */
export const MGMT_VM_DISK_BYTES = 10 * GiB
/** Name before the kube suffix, after the facts' CLUSTERGROUP-MANAGEMENT-… folder names (§1.6). */
export const MGMT_VM_NAME_PREFIX = 'clustergroup-management-control-plane-'
/** kubeconfig-mgmt and the cloud agent's config: a few KiB each. Assumption. */
export const KUBECONFIG_BYTES = 6 * KiB
export const CLOUD_CONFIG_BYTES = 3 * KiB
export const CLOUD_CONFIG_FILE = 'cloudconfig' // the facts' `.wssd\cloudconfig` (§8, GH#93)

/** Memory each server keeps for its own OS and Hyper-V: never available to VMs. Assumption. */
export const HOST_RESERVE_BYTES = 4 * GiB
/** The facts' minimum total memory for AKS (§1.1, single node: 30 GB), as a warning threshold. */
export const MIN_TOTAL_MEMORY_BYTES = 30 * GiB

/** Minimum IP reservation (§1.1): AKS host = 1 control plane + 2 for update operations. */
export const MIN_NODE_POOL_IPS = 3
/** One VIP for the host's API server, one for a first workload cluster's API server, one LoadBalancer service. */
export const MIN_VIP_POOL_IPS = 3

/** Where VM disks go: one flat folder per CSV, not Hyper-V's per-VM folders (§1.6, GH#34). */
export const VM_DISK_FOLDER = 'images'

export const AKS_REGIONS = ['eastus', 'southeastasia', 'westeurope', 'australiaeast'] as const

/** The wizard's Setup progress steps, in order; their durations add up to the seed's "about 30 minutes". */
export const AKS_INSTALL_STEPS = [
  { id: 'validate', title: 'Validating the configuration and the servers', ms: 1 * MINUTE },
  {
    id: 'images',
    title: 'Downloading the Linux (CBL-Mariner) and Windows Server 2019 node images',
    ms: 9 * MINUTE,
  },
  { id: 'cloudAgent', title: 'Creating the MOC cloud agent clustered role', ms: 2 * MINUTE },
  { id: 'nodeAgents', title: 'Installing the MOC node agent on every server', ms: 2 * MINUTE },
  { id: 'mgmtVm', title: 'Creating the management cluster VM', ms: 2 * MINUTE },
  { id: 'boot', title: 'Booting the management cluster VM', ms: 3 * MINUTE },
  { id: 'bootstrap', title: 'Bootstrapping Kubernetes on the management cluster', ms: 7 * MINUTE },
  { id: 'kubectl', title: 'Installing kubectl on every server', ms: 1 * MINUTE },
  { id: 'arc', title: 'Registering the AKS host with Azure Arc', ms: 3 * MINUTE },
] as const
export type AksInstallStepId = (typeof AKS_INSTALL_STEPS)[number]['id']
export const AKS_INSTALL_MS = AKS_INSTALL_STEPS.reduce((sum, s) => sum + s.ms, 0)

export interface AksAssumption {
  id: string
  label: string
  value: string
  why: string
}

const gib = (b: number) => `${b / GiB} GiB`

/** The table the About page shows. */
export const AKS_ASSUMPTIONS: readonly AksAssumption[] = [
  ...AKS_IMAGES.map((i) => ({
    id: `image.${i.id}`,
    label: `${i.os} node image`,
    value: `${i.fileName}, ${gib(i.sizeBytes)}`,
    why:
      i.id === 'windows'
        ? 'File name is the facts’ real example (§1.6); the size is unconfirmed, chosen near a WS2019 Core VHDX.'
        : 'Name follows the Windows image’s pattern with the AKS build; size unconfirmed, a small Mariner disk.',
  })),
  {
    id: 'mgmtVm.size',
    label: 'Management cluster VM size',
    value: `${MGMT_VM_SIZE} (4 vCPU, 8 GiB)`,
    why: 'Set-AksHciConfig -controlPlaneVmSize default in the 2021 docs (§1.4); tested default (§2.4).',
  },
  {
    id: 'mgmtVm.disk',
    label: 'Management VM OS disk',
    value: `${gib(MGMT_VM_DISK_BYTES)} allocated (dynamic VHDX)`,
    why: 'Node OS disk sizes are unconfirmed (§2.3); a fresh Mariner node uses a few GiB, plus etcd and logs.',
  },
  {
    id: 'mgmtVm.name',
    label: 'Management VM name',
    value: `${MGMT_VM_NAME_PREFIX}<5 characters>`,
    why: 'After the facts’ CLUSTERGROUP-MANAGEMENT-… example (§1.6) with a Kubernetes-style suffix.',
  },
  {
    id: 'vmDisks.path',
    label: 'Where VM disks go',
    value: `C:\\ClusterStorage\\<volume>\\${VM_DISK_FOLDER}\\<container>\\<guid>.vhdx`,
    why: 'AKS keeps all VM disks in one flat per-CSV path (§1.6, GH#34); the seed shows a PV disk there.',
  },
  {
    id: 'smallFiles',
    label: 'Configuration files',
    value: `kubeconfig-mgmt ${KUBECONFIG_BYTES / KiB} KiB, ${CLOUD_CONFIG_FILE} ${CLOUD_CONFIG_BYTES / KiB} KiB`,
    why: 'Kubeconfig path from the facts (§1.6); sizes are typical for such files.',
  },
  {
    id: 'host.reserve',
    label: 'Memory kept by each server’s OS',
    value: gib(HOST_RESERVE_BYTES),
    why: 'The host OS and Hyper-V need memory too; VMs can use only the rest.',
  },
  {
    id: 'memory.minimum',
    label: 'Minimum total memory (warning)',
    value: gib(MIN_TOTAL_MEMORY_BYTES),
    why: 'Facts §1.1: host VM 8 + update reserve 8 + control plane 8 + one K8S3_v1 worker 6 GB.',
  },
  {
    id: 'pools.node',
    label: 'Minimum static node IP pool',
    value: `${MIN_NODE_POOL_IPS} addresses`,
    why: 'Minimum IP reservation for the AKS host: 1 control plane + 2 update operations (§1.1).',
  },
  {
    id: 'pools.vip',
    label: 'Minimum VIP pool',
    value: `${MIN_VIP_POOL_IPS} addresses`,
    why: 'Host API server + one workload cluster API server + one LoadBalancer service (§1.1); 16+ recommended.',
  },
  {
    id: 'install.duration',
    label: 'Install duration',
    value: `${AKS_INSTALL_MS / MINUTE} virtual minutes`,
    why: 'The seed: "The installation takes about 30 minutes" (the eval VM took 7, §1.7).',
  },
  ...AKS_INSTALL_STEPS.map((s) => ({
    id: `step.${s.id}`,
    label: `Step: ${s.title}`,
    value: `${s.ms / MINUTE} min`,
    why: 'Split of the 30 minutes; step timings are unconfirmed (§1.7), downloads and bootstrap take longest.',
  })),
  ...AKS_CLUSTER_ASSUMPTIONS,
]
