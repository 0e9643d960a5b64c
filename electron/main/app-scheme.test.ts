import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isTrustedUrl, resolveRendererPath, serveRendererFile } from './app-scheme';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-scheme-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'font');
  writeFileSync(join(base, 'secret.txt'), 'SECRET');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'SECRET');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveRendererFile(root, { method, url });

describe('serving the renderer on app://console', () => {
  it('serves index.html for the root with the strict CSP and an HTML type', async () => {
    const res = await get('app://console/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>console</title>');
  });

  it('names scripts, styles and fonts with their own MIME types', async () => {
    expect((await get('app://console/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://console/assets/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://console/assets/font.woff2')).headers.get('content-type')).toBe('font/woff2');
  });

  it('the policy allows only our own scripts and no plugins, base or framing', () => {
    const directives = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim());
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "img-src 'self' data:", "connect-src 'self'"]) {
      expect(CONTENT_SECURITY_POLICY).toContain(d);
    }
  });

  it.each([
    'app://console/../secret.txt',
    'app://console/%2e%2e/secret.txt',
    'app://console/..%2fsecret.txt',
    'app://console/..%2F..%2Fsecret.txt',
    'app://console/..%5csecret.txt',
    'app://console/..%2frenderer-evil%2fx.js',
    'app://console/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://console/index.html%00.js',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('answers only for its own host and scheme', () => {
    expect(resolveRendererPath(root, 'app://evil/index.html')).toBeNull();
    expect(resolveRendererPath(root, 'file:///etc/passwd')).toBeNull();
    expect(resolveRendererPath(root, 'not a url')).toBeNull();
    expect(resolveRendererPath(root, 'app://console/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('gives client-side routes index.html but a missing asset a 404', async () => {
    const route = await get('app://console/print/receipt');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await get('app://console/assets/missing.js')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD, and answers HEAD without a body', async () => {
    expect((await get('app://console/index.html', 'POST')).status).toBe(405);
    const head = await get('app://console/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('which pages count as the console', () => {
  it('trusts app://console and, in development only, the dev server origin', () => {
    const packaged = { devOrigin: null };
    const dev = { devOrigin: 'http://localhost:5173' };
    expect(isTrustedUrl('app://console/index.html', packaged)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/', packaged)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedUrl('app://console.evil/index.html', packaged)).toBe(false);
    expect(isTrustedUrl('https://example.invalid/', dev)).toBe(false);
    expect(isTrustedUrl('file:///work/main/out/renderer/index.html', packaged)).toBe(false);
    expect(isTrustedUrl('', packaged)).toBe(false);
  });
});
