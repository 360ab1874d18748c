import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RENDERER_CSP, RENDERER_CSP_HEADER } from './security'

describe('renderer content security policy', () => {
  it('is the same in index.html’s <meta> and in the hosts’ header', () => {
    const html = readFileSync(join(__dirname, '../../src-renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBe(RENDERER_CSP)
    expect(RENDERER_CSP_HEADER).toBe(`${RENDERER_CSP}; frame-ancestors 'none'`)
  })

  it('allows no inline or remote script', () => {
    const script = RENDERER_CSP.split('; ').find((d) => d.startsWith('script-src'))
    expect(script).toBe("script-src 'self'")
    expect(RENDERER_CSP).toContain("object-src 'none'")
  })
})
