import { describe, expect, it } from 'vitest'
import { demoStory } from './story'

// kubectl drain: cordon, then evict what the filters allow, in kubectl's words. The demo story's
// workers carry DaemonSet pods (kube-proxy, flannel, the CSI node plugin) and, after demo1.yaml, a
// pod no controller owns.

function worker(c: ReturnType<typeof demoStory>, pod: string): string {
  return c.run(`kubectl get pod ${pod} -o jsonpath='{.spec.nodeName}'`).trim()
}

describe('kubectl drain', () => {
  it('stops at DaemonSet pods and bare pods with kubectl’s words, and leaves the node cordoned', () => {
    const c = demoStory()
    const node = worker(c, 'demo3-0')
    const r = c.session.run(`kubectl drain ${node}`)
    expect(r.error).toBeDefined()
    const lines = r.output.split('\n')
    expect(lines[0]).toBe(`node/${node} cordoned`)
    expect(lines[1]).toMatch(
      new RegExp(
        `^error: unable to drain node "${node}" due to error: cannot delete DaemonSet-managed Pods \\(use --ignore-daemonsets to ignore\\): kube-system/\\S+(, kube-system/\\S+)*, continuing command\\.\\.\\.$`,
      ),
    )
    expect(lines.slice(2, 4)).toEqual(['There are pending nodes to be drained:', ` ${node}`])
    expect(c.run('kubectl get nodes')).toMatch(new RegExp(`${node}\\s+Ready,SchedulingDisabled`))
    expect(c.run('kubectl get pod demo3-0')).toMatch(/Running/)
  })

  it('with --ignore-daemonsets evicts the rest; the StatefulSet brings its pod back elsewhere', () => {
    const c = demoStory()
    const node = worker(c, 'demo3-0')
    const out = c.run(`kubectl drain ${node} --ignore-daemonsets`).split('\n')
    expect(out[0]).toBe(`node/${node} cordoned`)
    expect(out[1]).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\//)
    expect(out).toContain('evicting pod default/demo3-0')
    expect(out).toContain('pod/demo3-0 evicted')
    expect(out.at(-1)).toBe(`node/${node} drained`)
    expect(c.run('kubectl get pod demo3-0')).toMatch(/Terminating/)
    c.lab.dispatch({ type: 'clock.advance', ms: 3 * 60_000 })
    // Back, on the other worker: nothing new lands on the drained node.
    expect(worker(c, 'demo3-0')).not.toBe(node)
    expect(c.run('kubectl get pod demo3-0')).toMatch(/Running/)
  })

  it('asks for --force for a pod no controller owns', () => {
    const c = demoStory()
    c.run('kubectl run bare --image=nginx')
    c.lab.dispatch({ type: 'clock.advance', ms: 60_000 })
    const node = worker(c, 'bare')
    const r = c.session.run(`kubectl drain ${node} --ignore-daemonsets`)
    expect(r.output).toContain(
      'cannot delete cannot delete Pods that declare no controller (use --force to override): default/bare',
    )
    const forced = c.run(`kubectl drain ${node} --ignore-daemonsets --force`)
    expect(forced).toContain(`node/${node} already cordoned`)
    // One warning line, its parts joined as kubectl joins them.
    expect(forced).toMatch(
      /^Warning: deleting Pods that declare no controller: default\/bare; ignoring DaemonSet-managed Pods: kube-system\//m,
    )
    expect(forced).toContain('pod/bare evicted')
  })
})
