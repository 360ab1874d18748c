import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { poolCapacity } from '@shared/capacity'
import { formatBytes } from '@shared/format'
import { RESILIENCY_LABELS, TiB } from '@shared/s2d'
import { DEFAULT_HARDWARE } from '../../src-main/engine/hci/build'
import { Lab } from '../../src-main/engine/lab'
import { startWebSession, type WebSession } from './web-e2e'

// The UI in a real browser: the built web host (out/main/web.js) serving the built renderer, driven
// by headless Chromium (web-e2e.ts starts both). Expected figures come from the engine's own maths
// on an identical lab, not from hard-coded guesses, so the test checks that the screen shows what
// the engine computes.

/** The default lab as the engine builds it, to compute what the screen must show. */
function referenceLab(): Lab {
  return Lab.create({ name: 'Reference', seed: 1, hardware: DEFAULT_HARDWARE })
}

const NEW_VOLUME = { name: 'E2EData', sizeTiB: 1 }

describe('HCI Lab UI in Chromium against the web host', () => {
  let web: WebSession
  let page: Page
  const open = (route: string) => web.open(route)

  beforeAll(async () => {
    web = await startWebSession('hci-lab-e2e-')
    page = web.page
  })

  afterAll(async () => {
    await web?.close()
  })

  it('shows the default lab on the Volumes page with the engine figures', async () => {
    const pool = poolCapacity(referenceLab().state)
    const v = pool.volumes[0]!
    await open('/volumes?tab=inventory')
    const row = page.locator('[data-testid="volumes-table"] tbody tr', { hasText: 'Volume01' })
    await row.waitFor()
    const cells = await row.locator('td').allInnerTexts()
    expect(cells.map((c) => c.trim())).toEqual([
      'Volume01',
      'C:\\ClusterStorage\\Volume01',
      RESILIENCY_LABELS[v.volume.resiliency], // Two-way mirror
      'Fixed',
      formatBytes(v.volume.sizeBytes), // 2 TiB
      formatBytes(v.footprintBytes), // 4 TiB
      `${formatBytes(v.usedBytes)} of ${formatBytes(v.fileSystemBytes)}`,
      'Healthy',
    ])
    expect(cells[4]).toBe('2 TiB')
    expect(cells[5]).toBe('4 TiB')

    await open('/volumes?tab=summary')
    await expect.poll(() => page.getByTestId('pool-raw').innerText()).toBe(formatBytes(pool.rawBytes))
    expect(await page.getByTestId('pool-raw').innerText()).toBe('13.97 TiB')
    expect(await page.getByTestId('pool-allocated').innerText()).toBe(formatBytes(pool.allocatedBytes))
    expect(await page.getByTestId('pool-reserve').innerText()).toBe(formatBytes(pool.reserveBytes))
    expect(await page.getByTestId('pool-free').innerText()).toBe(formatBytes(pool.freeOutsideReserveBytes))
  })

  it('creates a volume through the wizard and the pool meter follows', async () => {
    const lab = referenceLab()
    const created = lab.dispatch({
      type: 'volume.create',
      name: NEW_VOLUME.name,
      resiliency: 'two-way-mirror',
      sizeBytes: NEW_VOLUME.sizeTiB * TiB,
      provisioning: 'Fixed',
    })
    expect(created.ok).toBe(true)
    const after = poolCapacity(lab.state)
    const footprint = after.volumes.find((x) => x.volume.name === NEW_VOLUME.name)!.footprintBytes

    await open('/volumes?tab=inventory')
    await page.getByTestId('volumes-create').click()
    const panel = page.getByTestId('create-volume-panel')
    await panel.waitFor()
    await page.getByTestId('volume-name').fill(NEW_VOLUME.name)
    await page.getByTestId('volume-resiliency').selectOption('two-way-mirror')
    await page.getByTestId('volume-size').fill(String(NEW_VOLUME.sizeTiB))
    await page.getByTestId('volume-size-unit').selectOption('TB')
    await page.getByTestId('volume-fixed').check()
    await expect.poll(() => page.getByTestId('preview-footprint').innerText()).toBe(formatBytes(footprint))
    await expect
      .poll(() => page.getByTestId('powershell-code').innerText())
      .toContain(`New-Volume -FriendlyName "${NEW_VOLUME.name}" -Size 1TB -ResiliencySettingName Mirror`)
    const submit = page.getByTestId('create-volume-submit')
    await expect.poll(() => submit.isEnabled()).toBe(true)
    await submit.click()
    await panel.waitFor({ state: 'detached' })
    await page.locator('[data-testid="volumes-table"] tbody tr', { hasText: NEW_VOLUME.name }).waitFor()

    await page.getByRole('tab', { name: 'Summary' }).click()
    await expect
      .poll(() => page.getByTestId('pool-allocated').innerText())
      .toBe(formatBytes(after.allocatedBytes))
    expect(await page.getByTestId(`pool-legend-${'reserve'}`).innerText()).toContain('Reserve')
    expect(await page.getByTestId('pool-meter').innerText()).toContain(NEW_VOLUME.name)
  })

  it('keeps the new volume after a reload', async () => {
    await page.reload()
    await page.getByRole('tab', { name: 'Inventory' }).click()
    await page.locator('[data-testid="volumes-table"] tbody tr', { hasText: NEW_VOLUME.name }).waitFor()
  })

  it('runs Get-Volume in the PowerShell tool', async () => {
    await page.getByTestId('tool-powershell').click()
    const terminal = page.getByTestId('terminal')
    await terminal.locator('.xterm-rows').waitFor()
    await expect.poll(() => terminal.locator('.xterm-rows').innerText()).toMatch(/PS .*>/)
    await terminal.click()
    await page.keyboard.type('Get-Volume')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => terminal.locator('.xterm-rows').innerText(), { timeout: 15_000 })
      .toContain('Volume01')
    expect(web.errors).toEqual([])
  })
})
