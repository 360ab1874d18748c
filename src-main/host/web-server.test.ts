import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from './web-server'

// The web host's HTTP side with raw requests: node:http sends the path exactly as written, where
// fetch would normalise it first and hide what a hand-made request can do.

const base = mkdtempSync(join(tmpdir(), 'hci-web-server-'))
const rendererDir = join(base, 'renderer')
mkdirSync(join(rendererDir, 'assets'), { recursive: true })
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>HCI Lab</title>')
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {}')
let host: WebHost

beforeAll(async () => {
  host = await startWebHost({ dataDir: join(base, 'data'), rendererDir, log: () => {} })
})
afterAll(async () => {
  await host.close()
  rmSync(base, { recursive: true, force: true })
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function get(path: string, method = 'GET'): Promise<Reply> {
  return new Promise((done, failed) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body }))
    })
    req.on('error', failed)
    req.end()
  })
}

describe('the page needs its token however its path is spelt', () => {
  for (const path of [
    '/%69ndex.html',
    '/index%2ehtml',
    '/index%2Ehtml',
    '//index.html',
    '/./index.html',
    '/assets/../index.html',
    '/assets/%2e%2e/index.html',
  ])
    it(path, async () => {
      const reply = await get(path)
      expect(reply.status).toBe(403)
      expect(reply.body).toMatch(/token/)
    })

  it('serves it with the token under the same spellings', async () => {
    for (const path of ['/', '/index.html', '/%69ndex.html', '/assets/../index.html']) {
      const reply = await get(`${path}?token=${host.token}`)
      expect(reply.status, path).toBe(200)
      expect(reply.body, path).toContain('<title>HCI Lab</title>')
    }
  })

  it('is not a folder: /index.html/ is not found', async () => {
    expect((await get('/index.html/')).status).toBe(404)
    expect((await get(`/index.html/?token=${host.token}`)).status).toBe(404)
  })
})

describe('paths that no page could have are refused with 400', () => {
  for (const path of [
    '/assets%2fapp.js',
    '/assets%2Fapp.js',
    '/assets%5capp.js',
    '/assets\\app.js',
    '/index.html%00',
    '/%2569ndex.html',
    '/%E0%A4%A',
    '/%',
  ])
    it(path, async () => {
      const reply = await get(path)
      expect(reply.status).toBe(400)
      expect(reply.body).toMatch(/Bad Request/)
    })
})

describe('every response carries the security headers', () => {
  it('a request Node cannot parse', async () => {
    const reply = await new Promise<string>((done, failed) => {
      let text = ''
      const socket = connect({ host: '127.0.0.1', port: host.port }, () => socket.write('NOT HTTP\r\n\r\n'))
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => (text += chunk))
      socket.on('end', () => done(text))
      socket.on('error', failed)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(reply).toMatch(/\r\nContent-Security-Policy: default-src 'self';[^\r]*frame-ancestors 'none'\r\n/)
    expect(reply).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/)
  })

  for (const [what, path, method, status] of [
    ['the page', '/?token=TOKEN', 'GET', 200],
    ['an asset', '/assets/app.js', 'GET', 200],
    ['a missing file', '/nope.js', 'GET', 404],
    ['a refused page', '/index.html', 'GET', 403],
    ['a bad path', '/%2fetc', 'GET', 400],
    ['a wrong method', '/assets/app.js', 'POST', 405],
  ] as const)
    it(what, async () => {
      const reply = await get(path.replace('TOKEN', host.token), method)
      expect(reply.status).toBe(status)
      expect(reply.headers['content-security-policy']).toMatch(
        /^default-src 'self';.*frame-ancestors 'none'$/,
      )
      expect(reply.headers['x-content-type-options']).toBe('nosniff')
      expect(reply.headers['x-frame-options']).toBe('DENY')
      expect(reply.headers['referrer-policy']).toBe('no-referrer')
    })
})
