import { DEFAULT_HARDWARE } from '../hci/build'
import { Lab } from '../lab'
import { ConsoleSession } from './session'

// Test helper: a console on a fresh lab (the default 2-server lab, or more servers).

export function newConsole(
  servers = 2,
  width?: number,
  files: Record<string, string> = {},
  interactive = false,
) {
  const lab = Lab.create({ name: 'Test', seed: 1, hardware: { ...DEFAULT_HARDWARE, servers } })
  const session = new ConsoleSession(
    { state: () => lab.state, dispatch: (c) => lab.dispatch(c), readFile: (path) => files[path] ?? null },
    { color: false, interactive, ...(width ? { width } : {}) },
  )
  return { lab, session, run: (line: string) => session.run(line).output }
}

/** The app's console: it asks for missing mandatory parameters and -Confirm's answers. */
export const interactiveConsole = () => newConsole(2, undefined, {}, true)

/** Lines joined as the console joins them: makes blank lines visible in expectations. */
export const text = (...lines: string[]) => lines.join('\n')

/** The documented PowerShell flow (aks-hci-facts.md §1.3) on the default lab. */
export const VNET =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250'
export const CONFIG =
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config'
export const FLOW = `${VNET}; ${CONFIG}; Install-AksHci`

/** A console whose lab went through the documented flow and an hour of virtual time. */
export function installedConsole(servers = 2, files: Record<string, string> = {}) {
  const c = newConsole(servers, undefined, files)
  const started = c.session.run(FLOW)
  if (!started.wait) throw new Error(`Install-AksHci did not start: ${started.output}`)
  c.lab.dispatch({ type: 'clock.advance', ms: 3_600_000 })
  c.session.progress()
  const done = c.session.resume()
  if (done.error !== undefined) throw new Error(done.output)
  return c
}

/** An installed console with a one-node workload cluster `demo` as kubectl's current context. */
export function clusterConsole(files: Record<string, string> = {}) {
  const c = installedConsole(2, files)
  const started = c.session.run('New-AksHciCluster -clusterName demo -linuxNodeCount 1')
  c.lab.dispatch({ type: 'clock.advance', ms: 12 * 60_000 })
  c.session.progress()
  if (started.wait && c.session.resume().error !== undefined) throw new Error('cluster failed')
  c.run('Get-AksHciCredential -name demo')
  return c
}
