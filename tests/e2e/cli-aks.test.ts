import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hciLabIn, INSTALL_AKS_HOST } from './cli-kit'

// The documented AKS install flow as a script: `hci-lab run` blocks on Install-AksHci by moving the
// lab's virtual clock itself, prints the progress, and the lab file keeps the result.

let dir: string

const hciLab = hciLabIn(() => dir)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-aks-'))
  expect(hciLab('new', 'aks.hcilab').code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hci-lab run: Install-AksHci', () => {
  it('runs the documented flow to the end and shows what it made', () => {
    const r = hciLab(
      'run',
      'aks.hcilab',
      INSTALL_AKS_HOST,
      'Get-AksHciVersion',
      'Get-VM',
      'dir C:\\ClusterStorage\\Volume01 -Recurse',
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toMatch(
      /^\[\S+ \S+ [AP]M\] {3}0% Install-AksHci: installing AKS on Azure Stack HCI 1\.0\.8\.10223/,
    )
    expect(lines).toContain('[9/22/2020 9:30:00 AM] 100% AKS on Azure Stack HCI is installed.')
    expect(lines).toContain('1.0.8.10223')
    expect(r.stdout).toMatch(/clustergroup-management-control-plane-\S+ Running /)
    expect(r.stdout).toContain('    Directory: C:\\ClusterStorage\\Volume01\\images')
    expect(r.stdout).toMatch(/-a---- .* 4294967296 Linux_k8s_1\.0\.8\.10223\.vhdx/)
  })

  it('kept the install and the clock in the file: a second Install-AksHci is refused', () => {
    expect(hciLab('run', 'aks.hcilab', 'sim time').stdout).toContain('Virtual time: 2020-09-22 09:30:00 UTC')
    const r = hciLab('run', 'aks.hcilab', 'Install-AksHci')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(
      'Install-AksHci : AKS on Azure Stack HCI is already installed. Run Uninstall-AksHci first to install it again.',
    )
    expect(r.stderr).toContain('FullyQualifiedErrorId : AksAlreadyInstalled,Install-AksHci')
  })
})
