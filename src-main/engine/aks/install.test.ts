import { describe, expect, it } from 'vitest'
import { AKS_IMAGES, AKS_INSTALL_MS, AKS_INSTALL_STEPS, MGMT_VM_DISK_BYTES } from '@shared/aks-assumptions'
import { serverMemory } from '@shared/aks-memory'
import { poolCapacity } from '@shared/capacity'
import { configure, dhcpVnet, newLab, ok, register, staticVnet } from './testkit'

const GiB = 1024 ** 3
const MIN = 60_000

describe('AKS host install', () => {
  it('runs the documented PowerShell flow on the default lab through every step to Installed', () => {
    const lab = newLab()
    const before = poolCapacity(lab.state).volumes[0]!.usedBytes
    ok(lab, configure())
    expect(lab.state.aks.phase).toBe('Configured')
    expect(lab.state.aks.cloudAgentRole).toMatch(/^ca-[0-9a-f-]{36}$/)
    ok(lab, { type: 'aks.install' })
    const aks = lab.state.aks
    expect(aks.phase).toBe('Installing')
    expect(aks.install!.steps.map((s) => s.state)).toEqual([
      'Running',
      ...AKS_INSTALL_STEPS.slice(1).map(() => 'Pending'),
    ])
    const task = lab.state.tasks[aks.install!.taskId]!
    expect(task).toMatchObject({
      title: 'Installing AKS on Azure Stack HCI',
      state: 'InProgress',
      percent: 0,
    })

    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.aks.phase).toBe('Installed')
    expect(lab.state.aks.install!.steps.every((s) => s.state === 'Done')).toBe(true)
    expect(lab.state.aks.install!.endedAt).toBe(lab.state.aks.install!.startedAt + AKS_INSTALL_MS)
    expect(lab.state.tasks[aks.install!.taskId]).toMatchObject({ state: 'Success', percent: 100 })
    const vm = lab.state.vms[lab.state.aks.managementVmId!]!
    expect(vm).toMatchObject({
      state: 'Running',
      vmSize: 'Standard_A4_v2',
      memoryBytes: 8 * GiB,
      ip: '192.168.0.100',
    })
    expect(vm.name).toMatch(/^clustergroup-management-control-plane-[a-z0-9]{5}$/)
    const used = poolCapacity(lab.state).volumes[0]!.usedBytes - before
    const images = AKS_IMAGES.reduce((s, i) => s + i.sizeBytes, 0)
    expect(used).toBeGreaterThan(images + MGMT_VM_DISK_BYTES)
    expect(used).toBeLessThan(images + MGMT_VM_DISK_BYTES + 1024 ** 2)
    expect(serverMemory(lab.state).find((m) => m.serverId === vm.serverId)!.usedByVmsBytes).toBe(8 * GiB)
    expect(lab.state.aks.nodeAgentServerIds).toEqual(['server-1', 'server-2'])
    expect(lab.state.clusterGroups[lab.state.aks.cloudAgentRole!]).toMatchObject({
      groupType: 'GenericService',
      state: 'Online',
    })
    expect(Object.values(lab.state.files).map((f) => f.path)).toContain(
      'C:\\ClusterStorage\\Volume01\\WorkingDir\\1.0.8.10223\\kubeconfig-mgmt',
    )
    expect(lab.state.queue).toEqual([])
  })

  it('lands each step’s effect when the step ends', () => {
    const lab = newLab()
    ok(lab, configure())
    ok(lab, register)
    ok(lab, { type: 'aks.install' })
    const files = () => Object.values(lab.state.files).filter((f) => f.owner.kind === 'aks-host')
    const step = (id: string) => lab.state.aks.install!.steps.find((s) => s.id === id)!
    const at = (id: string) => {
      let t = 0
      for (const s of AKS_INSTALL_STEPS) {
        t += s.ms
        if (s.id === id) return t
      }
      throw new Error(id)
    }
    const advanceTo = (ms: number) => lab.advanceTo(lab.state.aks.install!.startedAt + ms)

    advanceTo(at('images') - 1)
    expect(files()).toHaveLength(0)
    expect(step('images').state).toBe('Running')
    advanceTo(at('images'))
    expect(files().map((f) => f.path)).toEqual(
      AKS_IMAGES.map((i) => `C:\\ClusterStorage\\Volume01\\images\\${i.fileName}`),
    )
    expect(files()[0]!.owner.label).toBe('AKS host (node image)')
    expect(step('images')).toMatchObject({ state: 'Done', endedAt: lab.now })
    expect(lab.state.clusterGroups[lab.state.aks.cloudAgentRole!]).toBeUndefined()
    advanceTo(at('cloudAgent'))
    expect(lab.state.clusterGroups[lab.state.aks.cloudAgentRole!]).toBeDefined()
    expect(lab.state.aks.nodeAgentServerIds).toEqual([])
    advanceTo(at('nodeAgents'))
    expect(lab.state.aks.nodeAgentServerIds).toHaveLength(2)
    expect(lab.state.aks.managementVmId).toBeNull()
    advanceTo(at('mgmtVm'))
    const vm = () => lab.state.vms[lab.state.aks.managementVmId!]!
    expect(vm()).toMatchObject({ state: 'Starting', ip: null })
    expect(serverMemory(lab.state).reduce((s, m) => s + m.usedByVmsBytes, 0)).toBe(8 * GiB)
    expect(lab.state.files[vm().diskFileIds[0]!]!.path).toMatch(
      /^C:\\ClusterStorage\\Volume01\\images\\[0-9a-f]{15}\\[0-9a-f-]{36}\.vhdx$/,
    )
    advanceTo(at('boot'))
    expect(vm()).toMatchObject({ state: 'Running', ip: '192.168.0.100' })
    advanceTo(at('bootstrap'))
    expect(files().some((f) => f.path.endsWith('kubeconfig-mgmt'))).toBe(true)
    expect(lab.state.aks.phase).toBe('Installing')
    const task = () => lab.state.tasks[lab.state.aks.install!.taskId]!
    expect(task().percent).toBeGreaterThan(80)
    expect(task().percent).toBeLessThan(100)
    advanceTo(at('arc'))
    expect(lab.state.aks.phase).toBe('Installed')
    expect(lab.state.aks.install!.log.at(-2)!.text).toContain('aks_management')
  })

  it('moves the task percentage every virtual minute', () => {
    const lab = newLab()
    ok(lab, configure())
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: 6 * MIN })
    expect(lab.state.tasks[lab.state.aks.install!.taskId]!.percent).toBe(20)
  })

  it('installs with static addresses: the management VM takes the node pool’s first address', () => {
    const lab = newLab()
    ok(lab, configure(staticVnet))
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.vms[lab.state.aks.managementVmId!]!.ip).toBe('192.168.0.20')
    expect(dhcpVnet.ipAllocation).toBe('DHCP')
  })
})
