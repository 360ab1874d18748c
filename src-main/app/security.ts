import { app, session, type WebContents } from 'electron'
import { RENDERER_CSP_HEADER } from '../host/security'

// Restrictions for every web contents the app ever creates: no navigation away from the app, no new
// windows, no webviews, no permissions (camera, notifications…), and the CSP on every response.

export function hardenApp(): void {
  // Every renderer is sandboxed, whatever its webPreferences say.
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
}

/** Call once the app is ready (sessions exist from then on). */
export function hardenSession(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  // app://hci-lab/ sends the CSP itself (and index.html has it in a <meta>); the dev server's
  // responses get it here.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP_HEADER] },
    })
  })
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}
