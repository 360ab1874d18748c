import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'

// Running the hci-lab command as a user does (node bin/hci-lab.js, after npm run build).

export const ROOT = resolve(import.meta.dirname, '../..')

/** The README's AKS host install one-liner. */
export const INSTALL_AKS_HOST =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250; ' +
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config; ' +
  'Install-AksHci'

/** Runs `hci-lab ARGS…` in the folder `cwd()` names at call time. */
export function hciLabIn(cwd: () => string) {
  return (...args: string[]) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/hci-lab.js'), ...args], {
      cwd: cwd(),
      encoding: 'utf8',
      timeout: 60_000,
    })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  }
}
