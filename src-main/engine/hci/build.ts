import { emptyAksHost } from '@shared/aks'
import type { NewLabInput } from '@shared/commands'
import type { Drive, MediaType, Server } from '@shared/domain'
import { emptyPerformance } from '@shared/performance'
import { cacheMedia, poolShape, reserveBytes, TiB, volumeFootprint } from '@shared/s2d'
import { addDefaultClusterGroups } from '../aks/groups'
import { Rng, seedRng } from '../core/rng'
import type { LabState } from '../core/state'
import { Tx } from '../core/tx'
import { createVolume } from './volumes'

/** Every lab starts on the day of the seed walkthrough, so the same seed gives the same lab. */
export const LAB_EPOCH = Date.UTC(2020, 8, 22, 9, 0, 0)

export const DEFAULT_HARDWARE = {
  servers: 2,
  cores: 4,
  memoryBytes: 64 * 1024 ** 3,
  drives: [{ count: 4, sizeBytes: 1_920_000_000_000, media: 'SSD' as MediaType }],
}

const DRIVE_MODELS: Record<MediaType, { model: string; firmware: string; serialPrefix: string }> = {
  NVMe: { model: 'INTEL SSDPE2KX020T8', firmware: 'VDV10170', serialPrefix: 'PHLJ' },
  SSD: { model: 'SAMSUNG MZ7LH1T9HMLT', firmware: 'HXT7404Q', serialPrefix: 'S455NY0M' },
  HDD: { model: 'SEAGATE ST4000NM0035', firmware: 'TN05', serialPrefix: 'ZC1' },
}

/** Builds a new lab: the cluster, its network and domain, servers, drives, the pool and Volume01. */
export function buildLab(input: NewLabInput): LabState {
  const rng = new Rng(seedRng(input.seed))
  const hw = input.hardware
  const clusterName = 'hci-cluster'
  const state: LabState = {
    format: 1,
    meta: { name: input.name, seed: input.seed, createdAt: LAB_EPOCH },
    clock: { now: LAB_EPOCH, speed: '1' },
    rng: rng.state,
    nextSeq: 1,
    queue: [],
    cluster: {
      name: clusterName,
      domain: 'contoso.local',
      netbiosDomain: 'CONTOSO',
      adminUser: 'CONTOSO\\Administrator',
      adminPassword: `Lab-${rng.chars(4, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}-${rng.chars(4, '23456789')}!`,
      network: {
        subnet: '192.168.0.0/24',
        gateway: '192.168.0.1',
        dnsServers: ['192.168.0.2'],
        dhcpScope: { start: '192.168.0.100', end: '192.168.0.199' },
      },
      domainController: {
        name: 'dc01',
        ip: '192.168.0.2',
        roles: ['Active Directory Domain Services', 'DNS Server', 'DHCP Server'],
      },
      wacVersion: '2103.2',
      osVersion: 'Azure Stack HCI, version 20H2',
    },
    pool: {
      friendlyName: `S2D on ${clusterName}`,
      provisioningTypeDefault: 'Fixed',
      thinProvisioningAlertThreshold: 70,
    },
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

  const cache = cacheMedia(hw.drives.map((g) => g.media))
  for (let n = 1; n <= hw.servers; n++) {
    const server: Server = {
      id: `server-${n}`,
      name: `hci-node${n}`,
      nodeId: n,
      cores: hw.cores,
      memoryBytes: hw.memoryBytes,
      state: 'Up',
      ip: `192.168.0.${10 + n}`,
      manufacturer: 'Dell Inc.',
      model: 'PowerEdge R640',
    }
    state.servers[server.id] = server
    let slot = 0
    for (const group of hw.drives) {
      for (let i = 0; i < group.count; i++) {
        slot++
        const kind = DRIVE_MODELS[group.media]
        const drive: Drive = {
          id: `drive-${n}-${slot}`,
          serverId: server.id,
          slot,
          deviceNumber: n * 1000 + slot,
          media: group.media,
          sizeBytes: group.sizeBytes,
          serialNumber: kind.serialPrefix + rng.chars(8, '0123456789ABCDEF'),
          model: kind.model,
          firmware: kind.firmware,
          health: 'Healthy',
          usage: group.media === cache ? 'Cache' : 'Capacity',
        }
        state.drives[drive.id] = drive
      }
    }
  }
  state.switches['switch-1'] = {
    id: 'switch-1',
    name: 'ConvergedSwitch',
    switchType: 'External',
    serverIds: Object.keys(state.servers),
    netAdapterInterfaceDescription: 'Mellanox ConnectX-4 Lx Ethernet Adapter',
  }
  addFirstVolume(state)
  addDefaultClusterGroups(state)
  return state
}

/** Volume01: 2 TiB two-way mirror as in the seed (three-way from 3 servers), smaller if the pool is. */
function addFirstVolume(state: LabState): void {
  const serverIds = Object.keys(state.servers)
  const shape = poolShape(serverIds, Object.values(state.drives))
  const resiliency = serverIds.length >= 3 ? 'three-way-mirror' : 'two-way-mirror'
  const room = shape.rawBytes - reserveBytes(shape)
  const probe = { resiliency, sizeBytes: 2 * TiB, mirrorSizeBytes: 0, provisioning: 'Fixed' } as const
  let sizeBytes = 2 * TiB
  const full = volumeFootprint(probe, shape, 0)
  if (full > room) sizeBytes = Math.floor(((room / full) * 2 * TiB) / 2 / 1024 ** 3) * 1024 ** 3
  if (sizeBytes < 1024 ** 3) return
  const tx = new Tx(state)
  createVolume(tx, {
    type: 'volume.create',
    name: 'Volume01',
    resiliency,
    sizeBytes,
    provisioning: 'Fixed',
    mirrorSizeBytes: 0,
  })
  // The lab's starting point is not news: no notification for it.
  for (const id of Object.keys(state.tasks)) delete state.tasks[id]
}
