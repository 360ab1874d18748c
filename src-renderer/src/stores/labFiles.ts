import { defineStore } from 'pinia'
import type { HardwareSpec } from '@shared/commands'
import type { Envelope, LabInfo } from '@shared/contract'
import { useApi } from '@/api/client'
import { useLabStore } from './lab'
import { useToastStore } from './toasts'

// The Lab menu's document operations: new, open, save as, export, import, delete.

/** Base64 of a file's bytes (what lab:import takes). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}

/** Saves base64 bytes as a download (the browser's or Electron's save flow). */
export function downloadBase64(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export const useLabFilesStore = defineStore('labFiles', () => {
  const api = useApi()
  const lab = useLabStore()
  const toasts = useToastStore()

  /** Runs a lab:* call that answers with LabInfo; on success the open lab may have changed. */
  async function switchTo(reply: Promise<Envelope<LabInfo>>, failure: string, success?: string) {
    const r = await reply
    if (!r.ok) {
      toasts.push('Error', failure, r.error.message)
      return r
    }
    lab.info = r.data
    await lab.pull() // the host also sends lab:switched; pulling twice is harmless
    if (success) toasts.push('Success', success)
    return r
  }

  const newLab = (name: string, hardware?: HardwareSpec) =>
    switchTo(
      api.invoke('lab:new', hardware ? { name, hardware } : { name }),
      'Could not create the lab',
      `Created lab ${name}`,
    )

  const open = (file: string) => switchTo(api.invoke('lab:open', { file }), 'Could not open the lab')

  const saveAs = (name: string) =>
    switchTo(api.invoke('lab:saveAs', { name }), 'Could not save the lab', `Saved the lab as ${name}`)

  async function exportLab(): Promise<void> {
    const data = await toasts.unwrap(api.invoke('lab:export', {}), 'Could not export the lab')
    if (data) downloadBase64(data.fileName, data.base64)
  }

  async function importLab(file: File): Promise<void> {
    let base64: string
    try {
      base64 = await readAsBase64(file)
    } catch (e) {
      toasts.push('Error', 'Could not read the file', e instanceof Error ? e.message : String(e))
      return
    }
    await switchTo(
      api.invoke('lab:import', { fileName: file.name, base64 }),
      'Could not import the lab',
      `Imported ${file.name}`,
    )
  }

  async function remove(file: string) {
    const r = await api.invoke('lab:delete', { file })
    if (r.ok) lab.info = r.data
    return r
  }

  return { newLab, open, saveAs, exportLab, importLab, remove }
})
