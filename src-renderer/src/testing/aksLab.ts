import { AKS_INSTALL_MS } from '@shared/aks-assumptions'
import type { Lab } from '../../../src-main/engine/lab'

// An AKS host set up the way the wizard's DHCP path does it, for the tests of the pages after it.

export function configureAks(lab: Lab): void {
  const steps = [
    {
      type: 'aks.configure',
      imageDir: 'C:\\ClusterStorage\\Volume01\\images',
      workingDir: 'C:\\ClusterStorage\\Volume01\\WorkingDir',
      cloudConfigLocation: 'C:\\ClusterStorage\\Volume01\\Config',
      vnet: {
        name: 'mgmtvnet',
        vswitchName: 'ConvergedSwitch',
        ipAllocation: 'DHCP',
        vipPoolStart: '192.168.0.200',
        vipPoolEnd: '192.168.0.220',
      },
    },
    {
      type: 'aks.register',
      subscriptionId: '11111111-2222-4333-8444-555555555555',
      resourceGroupName: 'aks-hci-rg',
      region: 'eastus',
    },
  ]
  for (const command of steps) {
    const reply = lab.dispatch(command)
    if (!reply.ok) throw new Error(reply.error.message)
  }
}

/** Configures, installs and runs the clock past the install's end. */
export function installedAks(lab: Lab): void {
  configureAks(lab)
  const reply = lab.dispatch({ type: 'aks.install' })
  if (!reply.ok) throw new Error(reply.error.message)
  lab.dispatch({ type: 'clock.advance', ms: AKS_INSTALL_MS + 60_000 })
  if (lab.state.aks.phase !== 'Installed') throw new Error(`AKS is ${lab.state.aks.phase}`)
}
