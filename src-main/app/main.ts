import { app, dialog, Menu, type BrowserWindow } from 'electron'
import { LabService } from '../ipc/lab-service'
import { toLabError } from '../ipc/errors'
import { connectIpc } from './ipc-bridge'
import { buildMenu } from './menu'
import { registerAppScheme, serveRenderer } from './protocol'
import { hardenApp, hardenSession } from './security'
import { createMainWindow, rendererDir, rendererOrigin } from './window'

// The desktop app: one window, one open lab, owned by a LabService in this process. Labs live in
// the userData folder (labs/ and recent.json).

hardenApp()
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Another HCI Lab is running: it focuses its window (second-instance below) and this one leaves.
  app.quit()
} else {
  let window: BrowserWindow | undefined
  let service: LabService | undefined

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.setAboutPanelOptions({
    applicationName: 'HCI Lab',
    applicationVersion: app.getVersion(),
    copyright: 'A simulator of Windows Admin Center with Azure Stack HCI. Not a Microsoft product.',
  })

  app.whenReady().then(
    () => {
      hardenSession()
      serveRenderer(rendererDir())
      try {
        service = LabService.start({ dataDir: app.getPath('userData') })
      } catch (e) {
        dialog.showErrorBox('HCI Lab cannot start', toLabError(e).message)
        app.exit(1)
        return
      }
      const lab = service
      const origin = rendererOrigin()
      const bridge = connectIpc(lab, () => window, origin)
      const refreshMenu = () =>
        Menu.setApplicationMenu(
          buildMenu({
            action: (action) => bridge.send({ event: 'app:menu', payload: { action } }),
            openRecent: (file) => {
              try {
                lab.open(file)
              } catch (e) {
                dialog.showErrorBox('Cannot open the lab', toLabError(e).message)
              }
            },
            recent: () => lab.library.recent(),
          }),
        )
      refreshMenu()
      lab.onEvent((e) => {
        if (e.event === 'lab:switched') refreshMenu()
      })
      window = createMainWindow(origin)
      lab.ticker.start()
    },
    (e: unknown) => {
      console.error(e)
      app.exit(1)
    },
  )

  // One window: closing it ends the app, on macOS too.
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    // Saves the clock and closes the lab file.
    service?.close()
    service = undefined
  })
}
