import { computed } from 'vue'
import { parseIp, rangeSize } from '@shared/aks-ip'
import { volumeOfPath } from '@shared/aks-paths'
import { inPool } from '@shared/aks-vnet'
import { useLabStore } from '@/stores/lab'
import { useVmStore } from '@/stores/vms'

// The AKS host dashboard's figures, all read from the engine's state: the management VM, the IP
// pools and what uses them, and the image store's files on their volume.

export interface PoolUsage {
  label: string
  range: string
  size: number
  used: number
  usedBy: string
}

const size = (start: string | null, end: string | null) => {
  const s = start === null ? null : parseIp(start)
  const e = end === null ? null : parseIp(end)
  return s === null || e === null ? 0 : rangeSize({ start: s, end: e })
}

export function useAksHost() {
  const lab = useLabStore()
  const vmStore = useVmStore()
  const aks = computed(() => lab.view.aks)
  const config = computed(() => aks.value.config)
  const aksVms = computed(() => vmStore.vms.filter((vm) => vm.role.startsWith('aks-')))
  const mgmtVm = computed(() => vmStore.vms.find((vm) => vm.id === aks.value.managementVmId) ?? null)

  const pools = computed<PoolUsage[]>(() => {
    const c = config.value
    if (!c) return []
    const net = lab.view.cluster.network
    const v = c.vnet
    const ips = aksVms.value.flatMap((vm) => (vm.ip ? [vm.ip] : []))
    const nodes =
      v.ipAllocation === 'Static'
        ? {
            label: 'Kubernetes node IP pool',
            range: `${v.k8sNodeIpPoolStart} – ${v.k8sNodeIpPoolEnd}`,
            size: size(v.k8sNodeIpPoolStart, v.k8sNodeIpPoolEnd),
            used: ips.filter((ip) => inPool(ip, v.k8sNodeIpPoolStart, v.k8sNodeIpPoolEnd)).length,
          }
        : {
            label: 'Node addresses (DHCP scope)',
            range: `${net.dhcpScope.start} – ${net.dhcpScope.end}`,
            size: size(net.dhcpScope.start, net.dhcpScope.end),
            used: ips.filter((ip) => inPool(ip, net.dhcpScope.start, net.dhcpScope.end)).length,
          }
    // The management cluster's API server takes one VIP once its VM runs (facts §1.1).
    const apiVips = mgmtVm.value?.state === 'Running' ? 1 : 0
    // Each workload cluster's API server takes one more.
    const clusterVips = Object.values(lab.view.aksClusters ?? {}).filter(
      (c) => c.apiServerVip !== null && inPool(c.apiServerVip, v.vipPoolStart, v.vipPoolEnd),
    ).length
    const usedBy = [
      apiVips ? 'Management cluster API server' : '',
      clusterVips ? 'Kubernetes cluster API servers' : '',
    ]
      .filter((s) => s !== '')
      .join(', ')
    return [
      { ...nodes, usedBy: nodes.used ? 'AKS VMs' : '—' },
      {
        label: 'Load balancer VIP pool',
        range: `${v.vipPoolStart} – ${v.vipPoolEnd}`,
        size: size(v.vipPoolStart, v.vipPoolEnd),
        used: apiVips + clusterVips,
        usedBy: usedBy || '—',
      },
    ]
  })

  const imageStore = computed(() => {
    const c = config.value
    if (!c) return null
    const volume = volumeOfPath(lab.view, c.imageDir)
    const prefix = `${c.imageDir.toLowerCase()}\\`
    const files = Object.values(lab.view.files)
      .filter((f) => f.path.toLowerCase().startsWith(prefix))
      .sort((a, b) => a.path.localeCompare(b.path))
    return {
      path: c.imageDir,
      volumeName: volume?.name ?? null,
      files,
      totalBytes: files.reduce((sum, f) => sum + f.allocatedBytes, 0),
    }
  })

  const clusterGroup = computed(
    () =>
      Object.values(lab.view.clusterGroups ?? {}).find((g) => g.name === aks.value.cloudAgentRole) ?? null,
  )

  return { aks, config, mgmtVm, aksVms, pools, imageStore, clusterGroup }
}
