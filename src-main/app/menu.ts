import { app, Menu, type MenuItemConstructorOptions } from 'electron'
import type { LabEntry, MenuAction } from '@shared/contract'

export interface MenuHandlers {
  /** Items the renderer carries out with its own dialogs (the same ones the web host uses). */
  action(action: MenuAction): void
  openRecent(file: string): void
  recent(): LabEntry[]
}

/** The application menu: File (lab documents), Edit, View, Help. Rebuilt when the recent list changes. */
export function buildMenu(handlers: MenuHandlers): Menu {
  const item = (label: string, action: MenuAction, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => handlers.action(action),
  })
  const recent = handlers.recent().slice(0, 10)
  const file: MenuItemConstructorOptions[] = [
    item('&New lab…', 'lab:new', 'CmdOrCtrl+N'),
    item('&Open lab…', 'lab:open', 'CmdOrCtrl+O'),
    {
      label: 'Open &recent',
      submenu: recent.length
        ? recent.map((e) => ({ label: e.name, sublabel: e.file, click: () => handlers.openRecent(e.file) }))
        : [{ label: 'No recent labs', enabled: false }],
    },
    { type: 'separator' },
    item('Save &as…', 'lab:saveAs', 'CmdOrCtrl+Shift+S'),
    item('&Export…', 'lab:export'),
    item('&Import…', 'lab:import'),
    { type: 'separator' },
    { role: 'quit' },
  ]
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ]
  return Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { label: '&File', submenu: file },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    { label: '&Help', submenu: [{ role: 'about', label: 'About HCI Lab' }] },
  ])
}
