import { posix } from 'node:path'

// The one reading of a request's path that the web host acts on. The token check and the file
// lookup must agree on which file a path names, so both use this result and nothing else: a
// spelling such as /%69ndex.html or /assets/../index.html must not reach the page without its token.

export type RequestPath = { ok: true; path: string; query: URLSearchParams } | { ok: false; reason: string }

// Encoded '/', '\' and NUL would let a path name something its segments do not show.
const ENCODED_SEPARATOR_OR_NUL = /%(2f|5c|00)/i

/**
 * Decodes the request target's path once and resolves its dot segments. Refuses targets that are
 * not origin-form ("/…"), encoded separators or NULs, backslashes, bad percent-encoding, and a '%'
 * left after decoding (double encoding): no page of the app has any of them.
 */
export function parseRequestPath(target: string): RequestPath {
  const queryAt = target.indexOf('?')
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt)
  const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1))
  if (!rawPath.startsWith('/')) return refuse('the path must start with /')
  if (ENCODED_SEPARATOR_OR_NUL.test(rawPath)) return refuse('the path encodes a separator or NUL')
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return refuse('the path is not valid percent-encoding')
  }
  if (decoded.includes('%')) return refuse('the path is encoded twice')
  if (decoded.includes('\\') || decoded.includes('\0')) return refuse('the path has a backslash or NUL')
  // posix.normalize resolves '.', '..' (never above '/') and repeated slashes, and keeps a
  // trailing slash: '/index.html/' stays a folder's name, not the page's.
  return { ok: true, path: posix.normalize(decoded), query }
}

function refuse(reason: string): RequestPath {
  return { ok: false, reason }
}
