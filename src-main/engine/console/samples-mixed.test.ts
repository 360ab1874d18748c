import { describe, expect, it } from 'vitest'
import { installedConsole } from './testkit'

// The walkthrough's samples on the cluster the wizard invites: Linux and Windows workers. The demo
// image is a Linux one, so every sample must keep its pods on Linux nodes, and demo2 (which shares
// demo1's claim) must land where demo1 holds it.

function mixedCluster(linux: number, windows: number) {
  const c = installedConsole()
  const started = c.session.run(
    `New-AksHciCluster -clusterName demo -linuxNodeCount ${linux} -windowsNodeCount ${windows}`,
  )
  c.lab.dispatch({ type: 'clock.advance', ms: 15 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name demo')
  const advance = (minutes: number) => c.lab.dispatch({ type: 'clock.advance', ms: minutes * 60_000 })
  /** NAME, STATUS and NODE of every pod in the default namespace. */
  const podRows = () =>
    c
      .run('kubectl get pod -o wide --no-headers')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, , status, , , , node] = line.split(/\s+/)
        return { name, status, node }
      })
  const nodesOf = (prefix: string) =>
    c
      .run('kubectl get nodes --no-headers')
      .split('\n')
      .map((l) => l.split(/\s+/)[0]!)
      .filter((n) => n.startsWith(prefix))
  return { ...c, advance, podRows, linuxNodes: nodesOf('moc-l'), windowsNodes: nodesOf('moc-w') }
}

describe('the samples on a cluster with a Windows worker', () => {
  it('pvc.yaml, demo1, demo2 scaled to 5, then demo3, in the blog’s order: every pod Running on Linux', () => {
    const c = mixedCluster(1, 1)
    expect(c.windowsNodes).toHaveLength(1)
    c.run('kubectl apply -f pvc.yaml')
    c.run('kubectl apply -f demo1.yaml')
    c.advance(5)
    expect(c.run('kubectl exec demo1 -- cat /storage/log.txt')).toContain('Running for 4 minutes.')
    c.run('kubectl apply -f demo2.yaml')
    c.advance(3)
    c.run('kubectl scale --replicas=5 deployment/demo2')
    c.advance(5)
    expect(c.run('kubectl apply -f demo3.yaml')).toBe('service/demo3 created\nstatefulset.apps/demo3 created')
    c.advance(10)
    const rows = c.podRows()
    expect(rows).toHaveLength(1 + 5 + 5)
    expect(rows.filter((r) => r.status !== 'Running')).toEqual([])
    expect(new Set(rows.map((r) => r.node))).toEqual(new Set(c.linuxNodes))
    expect(c.run('kubectl get statefulset demo3 --no-headers')).toMatch(/^demo3\s+5\/5\s/)
    // bigvolume, myvolumeclaim (demo1's, then demo2's) and demo3's five claims, all Bound.
    expect(
      c
        .run('kubectl get pvc --no-headers')
        .split('\n')
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual(Array(7).fill('Bound'))
  })

  it('with two Linux workers, demo2 joins demo1 on the node that holds their shared claim', () => {
    const c = mixedCluster(2, 1)
    c.run('kubectl apply -f demo1.yaml')
    c.advance(5)
    c.run('kubectl apply -f demo2.yaml')
    c.run('kubectl scale --replicas=5 deployment/demo2')
    c.advance(5)
    const rows = c.podRows()
    expect(rows.filter((r) => r.status !== 'Running')).toEqual([])
    expect(new Set(rows.map((r) => r.node)).size).toBe(1)
    expect(c.run('kubectl get events --field-selector reason=FailedAttachVolume')).toBe(
      'No resources found in default namespace.',
    )
  })

  it('demo2.yaml’s advice for a log of its own: delete demo1, wait for the claim to go, then apply', () => {
    const c = mixedCluster(1, 1)
    c.run('kubectl apply -f demo1.yaml')
    c.advance(5)
    expect(c.run('kubectl delete -f demo1.yaml')).toBe(
      'persistentvolumeclaim "myvolumeclaim" deleted\npod "demo1" deleted',
    )
    c.advance(1)
    expect(c.run('kubectl get pvc')).toBe('No resources found in default namespace.')
    c.run('kubectl apply -f demo2.yaml')
    c.advance(3)
    expect(c.podRows().map((r) => r.status)).toEqual(['Running'])
    const log = c.run(`kubectl exec ${c.podRows()[0]!.name} -- cat /storage/log.txt`).split('\n')
    expect(log.length).toBeGreaterThan(0)
    expect(log.every((l) => l.includes('Running for'))).toBe(true)
    expect(log[0]).toContain('Running for 0 minutes.')
  })

  it('each sample says why it pins Linux, and demo2.yaml what to do about demo1’s claim', () => {
    const c = mixedCluster(1, 0)
    for (const name of ['demo1.yaml', 'demo2.yaml', 'demo3.yaml']) {
      const text = c.run(`Get-Content ${name}`)
      expect(text).toContain('kubernetes.io/os: linux')
      expect(text).toMatch(/# .*Linux/)
    }
    const demo2 = c.run('Get-Content demo2.yaml')
    expect(demo2).toContain('`kubectl delete -f demo1.yaml`')
    expect(demo2).toContain('Multi-Attach')
  })
})
