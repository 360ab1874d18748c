/// <reference lib="dom" />
// Browser-side callbacks (page.evaluate) run in Chromium and use the DOM.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runLine, shotBothThemes, startWebSession, terminalText, type WebSession } from './web-e2e'

// Creating a workload cluster end to end in Chromium against the built web host: the AKS host is
// installed from the PowerShell tool (the README's one-liner at Max speed), then the Create
// Kubernetes cluster wizard makes `demo` with one Linux and one Windows worker; the cluster page
// lists its three Ready nodes, and kubectl in the PowerShell tool prints the same nodes.
// Screenshots of each page, light and dark, go to /tmp/cluster-<page>-<theme>.png; CLUSTER_SHOTS=1
// also refreshes docs/screenshot-cluster.png.

const INSTALL =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250; ' +
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config; ' +
  'Install-AksHci'

describe('Create Kubernetes cluster in Chromium against the web host', () => {
  let s: WebSession
  const page = () => s.page
  const next = () => s.page.getByTestId('cluster-next')
  const shot = (name: string) => shotBothThemes(s.page, `/tmp/cluster-${name}`)
  let nodeNames: string[] = []

  beforeAll(async () => {
    s = await startWebSession('hci-lab-cluster-e2e-')
  })
  afterAll(async () => {
    await s?.close()
  })

  it('installs the AKS host from the PowerShell tool at Max speed', async () => {
    await s.open('/powershell')
    const terminal = page().getByTestId('terminal')
    await terminal.locator('.xterm-rows').waitFor()
    await expect.poll(() => terminalText(page())).toMatch(/PS .*>/)
    await page().getByRole('button', { name: 'Max' }).click()
    await runLine(page(), INSTALL, 110_000)
    await s.open('/aks')
    await page().getByTestId('aks-dashboard').waitFor()
    expect(await page().getByTestId('aks-clusters-table').innerText()).toContain('No Kubernetes clusters yet')
  })

  it('walks the wizard: 1 Linux + 1 Windows worker, the equivalent PowerShell, Create', async () => {
    await page().getByTestId('aks-add-cluster').click()
    await page().getByTestId('cluster-wizard').waitFor()
    await page().getByTestId('cluster-name').fill('Demo_1')
    await expect.poll(() => page().getByTestId('cluster-name-error').innerText()).toContain('lowercase')
    expect(await next().isEnabled()).toBe(false)
    await page().getByTestId('cluster-name').fill('demo')
    await shot('1-basics')
    await next().click()
    await page().getByTestId('cluster-add-windows').click()
    await expect
      .poll(() => page().locator('[data-testid="cluster-pool-1"] [data-testid="pool-name"]').inputValue())
      .toBe('windowspool1')
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot('2-node-pools')
    await next().click()
    await expect.poll(() => page().getByTestId('cluster-vips').innerText()).toContain('free')
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot('3-networking')
    await next().click()
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await next().click()
    const code = page().getByTestId('powershell-code')
    await expect.poll(() => code.innerText()).toContain('New-AksHciCluster -name demo')
    expect(await code.innerText()).toContain(
      'New-AksHciNodePool -clusterName demo -name windowspool1 -count 1 -osType Windows',
    )
    await expect.poll(() => page().getByTestId('cluster-create').isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot('4-review')
    await page().getByTestId('cluster-create').click()
    await page().getByTestId('cluster-progress').waitFor()
    await expect
      .poll(() => page().locator('[data-testid="cluster-progress-vms"] tbody tr').count())
      .toBeGreaterThan(1)
    await shot('5-progress')
    await page().getByTestId('cluster-provisioned').waitFor({ timeout: 110_000 })
    await page().getByRole('button', { name: 'Pause the virtual clock' }).click()
    expect(await page().getByTestId('cluster-next-steps').innerText()).toContain(
      'Get-AksHciCredential -name demo',
    )
    await shot('6-done')
  })

  it('lists the cluster and shows its three Ready nodes, VMs, pools and pods', async () => {
    await page().getByTestId('cluster-finish').click()
    const row = page().locator('[data-testid="aks-clusters-table"] tbody tr', { hasText: 'demo' })
    await row.waitFor()
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim())
    expect(cells.slice(0, 3)).toEqual(['demo', 'Provisioned', expect.stringMatching(/^v1\.\d+\.\d+$/)])
    expect(cells.slice(4, 7)).toEqual(['1', '1', '1'])
    await row.scrollIntoViewIfNeeded()
    await shot('7-list')
    await row.click()
    await page().getByTestId('cluster-page').waitFor()
    expect(await page().getByTestId('cluster-props').innerText()).toMatch(/https:\/\/192\.168\.0\.\d+:6443/)
    await shot('8-overview')
    await page().getByRole('tab', { name: 'Nodes' }).click()
    const nodeRows = page().locator('[data-testid="cluster-nodes-table"] tbody tr')
    await expect.poll(() => nodeRows.count()).toBe(3)
    const nodes = await nodeRows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
    )
    nodeNames = nodes.map((n) => n[0]!)
    expect(nodes.map((n) => n[1])).toEqual(['Ready', 'Ready', 'Ready'])
    expect(nodeNames.filter((n) => /^moc-l/.test(n))).toHaveLength(1)
    expect(nodeNames.filter((n) => /^moc-w/.test(n))).toHaveLength(1)
    expect(nodes.filter((n) => /control-plane|master/.test(n[2]!))).toHaveLength(1)
    await shot('9-nodes')
    if (process.env.CLUSTER_SHOTS === '1')
      await page().screenshot({ path: join(ROOT, 'docs/screenshot-cluster.png') })
    await page().getByRole('tab', { name: 'Virtual machines' }).click()
    await expect
      .poll(() => page().locator('[data-testid="cluster-vms-table"] tbody tr').count())
      .toBeGreaterThanOrEqual(4)
    await shot('10-vms')
    await page().getByRole('tab', { name: 'Node pools' }).click()
    expect(await page().getByTestId('cluster-pools-table').innerText()).toContain('windowspool1')
    await page().getByRole('tab', { name: 'Pods' }).click()
    await expect.poll(() => page().getByTestId('cluster-pods-table').innerText()).toContain('kube-system')
    await shot('11-pods')
  })

  it('reads the same nodes with kubectl in the PowerShell tool', async () => {
    await s.open('/powershell')
    await expect.poll(() => terminalText(page())).toMatch(/PS .*>/)
    await runLine(page(), 'Get-AksHciCredential -name demo')
    const text = await runLine(page(), 'kubectl get nodes')
    expect(text).toMatch(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/)
    for (const name of nodeNames) expect(text).toContain(name)
    await shot('12-kubectl')
    expect(s.errors).toEqual([])
  })
})
