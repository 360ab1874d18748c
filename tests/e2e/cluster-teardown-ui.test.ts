/// <reference lib="dom" />
// Browser-side callbacks (page.evaluate) run in Chromium and use the DOM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLine, shotBothThemes, startWebSession, terminalText, type WebSession } from './web-e2e'

// The seed's samples on the cluster the wizard invites (a Linux and a Windows worker), then the
// cluster removed from the UI, end to end in Chromium against the built web host: demo1 and demo3
// run on Linux; one claim's volume is switched to Retain; the delete dialog lists every file that
// goes with the bytes freed and the one that stays; after the delete the volume holds no file of the
// cluster but the retained VHDX, marked as owned by nothing, which the Files table then deletes.
// Screenshots go to /tmp/teardown-<step>-light|dark.png.

const INSTALL =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250; ' +
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config; ' +
  'Install-AksHci'
const RETAIN =
  "$pv = kubectl get pvc myvolume-demo3-0 -o jsonpath='{.spec.volumeName}'; " +
  'kubectl patch pv $pv -p \'{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}\''

describe('a mixed cluster’s samples and its removal in Chromium', () => {
  let s: WebSession
  const page = () => s.page
  const freeBytes = async () => Number(await page().getByTestId('volume-free').getAttribute('data-bytes'))
  const podStatus = (name: string) =>
    page().locator(`[data-testid="cluster-pods-table"] [data-row="default/${name}"]`).innerText()

  beforeAll(async () => {
    s = await startWebSession('hci-lab-teardown-e2e-')
  })
  afterAll(async () => {
    await s?.close()
  })

  it('runs demo1 and demo3 on a cluster with a Windows worker', async () => {
    await s.open('/powershell')
    await page().getByTestId('terminal').locator('.xterm-rows').waitFor()
    await expect.poll(() => terminalText(page())).toMatch(/PS .*>/)
    await page().getByRole('button', { name: 'Max' }).click()
    await runLine(page(), INSTALL, 110_000)
    await runLine(page(), 'New-AksHciCluster -name demo -linuxNodeCount 1 -windowsNodeCount 1', 110_000)
    await runLine(page(), 'Get-AksHciCredential -name demo')
    await runLine(page(), 'kubectl apply -f demo1.yaml; kubectl apply -f demo3.yaml')
    await s.open('/aks/clusters/demo')
    await page().getByRole('tab', { name: 'Pods' }).click()
    for (const pod of ['demo1', 'demo3-4'])
      await expect.poll(() => podStatus(pod), { timeout: 60_000 }).toContain('Running')
    await s.open('/powershell')
    await page().getByTestId('terminal').locator('.xterm-rows').waitFor()
    expect(await runLine(page(), RETAIN)).toMatch(/persistentvolume\/pvc-[0-9a-f-]+ patched/)
  })

  it('lists in the delete dialog every file that goes, the bytes freed, and the VHDX that stays', async () => {
    await s.open('/volumes/Volume01')
    const freeBefore = await freeBytes()
    await s.open('/aks/clusters/demo')
    await page().getByTestId('cluster-delete').click()
    const dialog = page().getByTestId('cluster-delete-dialog')
    // Four node VMs' disks (load balancer, control plane, two workers) and five claims' VHDX.
    expect(await dialog.getByTestId('cluster-delete-files').locator('li').count()).toBe(9)
    expect(await dialog.getByTestId('cluster-delete-freed').innerText()).toMatch(
      /^9 files deleted, freeing [\d.]+ [KMG]iB on Volume01:$/,
    )
    const kept = dialog.getByTestId('cluster-delete-kept').locator('li')
    expect(await kept.count()).toBe(1)
    expect(await kept.innerText()).toContain('default/myvolume-demo3-0')
    expect(await dialog.innerText()).toContain('Remove-AksHciCluster -name demo')
    await shotBothThemes(page(), '/tmp/teardown-1-dialog')
    await dialog.getByTestId('cluster-delete-sure').check()
    await dialog.getByTestId('cluster-delete-confirm').click()
    await expect.poll(() => page().url()).toMatch(/#\/aks$/)
    await s.open('/volumes/Volume01')
    await expect.poll(() => freeBytes(), { timeout: 60_000 }).toBeGreaterThan(freeBefore)
  })

  it('keeps only the retained VHDX, owned by nothing, and deletes it from the Files table', async () => {
    const rows = page().locator('[data-testid="volume-files"] tbody tr')
    await expect
      .poll(async () => (await rows.allInnerTexts()).filter((t) => t.includes('cluster demo')).length, {
        timeout: 60_000,
      })
      .toBe(1)
    const retained = rows.filter({ hasText: 'cluster demo' })
    expect((await retained.getByTestId('file-unowned').innerText()).trim()).toBe('· nothing owns it now')
    const freeBefore = await freeBytes()
    await retained.click()
    await page().getByTestId('file-delete').click()
    const dialog = page().getByTestId('delete-file-dialog')
    expect(await dialog.innerText()).toContain("Remove-Item -Path 'C:\\ClusterStorage\\Volume01\\images\\")
    await shotBothThemes(page(), '/tmp/teardown-2-file-dialog')
    await dialog.getByTestId('delete-file-yes').click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect((await rows.allInnerTexts()).filter((t) => t.includes('cluster demo'))).toEqual([])
    await expect.poll(() => freeBytes()).toBeGreaterThan(freeBefore)
    expect(s.errors).toEqual([])
  })
})
