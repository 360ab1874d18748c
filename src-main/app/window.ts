import { join } from 'node:path'
import { app, BrowserWindow, screen } from 'electron'
import icon from '../../resources/icon.png?asset'
import type { RendererOrigin } from '../ipc/sender'
import { PAGE_URL } from './protocol'
import { loadWindowState, saveWindowState } from './window-state'

/** The built renderer (out/renderer), which app://hci-lab/ serves. */
export const rendererDir = () => join(__dirname, '../renderer')

/** Where the renderer comes from: electron-vite's dev server in `npm start`, else app://hci-lab/. */
export function rendererOrigin(): RendererOrigin {
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  return { pageUrl: PAGE_URL, devServerUrl }
}

export function createMainWindow(origin: RendererOrigin): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json')
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  )
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'HCI Lab',
    icon,
    backgroundColor: '#faf9f8',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  })
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize()
    win.show()
  })
  win.on('close', () => saveWindowState(stateFile, win.getNormalBounds(), win.isMaximized()))
  void win.loadURL(origin.devServerUrl ?? origin.pageUrl)
  return win
}
