import { SAMPLE_MANIFESTS, STORAGE_SAMPLE_MANIFESTS } from '@shared/manifests'

// The prompt's folder, C:\Users\Administrator\Documents. It is virtual and read-only: it holds the
// walkthrough's sample manifests (pvc.yaml, demo1–3.yaml) and the storage samples (sc-custom.yaml,
// static-pv.yaml), dated when the lab was created, so every session of every lab sees the same files
// without the lab storing them.

export const HOME = 'C:\\Users\\Administrator\\Documents'

export interface HomeFile {
  path: string
  text: string
  length: number // bytes, as Get-ChildItem's Length shows them
}

/** Every sample manifest of the home folder, by file name (the same files as resources/manifests). */
export const HOME_MANIFESTS: Readonly<Record<string, string>> = {
  ...SAMPLE_MANIFESTS,
  ...STORAGE_SAMPLE_MANIFESTS,
}

export function homeFiles(): HomeFile[] {
  return Object.entries(HOME_MANIFESTS).map(([name, text]) => ({
    path: `${HOME}\\${name}`,
    text,
    length: new TextEncoder().encode(text).length,
  }))
}

/** C:/x/ and c:\x\ name the same folder; relative paths (`pvc.yaml`, `.\pvc.yaml`) start at HOME. */
export function absolutePath(path: string): string {
  const p = path.trim().replace(/\//g, '\\')
  const full = /^[a-z]:/i.test(p) ? p : `${HOME}\\${p.replace(/^(\.\\)+/, '')}`
  return full.length > 3 ? full.replace(/\\+$/, '') : full
}

/** A home-folder file's text, or null when the path names no file there. */
export function readHomeFile(path: string): string | null {
  const wanted = absolutePath(path).toLowerCase()
  return homeFiles().find((f) => f.path.toLowerCase() === wanted)?.text ?? null
}
