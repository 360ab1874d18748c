import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hciLabIn, INSTALL_AKS_HOST, ROOT } from './cli-kit'

// The storage walkthrough's first step from a script: a real pvc.yaml path for kubectl apply, the
// claim Bound a virtual minute later, and its VHDX on the cluster shared volume.

let dir: string

const hciLab = hciLabIn(() => dir)

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hci-cli-workloads-'))
  expect(hciLab('new', 'storage.hcilab').code).toBe(0)
  expect(hciLab('run', 'storage.hcilab', INSTALL_AKS_HOST).code).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('hci-lab run: a persistent volume claim from pvc.yaml', () => {
  it('binds bigvolume to a 100Gi PV and writes a VHDX on Volume01', () => {
    const r = hciLab(
      'run',
      'storage.hcilab',
      'New-AksHciCluster -name demo -linuxNodeCount 2',
      'Get-AksHciCredential -name demo',
      `kubectl apply -f ${join(ROOT, 'resources/manifests/pvc.yaml')}`,
      'kubectl get pvc',
      'sim advance 1m',
      'kubectl get pv',
      'kubectl get pvc',
    )
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('persistentvolumeclaim/bigvolume created')
    expect(r.stdout).toMatch(/^bigvolume +Pending +/m)
    expect(r.stdout).toMatch(/^pvc-[0-9a-f-]{36} +100Gi +RWO +Delete +Bound +default\/bigvolume +default +/m)
    expect(r.stdout).toMatch(/^bigvolume +Bound +pvc-[0-9a-f-]{36} +100Gi +RWO +default +/m)
  })

  it("lists the claim's VHDX under C:\\ClusterStorage\\Volume01", () => {
    const r = hciLab('run', 'storage.hcilab', 'Get-ChildItem C:\\ClusterStorage\\Volume01 -Recurse')
    expect(r.code).toBe(0)
    // The default class makes the VHDX dynamic: as in Windows, its Length is what it takes on the
    // volume (4 MiB of metadata so far), not the 100 GiB the claim asked for.
    expect(r.stdout).toMatch(/ 4194304 [0-9a-f-]{36}\.vhdx$/m)
    expect(r.stdout).not.toMatch(/ 107374182400 [0-9a-f-]{36}\.vhdx$/m)
  })
})
