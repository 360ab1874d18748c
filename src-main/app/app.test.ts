import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LabService } from '../ipc/lab-service'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels'

// The Electron parts with Electron mocked (its binary is not installed for tests): what the window
// is allowed to do, and who may call the lab.

type Handler = (...args: unknown[]) => unknown
const electron = vi.hoisted(() => {
  const state = {
    windows: [] as { options: Record<string, unknown> }[],
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...args: unknown[]) => boolean),
    headers: undefined as undefined | ((...args: unknown[]) => void),
    sandboxed: false,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  }
  class BrowserWindow {
    webContents = {
      send: vi.fn((_channel: string, _message: unknown) => {}),
      mainFrame: { processId: 1, routingId: 1 },
    }
    constructor(readonly options: Record<string, unknown>) {
      state.windows.push(this)
    }
    once() {}
    on() {}
    loadFile = vi.fn(async () => {})
    loadURL = vi.fn(async () => {})
    isDestroyed = () => false
  }
  return {
    state,
    module: {
      app: {
        isPackaged: true,
        getPath: () => '/tmp/hci-lab-user-data-not-used',
        enableSandbox: () => (state.sandboxed = true),
        on: (name: string, listener: (...args: unknown[]) => void) => state.appListeners.set(name, listener),
      },
      BrowserWindow,
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => state.privilegedSchemes.push(...schemes),
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
          state.protocolHandlers.set(scheme, handler),
      },
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      ipcMain: {
        handle: (channel: string, handler: (...args: unknown[]) => unknown) =>
          state.ipcHandlers.set(channel, handler),
        removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (h: (...args: unknown[]) => void) => (state.permissionRequest = h),
          setPermissionCheckHandler: (h: (...args: unknown[]) => boolean) => (state.permissionCheck = h),
          webRequest: { onHeadersReceived: (h: (...args: unknown[]) => void) => (state.headers = h) },
        },
      },
    },
  }
})
vi.mock('electron', () => electron.module)
vi.mock('../../resources/icon.png?asset', () => ({ default: '/icon.png' }))

const { createMainWindow } = await import('./window')
const { hardenApp, hardenSession } = await import('./security')
const { connectIpc } = await import('./ipc-bridge')
const { PAGE_URL } = await import('./protocol')

describe('the window', () => {
  it('is isolated and sandboxed, with only the preload bridge', () => {
    const win = createMainWindow({ pageUrl: PAGE_URL }) as unknown as { loadURL: ReturnType<typeof vi.fn> }
    const prefs = electron.state.windows.at(-1)!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
    })
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/)
    expect(win.loadURL).toHaveBeenCalledWith('app://hci-lab/index.html')
  })
})

describe('restrictions', () => {
  it('deny navigation, new windows, webviews and permissions; set the CSP', () => {
    hardenApp()
    expect(electron.state.sandboxed).toBe(true)
    const handlers = new Map<string, Handler>()
    let openHandler: Handler = () => undefined
    const contents = {
      on: (name: string, h: Handler) => handlers.set(name, h),
      setWindowOpenHandler: (h: Handler) => (openHandler = h),
    }
    electron.state.appListeners.get('web-contents-created')!({}, contents)
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() }
      handlers.get(name)!(event, 'https://example.com/')
      expect(event.preventDefault, name).toHaveBeenCalled()
    }
    expect(openHandler({ url: 'https://example.com/' })).toEqual({ action: 'deny' })

    hardenSession()
    const granted = vi.fn()
    electron.state.permissionRequest!({}, 'media', granted)
    expect(granted).toHaveBeenCalledWith(false)
    expect(electron.state.permissionCheck!({}, 'notifications')).toBe(false)
    const done = vi.fn()
    electron.state.headers!({ responseHeaders: { 'X-A': ['1'] } }, done)
    const headers = done.mock.calls[0]![0].responseHeaders
    expect(headers['X-A']).toEqual(['1'])
    expect(headers['Content-Security-Policy'][0]).toMatch(/^default-src 'self'; script-src 'self';/)
  })
})

describe('IPC', () => {
  let dir: string
  let service: LabService
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hci-app-'))
    service = LabService.start({ dataDir: dir, log: () => {} })
  })
  afterEach(() => {
    service.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers only our window main frame showing our page', async () => {
    const origin = { pageUrl: PAGE_URL }
    const win = createMainWindow(origin) as unknown as InstanceType<typeof electron.module.BrowserWindow>
    const bridge = connectIpc(service, () => win as never, origin)
    const invoke = electron.state.ipcHandlers.get(INVOKE_CHANNEL)!
    const page = PAGE_URL
    const event = (frame: object | null, sender: object = win.webContents) => ({ sender, senderFrame: frame })
    const ours = { processId: 1, routingId: 1, url: `${page}#/volumes` }

    const ok = (await invoke(event(ours), 'lab:info', {})) as { ok: boolean }
    expect(ok.ok).toBe(true)
    for (const [what, e] of [
      ['a subframe', event({ ...ours, routingId: 2 })],
      ['another page', event({ ...ours, url: 'app://hci-lab/evil.html' })],
      ['a file', event({ ...ours, url: 'file:///app/out/renderer/index.html' })],
      ['another host', event({ ...ours, url: 'app://evil/index.html' })],
      ['another web contents', event(ours, {})],
      ['a frame that is gone', event(null)],
    ] as const) {
      const reply = (await invoke(e, 'lab:info', {})) as { ok: boolean; error?: { code: string } }
      expect(reply.error?.code, what).toBe('Forbidden')
    }

    bridge.send({ event: 'app:menu', payload: { action: 'lab:new' } })
    expect(win.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, {
      event: 'app:menu',
      payload: { action: 'lab:new' },
    })
    bridge.disconnect()
    expect(electron.state.ipcHandlers.has(INVOKE_CHANNEL)).toBe(false)
  })

  it('never lets an event the window cannot take end the app; changes go as a summary', () => {
    const win = createMainWindow({ pageUrl: PAGE_URL }) as unknown as InstanceType<
      typeof electron.module.BrowserWindow
    >
    win.webContents.send.mockImplementationOnce(() => {
      throw new Error('An object could not be cloned.')
    })
    const log = vi.fn()
    const bridge = connectIpc(service, () => win as never, { pageUrl: PAGE_URL }, log)
    const changes = { from: 4, version: 5, changes: [{ c: 'x', id: 'y', v: () => {} }] }
    expect(() => bridge.send({ event: 'lab:changes', payload: changes })).not.toThrow()
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/lab:changes event .*could not be cloned/))
    expect(win.webContents.send).toHaveBeenLastCalledWith(EVENT_CHANNEL, {
      event: 'lab:changes',
      payload: { from: 4, version: 5, changes: [], resync: true },
    })
    bridge.disconnect()
  })
})
