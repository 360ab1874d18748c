/// <reference lib="dom" />
// Shared by the Chromium end-to-end tests: start the built web host on a free port with its own
// data directory, open Chromium on it, and stop both.
import { spawn, execSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { chromium, type Browser, type Page } from 'playwright-core'

export const ROOT = resolve(import.meta.dirname, '../..')
const WEB_HOST = join(ROOT, 'out/main/web.js')
const READY = /^HCI Lab web host listening on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/

export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return execSync('command -v chromium || command -v chromium-browser', { encoding: 'utf8' }).trim()
}

function startHost(dataDir: string, labFile?: string): Promise<{ child: ChildProcess; url: string }> {
  const lab = labFile === undefined ? [] : ['--lab', labFile]
  const child = spawn(process.execPath, [WEB_HOST, '--port', '0', '--data-dir', dataDir, ...lab], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += String(d)))
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', (line) => {
      const m = READY.exec(line.trim())
      if (m) resolvePromise({ child, url: m[1]! })
      else reject(new Error(`Unexpected first line from the web host: ${line}\n${stderr}`))
    })
    child.once('exit', (code) =>
      reject(new Error(`The web host exited (${code}) before it was ready.\n${stderr}`)),
    )
  })
}

export interface WebSession {
  url: string
  browser: Browser
  page: Page
  /** Page errors seen so far. */
  errors: string[]
  /** Opens a route and waits for the app to render it. */
  open(route: string): Promise<void>
  close(): Promise<void>
}

/**
 * A fresh data directory, the web host on it, and a 1366×860 Chromium page. `prepareLab` may make
 * a lab in the data directory first and return its file, which the host then opens.
 */
export async function startWebSession(
  prefix: string,
  prepareLab?: (dataDir: string) => string,
): Promise<WebSession> {
  if (!existsSync(WEB_HOST) || !existsSync(join(ROOT, 'out/renderer/index.html')))
    throw new Error('Build first: npm run build (needs out/main/web.js and out/renderer).')
  const dataDir = mkdtempSync(join(tmpdir(), prefix))
  const { child, url } = await startHost(dataDir, prepareLab?.(dataDir))
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  })
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return {
    url,
    browser,
    page,
    errors,
    // A navigation started before the router's first one ends would be replaced by it: reload.
    async open(route: string) {
      await page.goto(`${url}#${route}`)
      await page.reload()
      await page.locator('main.content .tool-page, main.content [data-testid$="-wizard"]').first().waitFor()
    },
    async close() {
      await browser.close()
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Saves the page light and dark as `${path}-light.png` / `-dark.png`, swapping the theme class. */
export async function shotBothThemes(page: Page, path: string): Promise<void> {
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => {
      document.body.classList.toggle('sme-theme-dark', t === 'dark')
      document.body.classList.toggle('sme-theme-light', t === 'light')
    }, theme)
    for (const b of await page.getByRole('button', { name: 'Dismiss' }).all()) await b.click()
    await page.screenshot({ path: `${path}-${theme}.png` })
  }
  await page.evaluate(() => document.body.classList.replace('sme-theme-dark', 'sme-theme-light'))
}

/** The PowerShell tool's visible terminal text. */
export function terminalText(page: Page): Promise<string> {
  return page.getByTestId('terminal').locator('.xterm-rows').innerText()
}

/** Types a line in the PowerShell tool and waits until the prompt is back. */
export async function runLine(page: Page, line: string, timeout = 30_000): Promise<string> {
  const terminal = page.getByTestId('terminal')
  await terminal.click()
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
  const start = Date.now()
  for (;;) {
    const text = (await terminalText(page)).replace(/\u00a0/g, ' ')
    const lines = text
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l !== '')
    if (/PS [^>]*>$/.test(lines.at(-1) ?? '') && lines.length > 1) return text
    if (Date.now() - start > timeout) throw new Error(`Timed out running '${line}':\n${text}`)
    await page.waitForTimeout(250)
  }
}
