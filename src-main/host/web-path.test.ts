import { describe, expect, it } from 'vitest'
import { parseRequestPath } from './web-path'

const pathOf = (target: string) => {
  const parsed = parseRequestPath(target)
  return parsed.ok ? parsed.path : `refused: ${parsed.reason}`
}

describe('parseRequestPath', () => {
  it('decodes once and resolves dot segments, so each file has one name', () => {
    expect(pathOf('/%69ndex.html')).toBe('/index.html')
    expect(pathOf('/index%2ehtml')).toBe('/index.html')
    expect(pathOf('//index.html')).toBe('/index.html')
    expect(pathOf('/assets/./../index.html')).toBe('/index.html')
    expect(pathOf('/%2e%2e/%2e%2e/package.json')).toBe('/package.json')
    expect(pathOf('/a%20b.js')).toBe('/a b.js')
  })

  it('keeps a trailing slash: a folder is not the file of the same name', () => {
    expect(pathOf('/index.html/')).toBe('/index.html/')
    expect(pathOf('/')).toBe('/')
  })

  it('reads the query apart from the path', () => {
    const parsed = parseRequestPath('/%69ndex.html?token=a%2Bb&x=1')
    expect(parsed).toMatchObject({ ok: true, path: '/index.html' })
    expect(parsed.ok && parsed.query.get('token')).toBe('a+b')
  })

  it('refuses what no page of the app has', () => {
    expect(pathOf('/a%2fb')).toMatch(/separator or NUL/)
    expect(pathOf('/a%5Cb')).toMatch(/separator or NUL/)
    expect(pathOf('/a%00')).toMatch(/separator or NUL/)
    expect(pathOf('/a\\b')).toMatch(/backslash/)
    expect(pathOf('/%2569ndex.html')).toMatch(/encoded twice/)
    expect(pathOf('/%E0%A4%A')).toMatch(/percent-encoding/)
    expect(pathOf('http://127.0.0.1/index.html')).toMatch(/start with \//)
    expect(pathOf('*')).toMatch(/start with \//)
  })
})
