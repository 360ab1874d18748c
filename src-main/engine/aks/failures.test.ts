import { describe, expect, it } from 'vitest'
import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import type { Lab } from '../lab'
import type { LabState } from '../core/state'
import { Tx } from '../core/tx'
import { configure, dhcpVnet, installed, newLab, ok, register } from './testkit'

const GiB = 1024 ** 3

/** Dispatches a command that must be refused, checks nothing changed, returns the error. */
function refused(lab: Lab, command: unknown) {
  const before = lab.hash()
  const r = lab.dispatch(command)
  if (r.ok) throw new Error('expected a refusal')
  expect(lab.hash()).toBe(before)
  return r.error
}

describe('AKS host refusals', () => {
  it('refuses Install-AksHci before Set-AksHciConfig, naming it', () => {
    const e = refused(newLab(), { type: 'aks.install' })
    expect(e.code).toBe('AksNotConfigured')
    expect(e.message).toContain('Set-AksHciConfig')
  })

  it('refuses when no server has free memory for the management VM, with the figures', () => {
    const lab = newLab(1, {
      servers: 2,
      cores: 4,
      memoryBytes: 8 * GiB,
      drives: [{ count: 4, sizeBytes: 1.92e12, media: 'SSD' }],
    })
    ok(lab, configure())
    const e = refused(lab, { type: 'aks.install' })
    expect(e.code).toBe('InsufficientMemory')
    expect(e.message).toContain('8 GiB')
    expect(e.message).toContain('hci-node1 4 GiB free of 8 GiB')
  })

  it('refuses paths off a cluster shared volume, and a volume that does not exist', () => {
    const lab = newLab()
    const e = refused(lab, { ...configure(), imageDir: 'C:\\AksHciImageStore' })
    expect(e.code).toBe('InvalidAksPath')
    expect(e.message).toContain('shared storage')
    expect(refused(lab, configure(dhcpVnet, 'Volume09')).message).toContain(
      "volume 'Volume09', which does not exist",
    )
  })

  it('refuses to install when the chosen volume lacks space for images and the VM disk', () => {
    const lab = newLab()
    ok(lab, {
      type: 'volume.create',
      name: 'Small',
      resiliency: 'two-way-mirror',
      sizeBytes: 20 * GiB,
      provisioning: 'Fixed',
    })
    ok(lab, configure(dhcpVnet, 'Small'))
    const e = refused(lab, { type: 'aks.install' })
    expect(e.code).toBe('NotEnoughSpace')
    expect(e.message).toMatch(/Volume 'Small' has [\d.]+ GiB free, but the AKS host needs 27(\.\d+)? GiB/)
  })

  it('refuses to install when the configured volume was deleted since', () => {
    const lab = newLab()
    ok(lab, {
      type: 'volume.create',
      name: 'Aks',
      resiliency: 'two-way-mirror',
      sizeBytes: 100 * GiB,
      provisioning: 'Fixed',
    })
    ok(lab, configure(dhcpVnet, 'Aks'))
    ok(lab, { type: 'volume.delete', name: 'Aks' })
    expect(refused(lab, { type: 'aks.install' }).code).toBe('InvalidAksPath')
  })

  it('refuses a switch that does not exist or is not External', () => {
    const lab = newLab()
    expect(refused(lab, configure({ ...dhcpVnet, vswitchName: 'Nope' })).message).toContain(
      "No virtual switch named 'Nope'",
    )
    const sw = lab.state.switches['switch-1']!
    ;(lab.state as { switches: Record<string, typeof sw> }).switches['switch-2'] = {
      ...sw,
      id: 'switch-2',
      name: 'InternalSwitch',
      switchType: 'Internal',
    }
    expect(refused(lab, configure({ ...dhcpVnet, vswitchName: 'InternalSwitch' })).message).toContain(
      'AKS needs an External switch',
    )
  })

  it('refuses to install when the switch was removed after configuring', () => {
    const lab = newLab()
    ok(lab, configure())
    delete (lab.state as { switches: Record<string, unknown> }).switches['switch-1']
    expect(refused(lab, { type: 'aks.install' }).code).toBe('InvalidNetworkSetting')
  })

  it('refuses invalid or too small IP pools', () => {
    const lab = newLab()
    const small = refused(
      lab,
      configure({ ...dhcpVnet, vipPoolStart: '192.168.0.200', vipPoolEnd: '192.168.0.201' }),
    )
    expect(small.code).toBe('InvalidNetworkSetting')
    expect(small.message).toContain('has 2 address(es); it needs at least 3')
    const dhcp = refused(
      lab,
      configure({ ...dhcpVnet, vipPoolStart: '192.168.0.150', vipPoolEnd: '192.168.0.220' }),
    )
    expect(dhcp.message).toContain('overlaps the DHCP scope 192.168.0.100–192.168.0.199')
  })

  it('refuses installing twice, while installing and once installed', () => {
    const lab = newLab()
    ok(lab, configure())
    ok(lab, { type: 'aks.install' })
    expect(refused(lab, { type: 'aks.install' }).code).toBe('AksInstallInProgress')
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    const e = refused(lab, { type: 'aks.install' })
    expect(e.code).toBe('AksAlreadyInstalled')
    expect(e.message).toContain('already installed')
  })

  it('refuses Set-AksHciConfig after install and during it, pointing to Uninstall-AksHci', () => {
    const lab = installed()
    const e = refused(lab, configure())
    expect(e.code).toBe('AksAlreadyInstalled')
    expect(e.message).toContain('Uninstall-AksHci')
    const during = newLab()
    ok(during, configure())
    ok(during, { type: 'aks.install' })
    expect(refused(during, configure()).code).toBe('AksInstallInProgress')
  })

  it('refuses uninstall while workload clusters exist, naming them', () => {
    const lab = installed()
    ;(lab.state as { aksClusters?: unknown }).aksClusters = { c1: { name: 'demo' }, c2: { name: 'apps' } }
    const e = refused(lab, { type: 'aks.uninstall' })
    expect(e.code).toBe('WorkloadClustersExist')
    expect(e.message).toContain("'apps', 'demo'")
    expect(e.message).toContain('Remove-AksHciCluster')
  })

  it('refuses uninstall while installing (cancel instead) and when nothing is there', () => {
    expect(refused(newLab(), { type: 'aks.uninstall' }).code).toBe('AksNotInstalled')
    const lab = newLab()
    ok(lab, configure())
    ok(lab, { type: 'aks.install' })
    expect(refused(lab, { type: 'aks.uninstall' }).message).toContain('Cancel the installation')
    expect(refused(newLab(), { type: 'aks.cancelInstall' }).code).toBe('AksNotInstalling')
  })

  it('refuses a bad registration: subscription, resource group, region', () => {
    const lab = newLab()
    expect(refused(lab, { ...register, subscriptionId: 'abc' }).code).toBe('InvalidSubscriptionId')
    expect(refused(lab, { ...register, resourceGroupName: ' ' }).code).toBe('InvalidResourceGroup')
    expect(refused(lab, { ...register, region: 'northeurope' }).message).toContain(
      'eastus, southeastasia, westeurope, australiaeast',
    )
  })

  it('fails a running install cleanly when its volume fills up, leaving nothing behind', () => {
    const lab = newLab()
    ok(lab, {
      type: 'volume.create',
      name: 'Aks',
      resiliency: 'two-way-mirror',
      sizeBytes: 30 * GiB,
      provisioning: 'Fixed',
    })
    ok(lab, configure(dhcpVnet, 'Aks'))
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: 2 * 60_000 })
    // Someone else's 10 GiB file lands on the volume after validation: the images still fit, the VM disk no longer does.
    const vol = Object.values(lab.state.volumes).find((v) => v.name === 'Aks')!
    new Tx(lab.state as LabState).put('files', 'file-x', {
      id: 'file-x',
      volumeId: vol.id,
      path: 'C:\\ClusterStorage\\Aks\\big.bin',
      sizeBytes: 10 * GiB,
      allocatedBytes: 10 * GiB,
      owner: { kind: 'user', id: 'user', label: 'User' },
      createdAt: lab.now,
    })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.aks.phase).toBe('Failed')
    expect(lab.state.aks.install!.steps.find((s) => s.state === 'Failed')!.id).toBe('mgmtVm')
    expect(lab.state.vms).toEqual({})
    expect(lab.state.tasks[lab.state.aks.install!.taskId]!.message).toContain("volume 'Aks'")
    expect(Object.values(lab.state.files).filter((f) => f.owner.kind === 'aks-host')).toEqual([])
    expect(lab.state.tasks[lab.state.aks.install!.taskId]!.state).toBe('Error')
    expect(lab.state.queue).toEqual([])
    // Once the space is back, Install-AksHci can run again from the failed state.
    new Tx(lab.state as LabState).remove('files', 'file-x')
    ok(lab, { type: 'aks.install' })
    ok(lab, { type: 'clock.advance', ms: AKS_INSTALL_MS })
    expect(lab.state.aks.phase).toBe('Installed')
  })
})
