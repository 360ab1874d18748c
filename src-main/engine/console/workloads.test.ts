import { describe, expect, it } from 'vitest'
import { installedConsole } from './testkit'

// The storage walkthrough (seed 002) through the console on a provisioned 2-Linux-node cluster:
// apply the home folder's manifests, read the volumes, scale out. Checks the shape of each answer;
// the storage engine's exact names and times are its own tests' business.

function story() {
  const c = installedConsole()
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 2')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name demo')
  const advance = (minutes: number) => c.lab.dispatch({ type: 'clock.advance', ms: minutes * 60_000 })
  return { ...c, advance }
}

describe('the walkthrough through kubectl', () => {
  it('pvc.yaml: a claim, then its volume from the default class', () => {
    const { run, advance } = story()
    expect(run('kubectl apply -f pvc.yaml')).toBe('persistentvolumeclaim/bigvolume created')
    advance(1)
    expect(run('kubectl get sc')).toMatch(/^NAME\s+PROVISIONER.*\ndefault \(default\)\s+/)
    expect(run('kubectl get pvc')).toMatch(/bigvolume\s+Bound\s+pvc-[0-9a-f-]+\s+100Gi\s+RWO\s+default/)
    expect(run('kubectl get pv')).toMatch(
      /pvc-[0-9a-f-]+\s+100Gi\s+RWO\s+Delete\s+Bound\s+default\/bigvolume\s+default/,
    )
    expect(run('kubectl apply -f pvc.yaml')).toBe('persistentvolumeclaim/bigvolume unchanged')
    expect(run('kubectl create -f pvc.yaml')).toContain('(AlreadyExists)')
  })

  it('demo1.yaml: the pod writes /storage/log.txt once a minute', () => {
    const { run, advance } = story()
    expect(run('kubectl apply -f demo1.yaml')).toBe(
      'persistentvolumeclaim/myvolumeclaim created\npod/demo1 created',
    )
    advance(5)
    expect(run('kubectl get pod demo1')).toMatch(/demo1\s+1\/1\s+Running\s+0/)
    const log = run('kubectl exec demo1 -- cat ../storage/log.txt').split('\n')
    expect(log.length).toBeGreaterThanOrEqual(4)
    expect(log[0]).toMatch(
      /^\[\d\d:\d\d:00 [AP]M\] Hello from container [0-9a-f]{8}\.\.\.[0-9a-f]{8}! Running for 0 minutes\.$/,
    )
    expect(run('kubectl exec demo1 -- cat /storage/none')).toContain('command terminated with exit code 1')
    expect(run('kubectl delete -f demo1.yaml')).toBe(
      'persistentvolumeclaim "myvolumeclaim" deleted\npod "demo1" deleted',
    )
  })

  it('demo2.yaml scaled 1 → 5; demo3.yaml: a stateful set with a claim per pod', () => {
    const { run, advance } = story()
    run('kubectl apply -f demo2.yaml')
    advance(3)
    expect(run('kubectl scale --replicas=5 deployment/demo2')).toBe('deployment.apps/demo2 scaled')
    advance(5)
    // The seed keeps all five on one node; until the scheduler honours demo2's pod affinity, the
    // replicas on the other node wait on the ReadWriteOnce volume (Multi-Attach), so only count them.
    expect(run('kubectl get pod -l mylabel=demo2 -o name').split('\n')).toHaveLength(5)
    expect(run('kubectl get deploy demo2')).toMatch(/demo2\s+\d\/5\s+5\s+/)
    run('kubectl apply -f demo3.yaml')
    advance(10)
    // The engine has no StatefulSet controller yet: the set exists, its pods and claims do not.
    expect(run('kubectl get statefulset')).toMatch(/^NAME\s+READY\s+AGE\ndemo3\s+\d\/5\s+/)
    expect(run('kubectl get svc demo3')).toMatch(/demo3\s+ClusterIP\s+None\s+<none>/)
  })
})
