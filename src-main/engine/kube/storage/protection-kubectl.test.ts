import { describe, expect, it } from 'vitest'
import { installedConsole } from '../../console/testkit'

// What kubectl shows of in-use protection: a Terminating claim in `get pvc`, its finalizer and
// deletion time in `-o yaml`, and the claim gone once its pod is gone (after its grace period).

describe('kubectl and a protected claim', () => {
  const c = installedConsole()
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 1')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait) c.session.resume()
  c.run('Get-AksHciCredential -name demo')
  c.run('kubectl apply -f demo1.yaml')
  c.lab.dispatch({ type: 'clock.advance', ms: 2 * 60_000 })

  it('kubectl delete pvc answers deleted; get pvc shows Terminating while demo1 runs', () => {
    expect(c.run('kubectl delete pvc myvolumeclaim')).toBe('persistentvolumeclaim "myvolumeclaim" deleted')
    const lines = c.run('kubectl get pvc').split('\n')
    expect(lines[0]).toMatch(/^NAME\s+STATUS\s+VOLUME/)
    expect(lines[1]).toMatch(/^myvolumeclaim\s+Terminating\s+pvc-[0-9a-f-]{36}\s+1Gi\s+RWO\s+default\s/)
    const yaml = c.run('kubectl get pvc myvolumeclaim -o yaml')
    expect(yaml).toContain('  deletionTimestamp: "')
    expect(yaml).toMatch(/ {2}finalizers:\n {2}- kubernetes.io\/pvc-protection/)
  })

  it('deleting demo1 lets the claim and its volume go once the pod has terminated', () => {
    expect(c.run('kubectl delete pod demo1')).toBe('pod "demo1" deleted')
    expect(c.run('kubectl get pod demo1')).toMatch(
      /^NAME\s+READY\s+STATUS.*\ndemo1\s+1\/1\s+Terminating\s+0\s/,
    )
    expect(c.run('kubectl get pvc')).toMatch(/myvolumeclaim\s+Terminating/)
    c.lab.dispatch({ type: 'clock.advance', ms: 30_000 })
    expect(c.run('kubectl get pvc')).toBe('No resources found in default namespace.')
    expect(c.run('kubectl get pv')).toBe('No resources found')
  })
})
