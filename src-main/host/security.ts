// The renderer's Content Security Policy. The Electron window loads index.html from file://, where
// only a <meta> tag can carry it (src-renderer/index.html has the same string); the web host and the
// Electron dev server also send it as a header, with frame-ancestors, which a <meta> cannot carry.
// Styles need 'unsafe-inline' (ECharts and xterm.js set inline styles); scripts do not: the Vue
// templates are precompiled, so no eval. A test keeps the <meta> and this string identical.
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`

/**
 * Sent with every response of the web host, errors included: the page's URL carries the token, so
 * it is never sent on as a referrer, and no response may be framed, sniffed or shown as a page
 * with scripts from elsewhere.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP_HEADER,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}
