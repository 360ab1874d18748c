import { describe, expect, it } from 'vitest'
import { AKS_ASSUMPTIONS, AKS_INSTALL_MS } from '@shared/aks-assumptions'
import { checkHostCredentials, compareVersions, prerequisiteChecks, systemChecks } from '@shared/aks-checks'
import { serverMemory } from '@shared/aks-memory'
import { AKS_VM_SIZES, findVmSize } from '@shared/aks-sizes'
import { installed, newLab } from './testkit'

const GiB = 1024 ** 3
const status = (items: { id: string; status: string }[]) =>
  Object.fromEntries(items.map((i) => [i.id, i.status]))

describe('wizard checks', () => {
  it('pass on the default lab (with a processor warning: the seed’s servers have 4 cores)', () => {
    const lab = newLab()
    expect(status(prerequisiteChecks(lab.state))).toEqual({
      servers: 'pass',
      serverCount: 'pass',
      wac: 'pass',
      switch: 'pass',
      dnsDhcp: 'pass',
      azure: 'pass',
    })
    const system = status(systemChecks(lab.state))
    expect(system).toMatchObject({ memory: 'pass', storage: 'pass', switch: 'pass', cores: 'warn' })
  })

  it('fail for too little memory, no roomy volume, no external switch, an old Admin Center', () => {
    const lab = newLab(1, {
      servers: 2,
      cores: 8,
      memoryBytes: 8 * GiB,
      drives: [{ count: 4, sizeBytes: 1.92e12, media: 'SSD' }],
    })
    const state = lab.snapshot()
    state.volumes = {}
    state.switches['switch-1']!.switchType = 'Internal'
    state.cluster.wacVersion = '2009'
    const pre = prerequisiteChecks(state)
    expect(status(pre)).toMatchObject({ wac: 'fail', switch: 'fail' })
    const sys = systemChecks(state)
    expect(status(sys)).toMatchObject({ memory: 'fail', storage: 'fail', switch: 'fail', cores: 'pass' })
    expect(sys.find((c) => c.id === 'memory')!.detail).toContain('the most free on any server is 4 GiB')
    expect(sys.find((c) => c.id === 'storage')!.detail).toBe('The cluster has no cluster shared volume.')
    expect(compareVersions('2103.2', '2103.10')).toBe(-1)
  })

  it('checks host credentials in both forms, user case-insensitive, password exact', () => {
    const { state } = newLab()
    const pw = state.cluster.adminPassword
    expect(checkHostCredentials(state, 'CONTOSO\\Administrator', pw)).toEqual({ ok: true })
    expect(checkHostCredentials(state, 'contoso\\administrator', pw)).toEqual({ ok: true })
    expect(checkHostCredentials(state, 'Administrator@CONTOSO.local', pw)).toEqual({ ok: true })
    const wrongPw = checkHostCredentials(state, 'CONTOSO\\Administrator', pw.toLowerCase())
    expect(wrongPw).toEqual({ ok: false, message: 'The password for CONTOSO\\Administrator is incorrect.' })
    const wrongUser = checkHostCredentials(state, 'CONTOSO\\Guest', pw)
    expect(wrongUser.ok).toBe(false)
  })
})

describe('server memory and the assumption tables', () => {
  it('counts the host reserve and starting or running VMs', () => {
    const lab = installed()
    const m = serverMemory(lab.state)
    expect(m.map((s) => s.reservedBytes)).toEqual([4 * GiB, 4 * GiB])
    expect(m.reduce((s, x) => s + x.usedByVmsBytes, 0)).toBe(8 * GiB)
    expect(m.reduce((s, x) => s + x.freeBytes, 0)).toBe(2 * 64 * GiB - 8 * GiB - 8 * GiB)
  })

  it('keeps the install at about 30 minutes and lists every assumption once', () => {
    expect(AKS_INSTALL_MS).toBe(30 * 60_000)
    const ids = AKS_ASSUMPTIONS.map((a) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(AKS_ASSUMPTIONS.every((a) => a.value && a.why)).toBe(true)
    expect(AKS_VM_SIZES).toHaveLength(16)
    expect(findVmSize('standard_a4_V2')).toEqual({ name: 'Standard_A4_v2', cpu: 4, memoryGB: 8 })
  })
})
