/// <reference lib="dom" />
// Browser-side callbacks (page.evaluate) run in Chromium and use the DOM.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { AKS_IMAGES } from '@shared/aks-assumptions'
import { ROOT, startWebSession, type WebSession } from './web-e2e'

// The AKS issue end to end in Chromium against the built web host: the Set up wizard (a static
// network with one validation error fixed, then DHCP through Apply), the install at full clock
// speed, the host dashboard, the VM list and the volume's files and free space.
// AKS_SHOTS=1 also saves screenshots of each page, light and dark, as /tmp/aks-<page>-<theme>.png.

const SHOTS = process.env.AKS_SHOTS === '1'

/** "1.97 TiB free" → bytes, to compare free space before and after. */
function parseFree(text: string): number {
  const m = /([\d.,]+)\s*(B|KiB|MiB|GiB|TiB|PiB) free/.exec(text)
  if (!m) throw new Error(`No size in '${text}'`)
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  return Number(m[1]!.replace(/,/g, '')) * 1024 ** units.indexOf(m[2]!)
}

describe('Azure Kubernetes Service in Chromium against the web host', () => {
  let web: WebSession
  let page: Page
  let password = ''
  let freeBefore = 0
  // Waits for the app to render a page (web-e2e.ts).
  const open = (route: string) => web.open(route)
  const next = () => page.getByTestId('aks-next')
  // Wizard steps hold their answers in the page, so their dark shot swaps the theme class only;
  // pages with charts (which read the theme store) reload with the stored theme instead.
  const shot = async (name: string, reload = false, prepare?: () => Promise<void>) => {
    if (!SHOTS) return
    for (const theme of ['light', 'dark']) {
      if (reload) {
        await page.evaluate((t) => localStorage.setItem('hci-lab.theme', t), theme)
        await page.reload()
        await page.locator('main.content .tool-page').first().waitFor()
        await page.waitForTimeout(300)
      } else
        await page.evaluate((t) => {
          document.body.classList.toggle('sme-theme-dark', t === 'dark')
          document.body.classList.toggle('sme-theme-light', t === 'light')
        }, theme)
      for (const b of await page.getByRole('button', { name: 'Dismiss' }).all()) await b.click()
      await prepare?.()
      await page.screenshot({ path: `/tmp/aks-${name}-${theme}.png` })
    }
    if (reload) await page.evaluate(() => localStorage.setItem('hci-lab.theme', 'light'))
    await page.evaluate(() => document.body.classList.replace('sme-theme-dark', 'sme-theme-light'))
  }

  /** From the landing page through System checks and Connectivity to Host configuration. */
  async function toHostConfig() {
    await open('/aks')
    await page.getByTestId('aks-setup').click()
    await page.getByTestId('aks-wizard').waitFor()
    await shot('1-prerequisites')
    await next().click()
    await page.getByTestId('aks-user').fill('CONTOSO\\Administrator')
    await page.getByTestId('aks-password').fill(password)
    await page.getByTestId('aks-validate').click()
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot('1-system-checks')
    await next().click()
    await page.getByTestId('aks-credssp').check()
    await next().click()
    await page.locator('#host-title').waitFor()
  }

  beforeAll(async () => {
    web = await startWebSession('hci-lab-aks-e2e-')
    page = web.page
  })

  afterAll(async () => {
    await web?.close()
  })

  it('reads the administrator password and Volume01 free space before setup', async () => {
    await open('/settings/about')
    await page.getByRole('button', { name: 'Show' }).click()
    password = (await page.getByTestId('admin-password').innerText()).trim()
    expect(password).toMatch(/^Lab-/)
    await open('/volumes/Volume01')
    freeBefore = parseFree(await page.getByRole('region', { name: 'Capacity', exact: true }).innerText())
    expect(freeBefore).toBeGreaterThan(0)
  })

  it('refuses wrong credentials on System checks', async () => {
    await open('/aks')
    await page.getByTestId('aks-landing').waitFor()
    await shot('0-landing')
    await page.getByTestId('aks-setup').click()
    await next().click()
    await page.getByTestId('aks-user').fill('CONTOSO\\Administrator')
    await page.getByTestId('aks-password').fill('wrong')
    await page.getByTestId('aks-validate').click()
    await expect.poll(() => page.getByTestId('aks-credential-error').innerText()).toContain('incorrect')
    expect(await next().isEnabled()).toBe(false)
    // Leaving keeps the draft: back in the wizard, the same step and answers.
    await open('/settings')
    await open('/aks')
    await page.getByTestId('aks-setup').click()
    await expect.poll(() => page.getByTestId('aks-user').inputValue()).toBe('CONTOSO\\Administrator')
    await page.getByTestId('aks-cancel').click()
    await page.getByTestId('aks-discard-confirm').click()
    await page.getByTestId('aks-landing').waitFor()
  })

  it('static path: a node pool overlapping the VIP pool is refused, then fixed', async () => {
    await toHostConfig()
    await page.locator('[data-volume="Volume01"] input').check()
    await page.getByTestId('aks-static').check()
    await page.getByTestId('aks-node-start').fill('192.168.0.30')
    await page.getByTestId('aks-node-end').fill('192.168.0.60')
    await page.getByTestId('aks-vip-start').fill('192.168.0.50')
    await page.getByTestId('aks-vip-end').fill('192.168.0.70')
    const problems = page.getByTestId('aks-network-problems')
    await expect.poll(() => problems.innerText()).toContain('overlap')
    expect(await next().isEnabled()).toBe(false)
    await shot('2-host-config-error')
    await page.getByTestId('aks-node-end').fill('192.168.0.49')
    await problems.waitFor({ state: 'detached' })
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot('3-host-config')
    await next().click()
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await shot('4-registration')
    await next().click()
    const code = page.getByTestId('powershell-code')
    await expect.poll(() => code.innerText()).toContain('-k8sNodeIpPoolStart "192.168.0.30"')
    expect(await code.innerText()).toContain('Install-AksHci')
    await shot('5-review')
    // Leaving keeps the draft; Cancel warns before it discards the answers.
    await page.getByRole('button', { name: 'Cancel', exact: true }).click()
    await page.getByTestId('aks-discard-confirm').click()
    await page.getByTestId('aks-landing').waitFor()
  })

  it('DHCP path: Apply installs the host; leaving and coming back shows the progress', async () => {
    await toHostConfig()
    await page.locator('[data-volume="Volume01"] input').check()
    await page.getByTestId('aks-dhcp').check()
    await page.getByTestId('aks-vip-start').fill('192.168.0.200')
    await page.getByTestId('aks-vip-end').fill('192.168.0.220')
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await next().click()
    await expect.poll(() => next().isEnabled(), { timeout: 10_000 }).toBe(true)
    await next().click()
    await page.getByTestId('aks-apply').click()
    await page.getByTestId('aks-progress').waitFor()
    await expect.poll(() => page.locator('[data-step="validate"]').getAttribute('data-state')).toBe('Running')
    await shot('6-progress')
    await page.getByTestId('notifications-button').click()
    const pane = page.getByTestId('notifications-pane')
    await expect.poll(() => pane.innerText()).toContain('Installing AKS on Azure Stack HCI')
    await page.getByTestId('notifications-button').click()

    await open('/vms')
    await open('/aks')
    await page.getByTestId('aks-progress').waitFor()
    expect(page.url()).toContain('#/aks/setup')

    await page.getByRole('button', { name: 'Max' }).click()
    await page.getByTestId('aks-installed').waitFor({ timeout: 90_000 })
    await page.getByRole('button', { name: 'Pause the virtual clock' }).click()
    const states = await page
      .locator('[data-step]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))
    expect(new Set(states)).toEqual(new Set(['Done']))
    await shot('7-progress-done')
    await page.getByTestId('aks-finish').click()
    await page.getByTestId('aks-dashboard').waitFor()
  })

  it('shows the AKS host dashboard, the VM list and the volume change', async () => {
    const mgmt = page.getByTestId('aks-mgmt')
    const mgmtText = await mgmt.innerText()
    expect(mgmtText).toContain('clustergroup-management-control-plane-')
    expect(mgmtText).toContain('Running')
    const vmName = (await mgmt.locator('a').innerText()).trim()
    expect(await page.getByTestId('aks-pools').innerText()).toContain('Management cluster API server')
    const images = await page.getByTestId('aks-image-files').innerText()
    for (const i of AKS_IMAGES) expect(images).toContain(i.fileName)
    expect(await page.getByTestId('aks-add-cluster').isEnabled()).toBe(true)
    await shot('8-dashboard')
    if (SHOTS) await page.screenshot({ path: join(ROOT, 'docs/screenshot-aks.png') })

    await open('/vms?tab=inventory')
    const row = page.locator('[data-testid="vms-table"] tbody tr', { hasText: vmName })
    await row.waitFor()
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.trim())
    expect(cells[1]).toBe('Running')
    expect(cells[2]).toMatch(/^hci-node\d$/)
    expect(cells[8]).toContain('AKS host')
    await row.click()
    await shot('9-vms')
    await open('/vms?tab=summary')
    await shot('10-vms-summary')

    await open('/volumes/Volume01')
    const files = page.getByTestId('volume-files')
    await files.waitFor()
    const filesText = await files.innerText()
    for (const i of AKS_IMAGES) expect(filesText).toContain(i.fileName)
    expect(filesText).toContain('AKS host')
    const freeAfter = parseFree(await page.getByRole('region', { name: 'Capacity', exact: true }).innerText())
    expect(freeAfter).toBeLessThan(freeBefore)
    await shot('11-volume', true, () => page.getByTestId('chart-zoom-used').check())
    await open('/servers?tab=inventory')
    await page.getByTestId('servers-table').waitFor()
    await shot('12-servers')
    expect(web.errors).toEqual([])
  })
})
