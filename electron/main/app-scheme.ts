import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/**
 * The app:// origin: which URLs count as ours, and serving the built renderer from `app://console/…`.
 * Pure Node, no Electron, so vitest covers it; electron/main/protocol.ts plugs it into `protocol.handle`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Where the renderer may live: our app:// origin, or the electron-vite dev server during development. */
export interface TrustedOrigins {
  devOrigin: string | null;
}

export function isTrustedUrl(rawUrl: string, origins: TrustedOrigins): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  // Node gives custom schemes the origin "null", so compare scheme and host rather than `url.origin`.
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  return origins.devOrigin !== null && url.origin === origins.devOrigin;
}

/** One policy for both hosts (shared/csp.ts): the browser host sends the same header. */
export { CONTENT_SECURITY_POLICY };

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an `app://console/…` URL names, or null when the URL is not ours or would leave
 * `root` (`..`, encoded separators, backslashes, NUL, drive letters).
 */
export function resolveRendererPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const full = resolve(base, relative);
  if (!full.startsWith(base + sep)) return null;
  return full;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Answers one request for the built renderer. A path without an extension that names no file gets index.html,
 * so client-side routes (the print route) survive a reload.
 */
export async function serveRendererFile(root: string, request: { method: string; url: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  let path = resolveRendererPath(root, request.url);
  if (!path) return plain(404, 'Not found');
  if (!(await isFile(path))) {
    if (extname(path) !== '') return plain(404, 'Not found');
    path = resolve(root, 'index.html');
    if (!(await isFile(path))) return plain(404, 'Not found');
  }
  const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(path) };
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = await readFile(path);
  return new Response(new Uint8Array(body), { status: 200, headers });
}
