import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { serviceHandlers } from '../ipc/channels'
import { createInvoke } from '../ipc/invoke'
import { LabService } from '../ipc/lab-service'
import { isLoopbackHost, tokenMatches } from '../ipc/sender'
import { attachWebSocket } from '../ipc/ws-transport'
import { RENDERER_CSP_HEADER } from './security'
import { resolveStatic, sendFile, sendText } from './static-files'

export interface WebHostOptions {
  /** 0 or unset: any free port. */
  port?: number
  dataDir: string
  labFile?: string
  /** The built renderer (out/renderer). */
  rendererDir: string
  log?: (message: string) => void
}

export interface WebHost {
  url: string
  port: number
  token: string
  service: LabService
  close(): Promise<void>
}

/** Loopback only, never a wildcard address: the lab is for this machine's browser. */
export const HOST = '127.0.0.1'

const PAGE_HEADERS = {
  'Content-Security-Policy': RENDERER_CSP_HEADER,
  // The page's URL carries the token: never send it on as a referrer, never cache the page.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
}

/** The browser host: the built renderer over HTTP and the contract over a WebSocket, both on 127.0.0.1. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const service = LabService.start({ dataDir: options.dataDir, labFile: options.labFile, log: options.log })
  const token = randomBytes(24).toString('base64url')
  const server = createServer((req, res) => serveHttp(req, res, options.rendererDir, token, portOf(server)))
  try {
    await listen(server, options.port ?? 0)
  } catch (e) {
    service.close()
    throw e
  }
  const invoke = createInvoke(serviceHandlers(service), () => true) // the token was checked at the upgrade
  const ws = attachWebSocket(server, { token, invoke, onEvent: (listener) => service.onEvent(listener) })
  service.ticker.start()
  const port = portOf(server)
  return {
    url: `http://${HOST}:${port}/?token=${token}`,
    port,
    token,
    service,
    close: async () => {
      ws.close()
      await new Promise<void>((done) => {
        server.close(() => done())
        server.closeAllConnections()
      })
      service.close()
    },
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((done, failed) => {
    server.once('error', failed)
    server.listen(port, HOST, () => {
      server.off('error', failed)
      done()
    })
  })
}

function portOf(server: Server): number {
  const address = server.address()
  return typeof address === 'object' && address ? address.port : 0
}

function serveHttp(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  token: string,
  port: number,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed')
  if (!isLoopbackHost(req.headers.host, port)) return sendText(res, 403, 'Forbidden')
  const url = new URL(req.url ?? '/', `http://${HOST}`)
  if (url.pathname === '/' || url.pathname === '/index.html') {
    if (!tokenMatches(token, url.searchParams.get('token')))
      return sendText(res, 403, 'Forbidden: open the address the web host printed, with its ?token=.')
    const page = resolveStatic(root, '/index.html')
    if (!page) return sendText(res, 500, 'The renderer is not built. Run: npm run build')
    return sendFile(req, res, page, PAGE_HEADERS)
  }
  const file = resolveStatic(root, url.pathname)
  if (!file) return sendText(res, 404, 'Not Found')
  sendFile(req, res, file, { 'Cache-Control': 'no-cache' })
}

export const rendererDirBeside = (mainDir: string) => join(mainDir, '..', 'renderer')
