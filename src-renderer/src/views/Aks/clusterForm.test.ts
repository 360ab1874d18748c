import { describe, expect, it } from 'vitest'
import type { AksCluster } from '@shared/aks-cluster'
import { installedConsole } from '../../../../src-main/engine/console/testkit'
import { createCommand, newClusterForm, newPool, powerShellOf } from './clusterForm'

// "Equivalent PowerShell" means it: the wizard's script run in the console makes the cluster the
// wizard's aks.cluster.create makes.

const spec = (c: AksCluster) => ({
  name: c.name,
  kubernetesVersion: c.kubernetesVersion,
  controlPlaneNodeCount: c.controlPlaneNodeCount,
  controlPlaneVmSize: c.controlPlaneVmSize,
  loadBalancerVmSize: c.loadBalancerVmSize,
  primaryNetworkPlugin: c.primaryNetworkPlugin,
  enableArc: c.enableArc,
  nodePools: c.nodePools.map(({ name, osType, vmSize, count, maxPods, taints }) => ({
    name,
    osType,
    vmSize,
    count,
    maxPods,
    taints,
  })),
})

describe("the Create Kubernetes cluster wizard's PowerShell", () => {
  it.each([
    ['node pools', 'v1.19.9', 'linuxpool1', 'windowspool1'],
    ['-linuxNodeCount/-windowsNodeCount', 'v1.20.7', 'demo-linux', 'demo-windows'],
  ])(
    "makes the same cluster in the console as the wizard's command (%s)",
    (_set, version, linuxName, winName) => {
      const form = newClusterForm(version)
      form.name = 'demo'
      form.primaryNetworkPlugin = 'calico'
      form.pools[0]!.name = linuxName
      form.pools[0]!.count = 2
      const win = newPool(form.pools, 'Windows')
      win.name = winName
      win.vmSize = 'Standard_D4s_v3'
      form.pools.push(win)
      if (linuxName === 'demo-linux') expect(powerShellOf(form)[0]).toContain('-linuxNodeCount 2')
      else {
        form.pools[0]!.maxPods = 60
        form.pools[0]!.taints = 'sku=gpu:NoSchedule'
        expect(powerShellOf(form)[1]).toContain('New-AksHciNodePool')
      }

      const byCommand = installedConsole()
      const reply = byCommand.lab.dispatch(createCommand(form))
      expect(reply.ok).toBe(true)

      const byScript = installedConsole()
      for (const line of powerShellOf(form)) {
        const started = byScript.session.run(line)
        if (started.wait) {
          byScript.lab.dispatch({ type: 'clock.advance', ms: 30 * 60_000 })
          byScript.session.progress()
          const done = byScript.session.resume()
          expect(done.error, done.output).toBeUndefined()
        } else expect(started.error, started.output).toBeUndefined()
      }
      const [a] = Object.values(byCommand.lab.state.aksClusters)
      const [b] = Object.values(byScript.lab.state.aksClusters)
      expect(spec(b!)).toEqual(spec(a!))
      expect(b!.parameterSet).toBe(a!.parameterSet)
    },
  )
})
