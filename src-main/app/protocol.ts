import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { SECURITY_HEADERS } from '../host/security'
import { contentType, resolveStatic } from '../host/static-files'
import { parseRequestPath } from '../host/web-path'

// The window loads the renderer from app://hci-lab/, not file:// (the Electron security
// checklist): a file:// page could read any file, and its origin is every file on the disk. The
// scheme serves the built renderer's folder and nothing else, the same way the web host does.

export const APP_SCHEME = 'app'
export const APP_HOST = 'hci-lab'
export const PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs, an origin of its own ('self' in the CSP) and web storage;
      // secure: treated like https, so the page is a secure context; corsEnabled: Vite marks the
      // page's module scripts and styles `crossorigin`, which a scheme without CORS cannot load.
      // No response sends Access-Control-Allow-Origin, so other origins still read nothing.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ])
}

/** Serves `rendererDir` on app://hci-lab/; call once the app is ready. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request))
}

/** The response to one app:// request: a file under `rendererDir`, or an error. */
export async function rendererResponse(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method Not Allowed')
  const url = new URL(request.url)
  if (url.host !== APP_HOST) return text(404, 'Not Found')
  const target = parseRequestPath(url.pathname)
  if (!target.ok) return text(400, `Bad Request: ${target.reason}.`)
  const file = resolveStatic(rendererDir, target.path === '/' ? '/index.html' : target.path)
  if (!file) return text(404, 'Not Found')
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return text(404, 'Not Found')
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-cache' },
  })
}

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  })
}
