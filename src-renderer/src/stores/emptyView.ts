import { emptyAksHost } from '@shared/aks'
import type { LabView } from '@shared/contract'
import { emptyPerformance } from '@shared/performance'

/** The view before the first snapshot arrives: empty, so getters never need null checks. */
export function emptyView(): LabView {
  return {
    meta: { name: '', seed: 0, createdAt: 0 },
    clock: { now: 0, speed: 'pause' },
    cluster: {
      name: '',
      domain: '',
      netbiosDomain: '',
      adminUser: '',
      adminPassword: '',
      network: { subnet: '', gateway: '', dnsServers: [], dhcpScope: { start: '', end: '' } },
      domainController: { name: '', ip: '', roles: [] },
      wacVersion: '',
      osVersion: '',
    },
    pool: { friendlyName: '', provisioningTypeDefault: 'Fixed', thinProvisioningAlertThreshold: 70 },
    servers: {},
    drives: {},
    switches: {},
    volumes: {},
    files: {},
    tasks: {},
    samples: {},
    aks: emptyAksHost(),
    vms: {},
    clusterGroups: {},
    aksClusters: {},
    kube: {},
    kubeconfig: { contexts: [], current: null },
    performance: emptyPerformance(),
  }
}
