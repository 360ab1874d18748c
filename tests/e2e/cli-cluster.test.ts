import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// A workload cluster from a script: `hci-lab run` blocks on New-AksHciCluster by moving the virtual
// clock until the cluster is provisioned, so the next lines see it ready; kubectl then reads it.

const root = resolve(import.meta.dirname, '../..')
let dir: string

function hciLab(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/hci-lab.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const FLOW =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250; ' +
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config; ' +
  'Install-AksHci'

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-cluster-'))
  expect(hciLab('new', 'k8s.hcilab').code).toBe(0)
  expect(hciLab('run', 'k8s.hcilab', FLOW).code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hci-lab run: New-AksHciCluster and kubectl', () => {
  it('creates a cluster, blocking until it is provisioned; kubectl sees 3 Ready nodes', () => {
    const r = hciLab(
      'run',
      'k8s.hcilab',
      'New-AksHciCluster -name demo -linuxNodeCount 2',
      'Get-AksHciCredential -name demo',
      'kubectl get nodes',
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('100% Creating Kubernetes cluster demo')
    expect(r.stdout).toContain('ProvisioningState     : provisioned')
    const table = r.stdout.slice(r.stdout.indexOf('NAME '))
    const [header, ...nodes] = table.trim().split('\n')
    expect(header).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION$/)
    expect(nodes).toHaveLength(3)
    expect(nodes.filter((l) => /^\S+ +Ready +control-plane,master +\S+ +v1\.20\.7$/.test(l))).toHaveLength(1)
    expect(nodes.filter((l) => /^moc-l\S+ +Ready +<none> +\S+ +v1\.20\.7$/.test(l))).toHaveLength(2)
  })

  it('kept the cluster and the context in the file', () => {
    const r = hciLab('run', 'k8s.hcilab', 'kubectl config current-context', 'kubectl get ns -o name')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      'demo-admin@demo\nnamespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n',
    )
  })
})
