import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { contentType, resolveStatic } from './static-files'

const base = mkdtempSync(join(tmpdir(), 'hci-static-'))
const root = join(base, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html>')
writeFileSync(join(root, 'assets', 'app.js'), '')
writeFileSync(join(base, 'secret.txt'), 'secret')
afterAll(() => rmSync(base, { recursive: true, force: true }))

describe('resolveStatic', () => {
  it('finds files under the root', () => {
    expect(resolveStatic(root, '/index.html')).toBe(join(root, 'index.html'))
    expect(resolveStatic(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it('never leaves the root', () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/..\\secret.txt', '/index.html\0.js'])
      expect(resolveStatic(root, path), path).toBeNull()
  })

  it('decodes nothing: the caller has (parseRequestPath), once', () => {
    expect(resolveStatic(root, '/%69ndex.html')).toBeNull()
  })

  it('serves files only, not folders or missing paths', () => {
    expect(resolveStatic(root, '/assets')).toBeNull()
    expect(resolveStatic(root, '/')).toBeNull()
    expect(resolveStatic(root, '/index.html/')).toBeNull()
    expect(resolveStatic(root, '/nope.js')).toBeNull()
  })
})

describe('contentType', () => {
  it('names the types a Vite build produces', () => {
    expect(contentType('a.html')).toBe('text/html; charset=utf-8')
    expect(contentType('a.js')).toBe('text/javascript; charset=utf-8')
    expect(contentType('a.css')).toBe('text/css; charset=utf-8')
    expect(contentType('a.woff2')).toBe('font/woff2')
    expect(contentType('a.svg')).toBe('image/svg+xml')
    expect(contentType('a.bin')).toBe('application/octet-stream')
  })
})
