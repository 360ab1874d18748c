import { installedConsole } from '../testkit'

// The seeded story the kubectl goldens run on: a 2-Linux-node cluster, demo2 (a Deployment) and
// demo3 (a StatefulSet and its headless Service) applied, 5 virtual minutes later.

export function demoStory() {
  const c = installedConsole()
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 2')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name demo')
  c.run('kubectl apply -f demo2.yaml')
  c.run('kubectl apply -f demo3.yaml')
  c.lab.dispatch({ type: 'clock.advance', ms: 5 * 60_000 })
  return c
}
