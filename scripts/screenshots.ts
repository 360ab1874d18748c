// `npx tsx scripts/screenshots.ts` (after `npm run build`): refreshes the README's pictures of the
// Kubernetes views and a volume in Chromium against the built web host. From the PowerShell tool at
// Max speed: the AKS host, cluster demo with two Linux workers, pvc.yaml, demo1.yaml (its pod then
// deleted, so demo2 can attach the claim), demo2.yaml scaled to 5, demo3.yaml; then, clock paused:
// docs/screenshot-workloads.png (deployment demo2's detail pane), -cluster.png (a demo2 pod deleted
// from the UI, Terminating), -storage.png (the claims) and -volumes.png (Volume01's capacity
// changes). CLUSTER_SHOTS=1 and WORKLOADS_SHOTS=1 in the e2e write simpler pictures of the same
// names; AKS_SHOTS=1 in tests/e2e/aks-ui.test.ts writes docs/screenshot-aks.png.
import { join } from 'node:path'
import { ROOT, runLine, startWebSession, terminalText } from '../tests/e2e/web-e2e'

const INSTALL =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250; ' +
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config; ' +
  'Install-AksHci'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const s = await startWebSession('hci-lab-shots-')
  const page = s.page
  const shot = (name: string) => page.screenshot({ path: join(ROOT, `docs/screenshot-${name}.png`) })
  try {
    await s.open('/powershell')
    await page.getByTestId('terminal').locator('.xterm-rows').waitFor()
    while (!/PS .*>/.test(await terminalText(page))) await sleep(200)
    await page.getByRole('button', { name: 'Max' }).click()
    await runLine(page, INSTALL, 180_000)
    await runLine(page, 'New-AksHciCluster -name demo -linuxNodeCount 2', 180_000)
    await runLine(page, 'Get-AksHciCredential -name demo')
    for (const line of ['kubectl apply -f pvc.yaml', 'kubectl apply -f demo1.yaml']) await runLine(page, line)
    await sleep(3000)
    await runLine(page, 'kubectl delete pod demo1 --now')
    await sleep(2000)
    for (const line of [
      'kubectl apply -f demo2.yaml',
      'kubectl apply -f demo3.yaml',
      'kubectl scale deployment demo2 --replicas=5',
    ])
      await runLine(page, line)
    while (!/demo3\s+5\/5/.test(await runLine(page, 'kubectl get statefulset demo3'))) await sleep(1000)

    await s.open('/aks/clusters/demo?tab=workloads')
    const demo2 = page.locator('[data-testid="cluster-deployments-table"] [data-row="default/demo2"]')
    while ((await demo2.locator('td').nth(2).innerText()) !== '5/5') await sleep(500)
    await page.getByRole('button', { name: /pause/i }).first().click()
    await demo2.locator('td').first().click()
    await page.getByTestId('kube-detail').waitFor()
    await shot('workloads')
    await page.getByTestId('kube-detail').getByRole('button', { name: 'Close' }).click()

    await page.getByRole('tab', { name: 'Pods' }).click()
    await page.getByTestId('kube-namespace').selectOption('default')
    await page.locator('[data-testid="cluster-pods-table"] tr[data-row^="default/demo2-"] td').first().click()
    await page.getByTestId('kube-detail-delete').click()
    await page.getByTestId('kube-delete-yes').click()
    await page.getByText('Terminating').waitFor()
    await page.mouse.move(0, 0)
    await shot('cluster')

    await page.getByRole('tab', { name: 'Storage' }).click()
    await shot('storage')

    await page.setViewportSize({ width: 1366, height: 1200 })
    await s.open('/volumes/Volume01')
    await page.getByRole('tab', { name: 'Capacity changes' }).click()
    await page.getByTestId('volume-changes').waitFor()
    await shot('volumes')
    if (s.errors.length) throw new Error(`Page errors: ${s.errors.join('\n')}`)
  } finally {
    await s.close()
  }
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
