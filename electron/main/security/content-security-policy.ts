/**
 * The Content-Security-Policy of the renderer, sent as a response header by the app:// protocol (the
 * renderer's index.html carries the same policy in a meta tag). The renderer talks to the main process
 * only through the preload bridge, so it needs no network at all: `connect-src 'none'`. No inline
 * script or style, no eval, no plugins, no frames, no forms, no <base> rewriting.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "media-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
