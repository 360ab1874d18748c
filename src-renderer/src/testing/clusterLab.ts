import type { Lab } from '../../../src-main/engine/lab'
import { installedAks } from './aksLab'

// A workload cluster created as the wizard creates it, the clock run until it is provisioned.

export function provisionedCluster(lab: Lab, name = 'demo', windows = true) {
  installedAks(lab)
  const reply = lab.dispatch({
    type: 'aks.cluster.create',
    name,
    nodePools: [
      { name: 'linuxpool1', osType: 'Linux' },
      ...(windows ? [{ name: 'windowspool1', osType: 'Windows' }] : []),
    ],
  })
  if (!reply.ok) throw new Error(reply.error.message)
  for (let i = 0; i < 240; i++) {
    const c = Object.values(lab.state.aksClusters).find((x) => x.name === name)
    if (c?.phase === 'Provisioned') return c
    lab.dispatch({ type: 'clock.advance', ms: 30_000 })
  }
  throw new Error('The cluster was not provisioned')
}

/** Runs the virtual clock until check() holds (a minute at a time, up to an hour). */
export function advanceUntil(lab: Lab, check: () => boolean, what: string): void {
  for (let i = 0; i < 60 && !check(); i++) lab.dispatch({ type: 'clock.advance', ms: 60_000 })
  if (!check()) throw new Error(`Timed out waiting for ${what}`)
}
export { retainedClaim } from '../../../src-main/engine/aks/cluster-testkit'
