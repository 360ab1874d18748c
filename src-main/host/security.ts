// The renderer's Content Security Policy. Every host sends it as a header, with frame-ancestors,
// which a <meta> cannot carry: the web host, the Electron app's app://hci-lab/ scheme and (through
// the session) the Electron dev server. src-renderer/index.html carries the same string in a <meta>
// as well, so a page opened any other way keeps it; a test keeps the two identical.
// Styles need 'unsafe-inline' (ECharts and xterm.js set inline styles); scripts do not: the Vue
// templates are precompiled, so no eval.
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
