import type { AksAssumption } from './aks-assumptions'

// The figures chosen for workload clusters (facts §2, §3, §6), with why. aks-assumptions.ts appends
// these rows to the table the About page shows; the engine uses the constants.

const GiB = 1024 ** 3
const SECOND = 1000
const MINUTE = 60_000

/** Allocated bytes of a node VM's OS disk right after boot (dynamic VHDX). Sizes are unconfirmed (§2.3). */
export const LINUX_NODE_DISK_BYTES = 8 * GiB
export const WINDOWS_NODE_DISK_BYTES = 16 * GiB

/** Create timeline: LB and control plane VMs boot, Kubernetes comes up, workers join one after another. */
export const CLUSTER_VM_BOOT_MS = 3 * MINUTE
export const CLUSTER_KUBERNETES_UP_MS = 2 * MINUTE
export const WORKER_JOIN_MS = 2 * MINUTE // after Kubernetes is up, for the first worker
export const WORKER_STAGGER_MS = 1 * MINUTE // each further worker
export const SCALE_JOIN_MS = 3 * MINUTE // a worker added by scaling: boot + join
export const NODE_DRAIN_MS = 1 * MINUTE // a worker removed by scaling: cordon, drain, delete
export const CLUSTER_DELETE_MS = 2 * MINUTE
/** A registered node turns Ready once its CNI is up. */
export const NODE_READY_MS = 30 * SECOND

/** Pod stages: scheduled → ContainerCreating → Running (seconds to tens of seconds). */
export const POD_SCHEDULE_MS = 1 * SECOND
export const POD_START_MS = 12 * SECOND
export const KUBE_EVENTS_PER_CLUSTER = 1000
/** The most pods a cluster holds: Kubernetes' scalability threshold (150,000 pods per cluster). */
export const MAX_PODS_PER_CLUSTER = 150_000
/** Pods one controller pass creates at most (the ReplicaSet controller's burstReplicas); more follow. */
export const POD_CREATE_BURST = 500

export const LINUX_NODE_INFO = {
  osImage: 'CBL-Mariner/Linux',
  kernelVersion: '5.4.91-4.cm1',
  containerRuntimeVersion: 'containerd://1.4.4',
  operatingSystem: 'linux',
}
export const WINDOWS_NODE_INFO = {
  osImage: 'Windows Server 2019 Datacenter',
  kernelVersion: '10.0.17763.1935',
  containerRuntimeVersion: 'docker://19.3.14',
  operatingSystem: 'windows',
}
/** Node memory the kubelet reports: the VM's, less what firmware and kernel keep; allocatable less eviction. */
export const NODE_KERNEL_RESERVED_KI = 180 * 1024
export const NODE_EVICTION_KI = 100 * 1024

/** Persistent volumes (facts §4): the CSI driver's timings and the VHDX files it makes. */
export const CSI_PROVISIONER = 'msvhd' // the seed's `kubectl get sc`; newer releases: disk.csi.akshci.com
export const CSI_PROVISIONER_NEW = 'disk.csi.akshci.com'
export const STORAGE_CONTAINER = 'MocStorageContainer'
export const PV_PROVISION_MS = 3 * SECOND
export const PV_RETRY_MS = [15 * SECOND, 30 * SECOND, 60 * SECOND, 2 * MINUTE, 5 * MINUTE] as const
export const VHDX_METADATA_BYTES = 4 * 1024 * 1024 // a new dynamic VHDX: header, BAT, ext4 metadata
export const VHDX_MAX_BYTES = 64 * 1024 ** 4 // the VHDX format's largest disk (64 TB)
export const FS_BLOCK_BYTES = 4096 // ext4 block: a file takes whole blocks
export const VHDX_BLOCK_BYTES = 33554432 // the class's blocksize: a dynamic VHDX grows 32 MiB at a time
export const VOLUME_FILE_MAX_LINES = 2000 // lines kept per simulated file (size keeps counting)
export const DEMO_WRITE_MS = MINUTE

export const AKS_CLUSTER_ASSUMPTIONS: readonly AksAssumption[] = [
  {
    id: 'cluster.versions',
    label: 'Kubernetes versions',
    value: 'v1.17.13 (Linux only), v1.18.8, v1.18.17, v1.19.9, v1.20.7 (latest)',
    why: 'Facts §2.1: v1.18.8 was the 2020 latest, v1.20.7 mid-2021, and Windows nodes were only on some versions; v1.17.13 stands for a version without a Windows image.',
  },
  {
    id: 'cluster.name',
    label: 'Cluster name rule',
    value: 'lowercase letters, digits, hyphens; starts with a letter; ≤ 40 characters',
    why: 'The doc’s “no hyphens” note contradicts the WAC default my-workload-cluster (§2.1); the name prefixes node names, which are DNS labels.',
  },
  {
    id: 'cluster.limits',
    label: 'Node counts and max pods',
    value: 'control plane 1, 3 or 5; 0–100 workers per node pool; max pods 50–250',
    why: 'Odd control plane counts (§2.1); per-pool maximum unconfirmed; max pods ≥ 50 (§2.1), kubelet’s ceiling 250.',
  },
  {
    id: 'cluster.vms',
    label: 'VMs per cluster',
    value:
      'control plane(s) + 1 load balancer + workers; names <cluster>-control-plane-xxxxx, <cluster>-load-balancer-xxxxx, moc-l…/moc-w… (15 characters)',
    why: 'Facts §2.5 and the seed’s demo-control-plane-v44qg; worker names after the moc-lf22jcmu045 examples.',
  },
  {
    id: 'cluster.disks',
    label: 'Node OS disks',
    value: `Linux ${LINUX_NODE_DISK_BYTES / GiB} GiB, Windows ${WINDOWS_NODE_DISK_BYTES / GiB} GiB allocated, on the image volume`,
    why: 'Node OS disk sizes are unconfirmed (§2.3); dynamic VHDX files next to the node images.',
  },
  {
    id: 'cluster.placement',
    label: 'VM placement',
    value: 'each VM on the up server with the most free memory',
    why:
      'Spreads a cluster across servers; a VM that fits nowhere fails with the real OutOfCapacity error (§2.4), ' +
      'followed by an explanation of our own: which VMs fit nowhere and each server’s free memory.',
  },
  {
    id: 'cluster.timeline',
    label: 'Create timeline',
    value: `VMs boot ${CLUSTER_VM_BOOT_MS / MINUTE} min, Kubernetes up +${CLUSTER_KUBERNETES_UP_MS / MINUTE} min, first worker +${WORKER_JOIN_MS / MINUTE} min, each further +${WORKER_STAGGER_MS / MINUTE} min`,
    why: 'The seed: “after a few short minutes”; its pod ages show workers joining 1–9 minutes after the control plane.',
  },
  {
    id: 'cluster.scale',
    label: 'Scaling and deletion',
    value: `a new worker joins after ${SCALE_JOIN_MS / MINUTE} min; a removed one drains for ${NODE_DRAIN_MS / MINUTE} min; delete takes ${CLUSTER_DELETE_MS / MINUTE} min`,
    why: 'Unconfirmed; scaling down removes the newest workers first.',
  },
  {
    id: 'cluster.teardown',
    label: 'What removing a cluster deletes',
    value:
      'its VMs and their OS disks, and the VHDX of its persistent volumes whose reclaim policy is Delete; a Retain volume’s VHDX stays on the volume, owned by nothing, until deleted by hand (Files table, Remove-Item)',
    why: 'Remove-AksHciCluster deletes what the cluster owns in the cloud agent (its group clustergroup-<name>: VMs and virtual hard disks). Whether the real agent also deletes Retain volumes’ disks is unconfirmed; the lab keeps them, so data someone asked to keep is never lost silently.',
  },
  {
    id: 'kube.pods',
    label: 'Pod start',
    value: `scheduled after ${POD_SCHEDULE_MS / SECOND} s, Running ${POD_START_MS / SECOND} s later; nodes Ready ${NODE_READY_MS / SECOND} s after registering`,
    why: 'Image pulls from a local registry cache take seconds; typical kubelet behaviour.',
  },
  {
    id: 'kube.limits',
    label: 'Scale limits',
    value: `at most ${MAX_PODS_PER_CLUSTER.toLocaleString('en-US')} pods per cluster; the controllers create at most ${POD_CREATE_BURST} pods per pass, the next ones as the first are scheduled`,
    why: 'Kubernetes’ scalability thresholds (150,000 pods, 5,000 nodes, 110 pods per node by default) and the ReplicaSet controller’s burstReplicas of 500; beyond the pod limit a workload gets FailedCreate, as a quota would give it.',
  },
  {
    id: 'kube.nodes',
    label: 'Node software',
    value: `Linux: ${LINUX_NODE_INFO.osImage}, ${LINUX_NODE_INFO.kernelVersion}, ${LINUX_NODE_INFO.containerRuntimeVersion}; Windows: ${WINDOWS_NODE_INFO.osImage}, ${WINDOWS_NODE_INFO.containerRuntimeVersion}`,
    why: 'CBL-Mariner Linux nodes and Windows Server 2019 Core (build 17763, §6); Windows nodes used Docker until 2022 (§6).',
  },
  {
    id: 'kube.system',
    label: 'kube-system pods',
    value:
      'the seed’s flannel set; Windows nodes run kube-proxy-windows and kube-flannel-ds-windows-amd64, no CSI node pod',
    why: 'Facts §3 list the Linux pods; the Windows DaemonSet names are unconfirmed (§3).',
  },
  {
    id: 'kube.roles',
    label: 'Control plane node labels',
    value: 'node-role.kubernetes.io/master (all versions) + control-plane (v1.20+); taint master:NoSchedule',
    why: 'kubeadm of these versions; kubectl then shows ROLES master or control-plane,master.',
  },
  {
    id: 'kube.storageclass',
    label: 'Default storage class',
    value: `default (default): provisioner ${CSI_PROVISIONER}, Immediate, expansion allowed, reclaim Delete; container ${STORAGE_CONTAINER}, group clustergroup-<cluster>, hostname <cloud agent role>.<domain>, port 55000`,
    why: `The seed prints provisioner msvhd (2020); later docs name ${CSI_PROVISIONER_NEW} (§4). The default mode Immediate follows the seed; the container name is unconfirmed.`,
  },
  {
    id: 'kube.pv',
    label: 'Persistent volumes',
    value: `VHDX <imageDir>\\<15 hex>\\<guid>.vhdx, created ${PV_PROVISION_MS / SECOND} s after the claim; dynamic: ${VHDX_METADATA_BYTES / 1024 ** 2} MiB allocated, growing in ${VHDX_BLOCK_BYTES / 1024 ** 2} MiB blocks as files fill ${FS_BLOCK_BYTES / 1024} KiB ext4 blocks; fixed (dynamic "false"): full size; retries after ${PV_RETRY_MS.map((m) => m / SECOND).join(', ')} s`,
    why: 'The seed’s C:\\ClusterStorage\\Volume01\\images\\b79f1237ffe6c4b\\<guid>.vhdx; metadata size and backoff are unconfirmed (external-provisioner backs off exponentially).',
  },
  {
    id: 'kube.demo',
    label: 'Demo app',
    value: `writes a line to /storage/log.txt every minute on the minute (UTC); files keep their last ${VOLUME_FILE_MAX_LINES} lines`,
    why: 'The seed’s demo.py: “Running for 0 minutes” at the first minute after start; containers run in UTC.',
  },
  {
    id: 'kube.decoding',
    label: 'API server decoding errors',
    value:
      'worded as encoding/json words them (json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32); a VHDX holds at most 64 TB, a larger claim fails provisioning',
    why: 'v1.17–v1.22 API servers decoded with json-iterator, whose messages quote byte offsets of the request body the lab does not have; v1.23 and later use these words. The msvhd driver’s text for a too-large disk is unconfirmed.',
  },
  {
    id: 'hyperv.vhd',
    label: 'Virtual hard disks (Get-VHD, Get-VMHardDiskDrive)',
    value:
      'a claim’s VHDX takes its class’s block and sector sizes (fixed: BlockSize 0); AKS images and VM OS disks are fixed VHDX with 512-byte logical and 4 KiB physical sectors; a claim’s disk shows a MinimumSize while attached (formatted at first mount); node VMs are generation 2 with the OS disk at SCSI 0:0, then each attached claim in attach order; Get-VHD answers from any server',
    why: 'Hyper-V’s New-VHD defaults and the driver’s class parameters (§4). On a real cluster Get-VHD on another server refuses a disk a running VM holds open (ObjectInUse); the lab answers so the lesson reads from the console’s server. AKS’s OS disk types and SCSI slots are unconfirmed.',
  },
]
