import { describe, expect, it } from 'vitest'
import { clusterSpecSchema } from '@shared/aks-cluster'
import { createCommand, withCluster } from './cluster-testkit'
import { installed, newLab, ok } from './testkit'

const pool = (over: object = {}) => ({
  name: 'pool1',
  osType: 'Linux',
  vmSize: 'Standard_K8S3_v1',
  count: 1,
  maxPods: 110,
  taints: [],
  ...over,
})
const spec = (over: object = {}) => ({
  type: 'aks.cluster.create',
  ...clusterSpecSchema.parse({ name: 'demo', nodePools: [pool()], ...over }),
})

describe('New-AksHciCluster refusals: a clear error, nothing created', () => {
  it('refuses before the AKS host is installed', () => {
    const lab = newLab()
    const r = lab.dispatch(createCommand('demo'))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('AksHci is not installed')
  })

  const cases: [string, object, string][] = [
    ['uppercase name', { name: 'Demo' }, "The cluster name 'Demo' is not valid"],
    ['name with a space', { name: 'my cluster' }, 'is not valid'],
    ['name ending in a hyphen', { name: 'demo-' }, 'end with a letter or a digit'],
    ['empty name', { name: '' }, 'cannot be empty'],
    ['long name', { name: 'a'.repeat(41) }, 'at most 40 characters'],
    ['unknown version', { kubernetesVersion: 'v1.99.0' }, "Kubernetes version 'v1.99.0' is not available"],
    ['two control planes', { controlPlaneNodeCount: 2 }, 'use 1, 3 or 5'],
    [
      'unknown control plane size',
      { controlPlaneVmSize: 'Standard_X1' },
      "The VM size 'Standard_X1' is not supported",
    ],
    ['unknown worker size', { nodePools: [pool({ vmSize: 'Big' })] }, "The VM size 'Big' is not supported"],
    ['negative count', { nodePools: [pool({ count: -1 })] }, 'The node count -1 is out of range'],
    ['count above the limit', { nodePools: [pool({ count: 101 })] }, 'from 0 to 100'],
    ['max pods below 50', { nodePools: [pool({ maxPods: 30 })] }, 'must be from 50 to 250'],
    ['bad taint', { nodePools: [pool({ taints: ['sku:gpu'] })] }, "The taint 'sku:gpu' is not valid"],
    ['duplicate pool', { nodePools: [pool(), pool()] }, "'pool1' is used twice"],
    [
      'Windows on a Linux-only version',
      { kubernetesVersion: 'v1.17.13', nodePools: [pool({ osType: 'Windows' })] },
      'Kubernetes version v1.17.13 does not support Windows nodes',
    ],
  ]
  for (const [what, over, message] of cases)
    it(`refuses ${what}`, () => {
      const lab = installed()
      const hash = lab.hash()
      const r = lab.dispatch(spec(over))
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toContain(message)
      expect(lab.hash()).toBe(hash)
    })

  it('refuses a duplicate cluster name', () => {
    const lab = withCluster('demo')
    const r = lab.dispatch(createCommand('demo'))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe("A workload cluster with the name 'demo' already exists.")
  })

  it('fails with OutOfCapacity when a VM fits on no server, and creates nothing', () => {
    const lab = installed()
    const hash = lab.hash()
    const r = lab.dispatch(spec({ nodePools: [pool({ vmSize: 'Standard_D8s_v3', count: 4 })] }))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('OutOfCapacity')
      expect(r.error.message).toMatch(
        /^Unable to find a Node that satisfies the input requirement\. Total Nodes \[2\]: OutOfCapacity\. /,
      )
      // Which VMs, their size, and each server's memory after the reserve and the VMs placed first.
      expect(r.error.message).toContain('fit on no server: 2 pool1 workers (Standard_D8s_v3, 32 GiB each)')
      expect(r.error.message).toMatch(/host reserve − [\d.]+ GiB for VMs\)/)
    }
    expect(lab.hash()).toBe(hash)
    expect(lab.state.aksClusters).toEqual({})
  })

  it('accepts the version without Windows support for a Linux-only cluster', () => {
    const lab = installed()
    ok(lab, spec({ kubernetesVersion: '1.17.13' }))
    expect(Object.values(lab.state.aksClusters)[0]!.kubernetesVersion).toBe('v1.17.13')
  })
})
