import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { RENDERER_CSP_HEADER } from '../host/security'

// app://hci-lab/ with Electron mocked: what the window can load, and what it cannot.

const electron = vi.hoisted(() => ({
  schemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}))
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: typeof electron.schemes) => electron.schemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      electron.handlers.set(scheme, handler),
  },
}))
const { PAGE_URL, registerAppScheme, serveRenderer } = await import('./protocol')

const base = mkdtempSync(join(tmpdir(), 'hci-protocol-'))
const rendererDir = join(base, 'renderer')
mkdirSync(join(rendererDir, 'assets'), { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>HCI Lab</title>')
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
writeFileSync(join(base, 'secret.txt'), 'secret')
afterAll(() => rmSync(base, { recursive: true, force: true }))

registerAppScheme()
serveRenderer(rendererDir)
const fetchApp = (url: string, method = 'GET') => electron.handlers.get('app')!(new Request(url, { method }))

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme', () => {
    expect(electron.schemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ])
    expect(PAGE_URL).toBe('app://hci-lab/index.html')
  })

  it('serves the page and its assets with their types and the CSP', async () => {
    const page = await fetchApp(PAGE_URL)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER)
    expect(await page.text()).toContain('<title>HCI Lab</title>')
    const script = await fetchApp('app://hci-lab/assets/app.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetchApp('app://hci-lab/')).status).toBe(200)
  })

  it('serves nothing outside the renderer folder, however the path is spelt', async () => {
    for (const url of [
      'app://hci-lab/../secret.txt',
      'app://hci-lab/%2e%2e/secret.txt',
      'app://hci-lab/assets/../../secret.txt',
      'app://hci-lab/nope.js',
      'app://hci-lab/assets',
      'app://hci-lab/index.html/',
      'app://other/index.html',
    ]) {
      const reply = await fetchApp(url)
      expect(reply.status, url).toBe(404)
      expect(await reply.text(), url).not.toContain('secret')
    }
    for (const url of [
      'app://hci-lab/..%2fsecret.txt',
      'app://hci-lab/..%5csecret.txt',
      'app://hci-lab/%252e',
    ])
      expect((await fetchApp(url)).status, url).toBe(400)
  })

  it('only reads: other methods are refused, with the security headers', async () => {
    const reply = await fetchApp(PAGE_URL, 'POST')
    expect(reply.status).toBe(405)
    expect(reply.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER)
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
