import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join } from 'node:path'
import { serviceHandlers } from '../ipc/channels'
import { createInvoke } from '../ipc/invoke'
import { LabService } from '../ipc/lab-service'
import { isLoopbackHost, tokenMatches } from '../ipc/sender'
import { attachWebSocket } from '../ipc/ws-transport'
import { rawResponse, resolveStatic, sendFile, sendText } from './static-files'
import { parseRequestPath } from './web-path'

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

/** The page's URL carries the token: never cache it. (Every response has the security headers.) */
const PAGE_HEADERS = { 'Cache-Control': 'no-store' }
const PAGE_PATHS = new Set(['/', '/index.html'])

/** The browser host: the built renderer over HTTP and the contract over a WebSocket, both on 127.0.0.1. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const service = LabService.start({ dataDir: options.dataDir, labFile: options.labFile, log: options.log })
  const token = randomBytes(24).toString('base64url')
  const log = options.log ?? ((m: string) => console.error(m))
  const server = createServer((req, res) => {
    try {
      serveHttp(req, res, options.rendererDir, token, portOf(server))
    } catch (e) {
      // A file that vanished between lookup and send, say: one failed request, never the host.
      log(`HTTP ${req.method} ${req.url?.slice(0, 200)}: ${String(e)}`)
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error')
      else res.destroy()
    }
  })
  // Node answers a request it cannot parse itself, without our headers: answer it here instead.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy()
    const [status, reason] =
      error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request']
    socket.end(rawResponse(status, reason))
  })
  try {
    await listen(server, options.port ?? 0)
  } catch (e) {
    service.close()
    throw e
  }
  const invoke = createInvoke(serviceHandlers(service), () => true) // the token was checked at the upgrade
  const ws = attachWebSocket(server, {
    token,
    invoke,
    onEvent: (listener) => service.onEvent(listener),
    log,
  })
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
  const target = parseRequestPath(req.url ?? '/')
  if (!target.ok) return sendText(res, 400, `Bad Request: ${target.reason}.`)
  if (PAGE_PATHS.has(target.path)) {
    if (!tokenMatches(token, target.query.get('token')))
      return sendText(res, 403, 'Forbidden: open the address the web host printed, with its ?token=.')
    const page = resolveStatic(root, '/index.html')
    if (!page) return sendText(res, 500, 'The renderer is not built. Run: npm run build')
    return sendFile(req, res, page, PAGE_HEADERS)
  }
  const file = resolveStatic(root, target.path)
  if (!file) return sendText(res, 404, 'Not Found')
  sendFile(req, res, file, { 'Cache-Control': 'no-cache' })
}

export const rendererDirBeside = (mainDir: string) => join(mainDir, '..', 'renderer')
