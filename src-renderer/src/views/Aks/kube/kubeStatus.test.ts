import { describe, expect, it } from 'vitest'
import type { KubeObject } from '@shared/contract'
import { readyStatus, textStatus } from './kubeStatus'

describe('Kubernetes status icons', () => {
  it('reads kubectl STATUS words: Terminating is work in progress, as ContainerCreating is', () => {
    expect(textStatus('Running')).toBe('success')
    expect(textStatus('Terminating')).toBe('progress')
    expect(textStatus('ContainerCreating')).toBe('progress')
    expect(textStatus('Pending')).toBe('warning')
    expect(textStatus('CrashLoopBackOff')).toBe('error')
    expect(textStatus('Init:1/2')).toBe('progress')
    expect(textStatus('Init:CrashLoopBackOff')).toBe('error')
    expect(textStatus('Completed')).toBe('success')
  })

  it('shows a workload being deleted as in progress, whatever its ready count', () => {
    const deployment = (deletionTimestamp?: string): KubeObject =>
      ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'demo2',
          namespace: 'default',
          ...(deletionTimestamp ? { deletionTimestamp } : {}),
        },
        spec: { replicas: 2 },
        status: { readyReplicas: 2 },
      }) as unknown as KubeObject
    expect(readyStatus(deployment())).toBe('success')
    expect(readyStatus(deployment('2020-09-22T10:00:00Z'))).toBe('progress')
  })
})
