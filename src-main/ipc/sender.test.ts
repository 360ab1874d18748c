import { describe, expect, it } from 'vitest'
import { isLoopbackHost, isTrustedRendererUrl, tokenMatches } from './sender'

describe('isTrustedRendererUrl', () => {
  const pageUrl = 'app://hci-lab/index.html'

  it('trusts exactly our page, with any route in its hash', () => {
    expect(isTrustedRendererUrl(pageUrl, { pageUrl })).toBe(true)
    expect(isTrustedRendererUrl(`${pageUrl}#/volumes`, { pageUrl })).toBe(true)
    expect(isTrustedRendererUrl('app://hci-lab/evil.html', { pageUrl })).toBe(false)
    expect(isTrustedRendererUrl('app://evil/index.html', { pageUrl })).toBe(false)
    expect(isTrustedRendererUrl('file:///opt/HCI%20Lab/out/renderer/index.html', { pageUrl })).toBe(false)
    expect(isTrustedRendererUrl('https://hci-lab/index.html', { pageUrl })).toBe(false)
    expect(isTrustedRendererUrl('not a url', { pageUrl })).toBe(false)
  })

  it('in development trusts the dev server origin only', () => {
    const origin = { pageUrl, devServerUrl: 'http://localhost:5173' }
    expect(isTrustedRendererUrl('http://localhost:5173/#/dashboard', origin)).toBe(true)
    expect(isTrustedRendererUrl('http://localhost:5174/', origin)).toBe(false)
    expect(isTrustedRendererUrl(pageUrl, origin)).toBe(false)
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
