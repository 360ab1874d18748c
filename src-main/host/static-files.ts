import { createReadStream, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, relative, resolve } from 'node:path'
import { SECURITY_HEADERS } from './security'

// Serves the built renderer (out/renderer) read-only: files under the root and nothing else.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under `root` that `path` names, or null when it escapes the root or is not a file.
 * `path` is already decoded and normalised (parseRequestPath, or a custom protocol's URL): this
 * decodes nothing, so one spelling means one file. A trailing slash names a folder, never a file.
 */
export function resolveStatic(root: string, path: string): string | null {
  if (path.includes('\0') || path.includes('\\') || path.endsWith('/')) return null
  const file = resolve(root, '.' + path)
  const rel = relative(resolve(root), file)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null
  try {
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  })
  res.end(text + '\n')
}

/**
 * A whole response for a socket that has no ServerResponse (a refused upgrade, a request Node
 * could not parse), with the same headers as every other response. The connection closes after it.
 */
export function rawResponse(status: number, reason: string): string {
  const headers = { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`)
  return `HTTP/1.1 ${status} ${reason}\r\n${lines.join('')}\r\n${reason}\n`
}

export function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'Content-Length': String(statSync(file).size),
    ...SECURITY_HEADERS,
    ...headers,
  })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res)
}
