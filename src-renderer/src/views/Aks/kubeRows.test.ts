import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { nodeRow } from './kubeRows'

const node = (extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'moc-lpadxe3qksy',
    uid: 'u',
    resourceVersion: '1',
    creationTimestamp: '2020-09-22T09:00:00Z',
    labels: {
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/master': '',
    },
  },
  status: {
    conditions: [{ type: 'Ready', status: 'True' }],
    nodeInfo: { kubeletVersion: 'v1.20.7', osImage: 'CBL-Mariner/Linux' },
    addresses: [{ type: 'InternalIP', address: '192.168.0.103' }],
  },
  ...extra,
})

describe('the cluster page’s node rows', () => {
  it('read as kubectl get nodes -o wide prints them', () => {
    const row = nodeRow(node(), Date.UTC(2020, 8, 22, 9, 3, 20))
    expect(row).toMatchObject({
      status: 'Ready',
      roles: 'control-plane,master',
      age: '3m20s',
      version: 'v1.20.7',
      internalIp: '192.168.0.103',
    })
    expect(nodeRow(node(), Date.UTC(2020, 8, 23, 12, 0, 0)).age).toBe('27h')
  })

  it('is NotReady until the Ready condition is True', () => {
    const row = nodeRow(node({ status: { conditions: [{ type: 'Ready', status: 'False' }] } }), 0)
    expect(row.status).toBe('NotReady')
  })
})
