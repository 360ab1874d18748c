import { describe, expect, it } from 'vitest'
import {
  clusterNameProblem,
  findKubernetesVersion,
  parseTaint,
  poolsFromNodeCounts,
} from '@shared/aks-cluster-rules'

describe('shared workload cluster rules', () => {
  it('accepts the seed and WAC names, refuses others', () => {
    expect(clusterNameProblem('demo')).toBeNull()
    expect(clusterNameProblem('my-workload-cluster')).toBeNull()
    expect(clusterNameProblem('1demo')).toContain('start with a letter')
    expect(clusterNameProblem('de_mo')).toContain('is not valid')
  })

  it('parses taints key=value:Effect', () => {
    expect(parseTaint('sku=gpu:NoSchedule')).toEqual({ key: 'sku', value: 'gpu', effect: 'NoSchedule' })
    expect(parseTaint('node.kubernetes.io/os=Windows:NoSchedule')).toMatchObject({
      key: 'node.kubernetes.io/os',
    })
    expect(parseTaint('sku=gpu:Never')).toBeNull()
    expect(parseTaint('sku')).toBeNull()
  })

  it('finds versions with or without the v', () => {
    expect(findKubernetesVersion('1.20.7')?.version).toBe('v1.20.7')
    expect(findKubernetesVersion('v1.17.13')?.windows).toBe(false)
    expect(findKubernetesVersion('v1.21.0')).toBeUndefined()
  })

  it('turns -linuxNodeCount/-windowsNodeCount into <name>-linux and <name>-windows pools', () => {
    expect(poolsFromNodeCounts('demo', { linuxNodeCount: 2 }).map((p) => [p.name, p.count])).toEqual([
      ['demo-linux', 2],
    ])
    expect(
      poolsFromNodeCounts('demo', { linuxNodeCount: 1, windowsNodeCount: 1 }).map((p) => [p.name, p.osType]),
    ).toEqual([
      ['demo-linux', 'Linux'],
      ['demo-windows', 'Windows'],
    ])
  })
})
