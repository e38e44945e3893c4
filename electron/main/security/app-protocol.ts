/**
 * The app:// protocol that serves the built renderer (out/renderer/**) instead of file:// (Electron
 * security checklist #18, Mattermost's path check). Only GET/HEAD of files under the renderer folder,
 * on the app's own host; every response carries the CSP header and `nosniff`.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/**
 * Registered before `ready` (Electron allows it only then, and only once). `standard` gives the scheme
 * an origin and relative URLs; `secure` makes it a secure context; `supportFetchAPI` lets Chromium load
 * the renderer's ES module scripts from it. Deliberately absent: `bypassCSP`, `corsEnabled` (keeps the
 * scheme unreadable from other origins), `allowServiceWorkers`.
 */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file an app:// URL names inside `root`, or null when it is not ours to serve: another host, an
 * encoded separator or NUL, or a path that resolves outside `root` (`..`, absolute paths, drive letters).
 */
export function resolveAppAsset(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // A decoded backslash or NUL has no business in a web path; on Windows a backslash is a separator.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  const inside = path.relative(base, file);
  if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

export interface AppProtocolOptions {
  /** The built renderer folder (out/renderer). */
  readonly root: string;
  readonly readFile: (file: string) => Promise<Buffer>;
}

/** The handler for `protocol.handle('app', …)`. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plainResponse(405, 'Method not allowed');
    const file = resolveAppAsset(request.url, options.root);
    if (!file) return plainResponse(404, 'Not found');
    let body: Buffer;
    try {
      body = await options.readFile(file);
    } catch {
      return plainResponse(404, 'Not found');
    }
    const headers = securityHeaders(contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: securityHeaders('text/plain; charset=utf-8') });
}
