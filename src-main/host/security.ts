// The renderer's Content Security Policy. The Electron window loads index.html from file://, where
// only a <meta> tag can carry it (src-renderer/index.html has the same string); the web host and the
// Electron dev server also send it as a header, with frame-ancestors, which a <meta> cannot carry.
// Styles need 'unsafe-inline' (PrimeVue, xterm.js and CodeMirror inject style elements); scripts do
// not: the Vue templates are precompiled, so no eval.
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

export const RENDERER_CSP_HEADER = `${RENDERER_CSP}; frame-ancestors 'none'`
