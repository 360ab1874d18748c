import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { summaryOf } from '@shared/changes'
import { serviceHandlers } from '../ipc/channels'
import { createInvoke } from '../ipc/invoke'
import type { LabService, ServiceEvent } from '../ipc/lab-service'
import { isTrustedRendererUrl, type RendererOrigin } from '../ipc/sender'
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels'

/**
 * The contract over Electron IPC: one invoke channel through the shared wrapper, with the sender
 * check, and one event channel to the window. Returns the function that disconnects it.
 */
export function connectIpc(
  service: LabService,
  window: () => BrowserWindow | undefined,
  origin: RendererOrigin,
  log: (message: string) => void = (m) => console.error(m),
): { send(e: ServiceEvent): void; disconnect(): void } {
  const invoke = createInvoke<IpcMainInvokeEvent>(serviceHandlers(service), (event) =>
    isOurMainFrame(event, window(), origin),
  )
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, input: unknown) => invoke(event, channel, input))
  const send = (e: ServiceEvent) => {
    const win = window()
    if (!win || win.isDestroyed()) return
    try {
      win.webContents.send(EVENT_CHANNEL, e)
    } catch (error) {
      // An event the structured clone refuses must not end the app (this runs in the change
      // throttle's timer). Changes go as a resync summary, so the window pulls a snapshot.
      log(`Could not send the ${e.event} event to the window: ${String(error)}`)
      if (e.event === 'lab:changes')
        win.webContents.send(EVENT_CHANNEL, { event: e.event, payload: summaryOf(e.payload) })
    }
  }
  const unsubscribe = service.onEvent(send)
  return {
    send,
    disconnect() {
      unsubscribe()
      ipcMain.removeHandler(INVOKE_CHANNEL)
    },
  }
}

/** Only our window's top frame, showing our own page: never a subframe or a page it navigated to. */
function isOurMainFrame(
  event: IpcMainInvokeEvent,
  win: BrowserWindow | undefined,
  origin: RendererOrigin,
): boolean {
  if (!win || win.isDestroyed() || event.sender !== win.webContents) return false
  const frame = event.senderFrame
  const main = win.webContents.mainFrame
  if (!frame || frame.processId !== main.processId || frame.routingId !== main.routingId) return false
  return isTrustedRendererUrl(frame.url, origin)
}
