import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hciLabIn, INSTALL_AKS_HOST } from './cli-kit'

// A workload cluster from a script: `hci-lab run` blocks on New-AksHciCluster by moving the virtual
// clock until the cluster is provisioned, so the next lines see it ready; kubectl then reads it.

let dir: string

const hciLab = hciLabIn(() => dir)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-cluster-'))
  expect(hciLab('new', 'k8s.hcilab').code).toBe(0)
  expect(hciLab('run', 'k8s.hcilab', INSTALL_AKS_HOST).code).toBe(0)
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
    expect(r.stdout).toContain('100% Kubernetes cluster demo is provisioned')
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
