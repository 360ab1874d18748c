import { describe, expect, it } from 'vitest'
import { installedConsole, text } from '../testkit'
import { demoStory } from './story'

// What kubectl 1.32 shows of objects a 1.17–1.20 API server stored: pods (not templates) with a
// service account and their priority class's priority; Services with the address fields of the
// server's version (clusterIPs from 1.20, no ipFamilies before 1.21: IP Families <none>).

function clusterOf(version: string) {
  const c = installedConsole()
  const started = c.session.run(
    `New-AksHciCluster -clusterName old -linuxNodeCount 1 -kubernetesVersion ${version}`,
  )
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name old')
  return c
}

describe('admission on pods, address fields on services', () => {
  it('coredns: the priority of system-cluster-critical, the default service account', () => {
    const { run } = demoStory()
    const head = run('kubectl describe pod -n kube-system -l k8s-app=kube-dns').split('\n').slice(2, 5)
    expect(head).toEqual([
      'Priority:             2000000000',
      'Priority Class Name:  system-cluster-critical',
      'Service Account:      default',
    ])
    expect(run("kubectl get pod demo3-1 -o jsonpath='{.spec.serviceAccount}/{.spec.priority}'")).toBe(
      'default/0',
    )
    expect(run("kubectl get deploy demo2 -o jsonpath='{.spec.template.spec.serviceAccountName}'")).toBe('')
  })

  it('a 1.18 server stores no clusterIPs: IPs <none>', () => {
    const { run } = clusterOf('v1.18.8')
    expect(run('kubectl describe svc kubernetes').split('\n').slice(6, 10)).toEqual(
      text(
        'Type:              ClusterIP',
        'IP Families:       <none>',
        'IP:                10.96.0.1',
        'IPs:               <none>',
      ).split('\n'),
    )
  })
})
