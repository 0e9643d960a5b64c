import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { E2E_TOKEN } from '../../playwright.config';
import { expect, test } from './fixtures';

const BUILT_PAGE = resolve('out/renderer/index.html');

test.describe('the page carries its Content-Security-Policy however it is loaded', () => {
  test('the built index.html has the policy as its first <head> element, the same as the header less frame-ancestors', async ({ request }) => {
    const res = await request.get(`/?t=${E2E_TOKEN}`);
    expect(res.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const html = await res.text();
    expect(html).toBe(readFileSync(BUILT_PAGE, 'utf8'));
    const head = html.slice(html.indexOf('<head>') + '<head>'.length).trimStart();
    expect(head.startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
    expect(META_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  test('opened as a file, with no header at all, the page still refuses inline script', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(pathToFileURL(BUILT_PAGE).href);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toBe(META_CONTENT_SECURITY_POLICY);
    const ran = await page.evaluate(() => {
      const w = window as unknown as { injected?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.head.appendChild(s);
      return w.injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
});
