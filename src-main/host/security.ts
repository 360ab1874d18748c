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
