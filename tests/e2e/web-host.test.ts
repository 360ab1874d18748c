import { spawn, type ChildProcess } from 'node:child_process'
import { request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'

// The web host as `npm run web` starts it: node out/main/web.js (after npm run build).

const root = resolve(import.meta.dirname, '../..')
let dir: string
let host: ChildProcess
let port: number
let token: string
const stdoutLines: string[] = []

/** Parsed JSON from the wire, read loosely: the assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hci-web-'))
  host = spawn(process.execPath, [join(root, 'out/main/web.js'), '--port', '0', '--data-dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines = createInterface({ input: host.stdout! })
  const first = await new Promise<string>((done, failed) => {
    lines.on('line', (line) => {
      stdoutLines.push(line)
      if (stdoutLines.length === 1) done(line)
    })
    host.once('exit', (code) => failed(new Error(`web host exited with ${code}`)))
  })
  const m = /^HCI Lab web host listening on http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)$/.exec(first)
  if (!m) throw new Error(`unexpected first line: ${first}`)
  port = Number(m[1])
  token = m[2]!
})

afterAll(async () => {
  if (host.exitCode === null) {
    host.kill('SIGTERM')
    await new Promise((done) => host.once('exit', done))
  }
  rmSync(dir, { recursive: true, force: true })
})

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; type: string; headers: Record<string, unknown>; body: string }>(
    (done, failed) => {
      const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () =>
          done({
            status: res.statusCode!,
            type: String(res.headers['content-type']),
            headers: res.headers,
            body,
          }),
        )
      })
      req.on('error', failed)
      req.end()
    },
  )
}

function open(query: string): Promise<WebSocket> {
  return new Promise((done, failed) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${query}`)
    ws.once('open', () => done(ws))
    ws.once('unexpected-response', (_req, res) => failed(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', failed)
  })
}

/** Sends raw text and waits for the reply with that id (or id null). */
function exchange(ws: WebSocket, text: string, id: number | null): Promise<Json> {
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString())
      if ('reply' in message && message.id === id) {
        ws.off('message', onMessage)
        done(message)
      }
    }
    ws.on('message', onMessage)
    ws.send(text)
  })
}

describe('the page', () => {
  it('is served only with the token', async () => {
    expect((await get('/')).status).toBe(403)
    expect((await get('/?token=wrong')).status).toBe(403)
    expect((await get('/')).body).toMatch(/token/)
    const page = await get(`/?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.type).toBe('text/html; charset=utf-8')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(page.headers['referrer-policy']).toBe('no-referrer')
  })

  it('serves the built assets with their content types, 404 otherwise, nothing outside', async () => {
    const page = await get(`/index.html?token=${token}`)
    const script = /src="\.?(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1]
    expect(script).toBeDefined()
    const asset = await get(script!)
    expect(asset.status).toBe(200)
    expect(asset.type).toBe('text/javascript; charset=utf-8')
    expect((await get('/nope.js')).status).toBe(404)
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404)
    expect((await get('/../../package.json')).status).toBe(404)
  })

  it('refuses other host names (DNS rebinding)', async () => {
    expect((await get(`/?token=${token}`, { Host: `evil.example:${port}` })).status).toBe(403)
  })
})

describe('the WebSocket', () => {
  it('refuses connections without the right token', async () => {
    await expect(open('')).rejects.toThrow('HTTP 401')
    await expect(open('?token=wrong')).rejects.toThrow('HTTP 401')
  })

  it('answers invokes with envelopes', async () => {
    const ws = await open(`?token=${token}`)
    const reply = await exchange(ws, JSON.stringify({ id: 1, channel: 'lab:snapshot', input: {} }), 1)
    expect(reply.reply.ok).toBe(true)
    expect(reply.reply.data.version).toBe(0)
    expect(reply.reply.data.view.meta.name).toBe('Default lab')
    expect(reply.reply.data.view).not.toHaveProperty('rng')
    const unknown = await exchange(ws, JSON.stringify({ id: 2, channel: 'lab:nope', input: {} }), 2)
    expect(unknown.reply.error.code).toBe('UnknownChannel')
    const invalid = await exchange(ws, JSON.stringify({ id: 3, channel: 'lab:new', input: { name: '' } }), 3)
    expect(invalid.reply.error).toMatchObject({ code: 'InvalidInput', category: 'InvalidArgument' })
    ws.close()
  })

  it('answers malformed messages with BadMessage and stays usable', async () => {
    const ws = await open(`?token=${token}`)
    for (const [text, id] of [
      ['not json', null],
      ['[1, 2]', null],
      ['{"channel": "lab:info"}', null],
      ['{"id": "7", "channel": "lab:info"}', null],
      ['{"id": 8}', 8],
      ['{"id": 9, "channel": 42}', 9],
    ] as const) {
      const reply = await exchange(ws, text, id)
      expect(reply.reply).toMatchObject({
        ok: false,
        error: { code: 'BadMessage', category: 'InvalidArgument' },
      })
    }
    const info = await exchange(ws, JSON.stringify({ id: 10, channel: 'lab:info', input: {} }), 10)
    expect(info.reply.ok).toBe(true)
    ws.close()
  })

  it('pushes the changes of a command as a versioned event', async () => {
    const ws = await open(`?token=${token}`)
    const snapshot = await exchange(ws, JSON.stringify({ id: 1, channel: 'lab:snapshot', input: {} }), 1)
    const event = new Promise<Json>((done) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString())
        if (
          message.event === 'lab:changes' &&
          message.payload.changes.some((c: { c: string }) => c.c === 'volumes')
        )
          done(message.payload)
      })
    })
    const command = {
      type: 'volume.create',
      name: 'Web',
      resiliency: 'two-way-mirror',
      sizeBytes: 2 ** 37,
      provisioning: 'Fixed',
    }
    const reply = await exchange(ws, JSON.stringify({ id: 2, channel: 'lab:command', input: { command } }), 2)
    expect(reply.reply.ok).toBe(true)
    const batch = await event
    expect(batch.version).toBeGreaterThan(snapshot.reply.data.version)
    ws.close()
  })
})

describe('the host', () => {
  it('printed exactly one line', () => {
    expect(stdoutLines).toHaveLength(1)
  })

  it('listens on 127.0.0.1 only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address)
    for (const address of ['::1', ...others]) {
      const reached = await new Promise<boolean>((done) => {
        const socket = connect({ host: address, port }, () => {
          socket.destroy()
          done(true)
        })
        socket.on('error', () => done(false))
      })
      expect(reached, address).toBe(false)
    }
  })

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((done) => host.once('exit', (code) => done(code)))
    host.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
