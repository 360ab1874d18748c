import { describe, expect, it } from 'vitest'
import { pathToFileURL } from 'node:url'
import { isLoopbackHost, isTrustedRendererUrl, tokenMatches } from './sender'

describe('isTrustedRendererUrl', () => {
  const indexFile = '/opt/HCI Lab/resources/app.asar/out/renderer/index.html'
  const page = pathToFileURL(indexFile).href

  it('trusts exactly our index.html, with any route in its hash', () => {
    expect(isTrustedRendererUrl(page, { indexFile })).toBe(true)
    expect(isTrustedRendererUrl(`${page}#/volumes`, { indexFile })).toBe(true)
    expect(isTrustedRendererUrl('file:///tmp/evil.html', { indexFile })).toBe(false)
    expect(isTrustedRendererUrl('https://example.com/', { indexFile })).toBe(false)
    expect(isTrustedRendererUrl('not a url', { indexFile })).toBe(false)
  })

  it('in development trusts the dev server origin only', () => {
    const origin = { indexFile, devServerUrl: 'http://localhost:5173' }
    expect(isTrustedRendererUrl('http://localhost:5173/#/dashboard', origin)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', origin)).toBe(false)
    expect(isTrustedRendererUrl(page, origin)).toBe(false)
  })
})

describe('tokenMatches', () => {
  it('needs the exact token', () => {
    expect(tokenMatches('abc123', 'abc123')).toBe(true)
    expect(tokenMatches('abc123', 'abc124')).toBe(false)
    expect(tokenMatches('abc123', 'abc1234')).toBe(false)
    expect(tokenMatches('abc123', '')).toBe(false)
    expect(tokenMatches('abc123', null)).toBe(false)
  })
})

describe('isLoopbackHost', () => {
  it('accepts the loopback names on our port only', () => {
    expect(isLoopbackHost('127.0.0.1:8080', 8080)).toBe(true)
    expect(isLoopbackHost('localhost:8080', 8080)).toBe(true)
    expect(isLoopbackHost('evil.example:8080', 8080)).toBe(false)
    expect(isLoopbackHost('127.0.0.1:8081', 8080)).toBe(false)
    expect(isLoopbackHost(undefined, 8080)).toBe(false)
  })
})
