/// <reference lib="dom" />
// Browser-side callbacks (page.evaluate) run in Chromium and use the DOM.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runLine, shotBothThemes, startWebSession, terminalText, type WebSession } from './web-e2e'

// Kubernetes workloads from the UI, end to end in Chromium against the built web host: the AKS host
// and a one-Linux-worker cluster from the PowerShell tool at Max speed; on the cluster page, Apply
// manifest with pvc.yaml from the editor's samples, the claim bound, its VOLUME link to the VHDX on
// Volume01 (less free space), its creation in the volume's capacity changes (used and free before →
// after), and back; demo2.yaml applied and its deployment scaled to 3 from the UI; the deployment and
// the claim deleted from the UI (confirmed in a dialog): gone from the lists, the VHDX gone from the
// volume and its deletion listed in the capacity changes.
// Screenshots go to /tmp/k8s-<step>.png; WORKLOADS_SHOTS=1 also refreshes docs/screenshot-storage.png
// (a test run must not change tracked files).

const INSTALL =
  '$vnet = New-AksHciNetworkSetting -name mynet -vSwitchName ConvergedSwitch -vipPoolStart 192.168.0.200 -vipPoolEnd 192.168.0.250; ' +
  'Set-AksHciConfig -vnet $vnet -imageDir C:\\ClusterStorage\\Volume01\\images -workingDir C:\\ClusterStorage\\Volume01\\WorkingDir -cloudConfigLocation C:\\ClusterStorage\\Volume01\\Config; ' +
  'Install-AksHci'

describe('Kubernetes workloads and storage from the cluster page in Chromium', () => {
  let s: WebSession
  const page = () => s.page
  const shot = (name: string) => s.page.screenshot({ path: `/tmp/k8s-${name}.png` })
  const freeBytes = async () => Number(await page().getByTestId('volume-free').getAttribute('data-bytes'))
  let freeBefore = 0
  let vhdxName = ''
  /** The volume page's capacity change row that names `text`, with its used and free before → after. */
  const changeRow = async (text: string) => {
    await page().getByRole('tab', { name: 'Capacity changes' }).click()
    await page().getByRole('searchbox', { name: 'Search changes' }).fill(text)
    const row = page().locator('[data-testid="volume-changes"] tbody tr').first()
    const bytes = async (id: string) => {
      const cell = row.getByTestId(id)
      return [Number(await cell.getAttribute('data-before')), Number(await cell.getAttribute('data-after'))]
    }
    return { row, used: await bytes('change-used'), free: await bytes('change-free') }
  }
  /** Deletes the selected object from its detail pane, through the confirmation dialog. */
  const deleteFromPane = async (resource: string) => {
    await page().getByTestId('kube-detail-delete').click()
    const dialog = page().getByTestId('kube-delete-dialog')
    expect(await dialog.innerText()).toContain(`kubectl delete ${resource}`)
    await dialog.getByTestId('kube-delete-yes').click()
    await expect.poll(() => dialog.count()).toBe(0)
  }

  beforeAll(async () => {
    s = await startWebSession('hci-lab-workloads-e2e-')
  })
  afterAll(async () => {
    await s?.close()
  })

  it('installs the AKS host and creates the cluster demo from the PowerShell tool at Max speed', async () => {
    await s.open('/powershell')
    await page().getByTestId('terminal').locator('.xterm-rows').waitFor()
    await expect.poll(() => terminalText(page())).toMatch(/PS .*>/)
    await page().getByRole('button', { name: 'Max' }).click()
    await runLine(page(), INSTALL, 110_000)
    await runLine(page(), 'New-AksHciCluster -name demo -linuxNodeCount 1', 110_000)
    await s.open('/volumes/Volume01')
    freeBefore = await freeBytes()
    expect(freeBefore).toBeGreaterThan(0)
    await s.open('/aks/clusters/demo')
    await expect
      .poll(() => page().getByTestId('cluster-props').innerText(), { timeout: 60_000 })
      .toContain('Provisioned')
  })

  it('applies pvc.yaml from the editor and sees the claim bound', async () => {
    await page().getByRole('tab', { name: 'Storage' }).click()
    await page().getByTestId('kube-apply').click()
    await page().getByTestId('apply-sample').selectOption('pvc.yaml')
    await expect.poll(() => page().locator('.cm-content').innerText()).toContain('bigvolume')
    await page().getByTestId('apply-submit').click()
    await expect
      .poll(async () => (await page().getByTestId('apply-results').innerText()).trim())
      .toBe('persistentvolumeclaim/bigvolume created')
    await shot('1-apply')
    await page().getByTestId('apply-close').click()
    const row = page().locator(
      '[data-testid="cluster-persistentvolumeclaims-table"] [data-row="default/bigvolume"]',
    )
    await expect.poll(() => row.locator('td').nth(2).innerText(), { timeout: 60_000 }).toBe('Bound')
    expect(await row.locator('td').nth(4).innerText()).toBe('100Gi')
    await shot('2-storage')
    if (process.env.WORKLOADS_SHOTS === '1')
      await page().screenshot({ path: join(ROOT, 'docs/screenshot-storage.png') })
  })

  it('follows the VOLUME link to the VHDX on Volume01, with less free space, and back', async () => {
    const row = page().locator(
      '[data-testid="cluster-persistentvolumeclaims-table"] [data-row="default/bigvolume"]',
    )
    const pv = (await row.locator('td').nth(3).innerText()).trim()
    await row.getByTestId('pvc-volume-link').click()
    await page().getByTestId('volume-files').waitFor()
    expect(page().url()).toMatch(/#\/volumes\/Volume01\?file=/)
    const file = page().locator('[data-testid="volume-files"] tr.selected')
    const cells = (await file.locator('td').allInnerTexts()).map((c) => c.trim())
    expect(cells[0]).toMatch(/\.vhdx$/)
    // The storage lesson: a dynamic VHDX of 100 GiB takes 4 MiB of the volume.
    expect(cells.slice(1, 4)).toEqual(['Dynamic VHDX', '100 GiB', '4 MiB'])
    expect(cells[4]).toContain(`PV ${pv}`)
    expect(await file.getByTestId('file-pvc-link').innerText()).toBe('default/bigvolume')
    expect(await file.getByTestId('file-cluster').innerText()).toBe('demo')
    expect(await freeBytes()).toBeLessThan(freeBefore)
    await file.scrollIntoViewIfNeeded()
    await shot('3-volume-file')
    vhdxName = cells[0]!.slice(cells[0]!.lastIndexOf('\\') + 1)
    const created = await changeRow(`${vhdxName} created`)
    expect(await created.row.locator('td').nth(1).innerText()).toContain(
      `${vhdxName} created: dynamic VHDX, 100 GiB virtual, +4 MiB on disk`,
    )
    expect(created.used[1]).toBeGreaterThan(created.used[0]!)
    expect(created.free[1]).toBeLessThan(created.free[0]!)
    await created.row.scrollIntoViewIfNeeded()
    await shot('3b-volume-changes')
    await page().getByRole('searchbox', { name: 'Search changes' }).fill('')
    await page().getByTestId('volume-changes').scrollIntoViewIfNeeded()
    await shot('3c-volume-all-changes')
    await page().getByRole('searchbox', { name: 'Search changes' }).fill(`${vhdxName} created`)
    // The change links back to the file, and the file to its claim.
    await created.row.getByTestId('change-file-link').click()
    await file.waitFor()
    await file.getByTestId('file-pvc-link').click()
    await page().getByTestId('kube-detail').waitFor()
    expect(await page().getByTestId('kube-detail').innerText()).toContain('persistentvolumeclaim/bigvolume')
    await shot('4-pvc-detail')
  })

  it('applies demo2.yaml and scales deployment demo2 to 3 from the UI', async () => {
    await page().getByTestId('kube-detail').getByRole('button', { name: 'Close' }).click()
    await page().getByRole('tab', { name: 'Workloads' }).click()
    await page().getByTestId('kube-apply').click()
    await page().getByTestId('apply-sample').selectOption('demo2.yaml')
    await page().getByTestId('apply-submit').click()
    await expect
      .poll(() => page().getByTestId('apply-results').innerText())
      .toContain('deployment.apps/demo2 created')
    await page().getByTestId('apply-close').click()
    const row = page().locator('[data-testid="cluster-deployments-table"] [data-row="default/demo2"]')
    await expect.poll(() => row.locator('td').nth(2).innerText(), { timeout: 60_000 }).toBe('1/1')
    await row.click()
    await page().getByTestId('kube-scale').click()
    await page().getByTestId('workload-replicas').fill('3')
    await shot('5-scale')
    await page().getByTestId('workload-scale-submit').click()
    await expect.poll(() => row.locator('td').nth(2).innerText(), { timeout: 60_000 }).toBe('3/3')
    await shot('6-deployments')
    await page().getByRole('tab', { name: 'Pods' }).click()
    await page().getByTestId('kube-namespace').selectOption('default')
    const pods = page().locator('[data-testid="cluster-pods-table"] tbody tr')
    await expect.poll(() => pods.count()).toBe(3)
    const statuses = await pods.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[3]!.innerText.trim()),
    )
    expect(statuses).toEqual(['Running', 'Running', 'Running'])
    await pods.first().click()
    await page().getByTestId('kube-detail').waitFor()
    await shot('7-pod')
    await page().getByTestId('kube-detail-yaml').click()
    await shot('8-pod-yaml')
    await page().getByTestId('kube-detail').getByRole('button', { name: 'Close' }).click()
    await page().getByRole('tab', { name: 'Events' }).click()
    await shot('9-events')
    expect(s.errors).toEqual([])
  })

  it('deletes deployment demo2 and the claim bigvolume from the UI; the VHDX goes and the volume lists it', async () => {
    await page().getByRole('tab', { name: 'Workloads' }).click()
    const deployment = page().locator('[data-testid="cluster-deployments-table"] [data-row="default/demo2"]')
    await deployment.click()
    await page().getByTestId('kube-detail-yaml').click()
    await expect
      .poll(() => page().locator('[data-testid="kube-detail-yaml-text"] .cm-content').innerText())
      .toContain('name: demo2')
    await shotBothThemes(page(), '/tmp/k8s-10-deployment-yaml')
    await deleteFromPane('deployment/demo2 -n default')
    await expect.poll(() => deployment.count()).toBe(0)
    expect(await page().getByTestId('kube-message').innerText()).toBe('deployment "demo2" deleted')
    await page().getByRole('tab', { name: 'Pods' }).click()
    await expect
      .poll(
        () =>
          page().locator('[data-testid="cluster-pods-table"] tbody tr[data-row^="default/demo2-"]').count(),
        { timeout: 60_000 },
      )
      .toBe(0)

    await page().getByRole('tab', { name: 'Storage' }).click()
    const claim = page().locator(
      '[data-testid="cluster-persistentvolumeclaims-table"] [data-row="default/bigvolume"]',
    )
    await claim.locator('td').first().click() // not mid-row: the VOLUME cell is a link to the VHDX
    await page().getByTestId('kube-delete').click()
    expect(await page().getByTestId('kube-delete-vhdx').innerText()).toContain(vhdxName)
    await shot('11-delete-claim')
    await page().getByTestId('kube-delete-yes').click()
    await expect.poll(() => claim.count(), { timeout: 60_000 }).toBe(0)

    await s.open('/volumes/Volume01')
    const files = page().getByTestId('volume-files')
    await expect.poll(() => files.innerText(), { timeout: 60_000 }).not.toContain(vhdxName)
    const deleted = await changeRow(`${vhdxName} deleted`)
    expect(await deleted.row.locator('td').nth(1).innerText()).toMatch(
      /deleted: dynamic VHDX, [\d.]+ [KMGT]iB virtual, −[\d.]+ [KMG]iB on disk/,
    )
    expect(deleted.used[1]).toBeLessThan(deleted.used[0]!)
    expect(deleted.free[1]).toBeGreaterThan(deleted.free[0]!)
    await deleted.row.scrollIntoViewIfNeeded()
    await shot('12-volume-deleted')
    expect(s.errors).toEqual([])
  })
})
