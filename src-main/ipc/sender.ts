import { createHash, timingSafeEqual } from 'node:crypto'

// Sender checks of the two transports, kept free of Electron so they can be unit tested.

export interface RendererOrigin {
  /** The built renderer's page as the window loads it (production): app://hci-lab/index.html. */
  pageUrl: string
  /** electron-vite's dev server, when running `npm start`. */
  devServerUrl?: string
}

/** Our renderer, and nothing else: the dev server's origin, or exactly our page (any #route). */
export function isTrustedRendererUrl(url: string, origin: RendererOrigin): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (origin.devServerUrl) return parsed.origin === new URL(origin.devServerUrl).origin
  // Compared part by part: a custom scheme's URL has no origin in Node (it is 'null').
  const expected = new URL(origin.pageUrl)
  return (
    parsed.protocol === expected.protocol &&
    parsed.host === expected.host &&
    parsed.pathname === expected.pathname
  )
}

/** Compares a presented token with ours in constant time (hashes make the lengths equal). */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(expected), digest(given))
}

/** Only loopback names: a page on another origin that rebinds DNS to 127.0.0.1 is refused. */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`
}
