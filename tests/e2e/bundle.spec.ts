import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { api, openConsole, SUPERVISOR } from './support';

/**
 * The built renderer loads the sign-in and queue screens first: the scripts the page asks for before the queue
 * shows stay small and hold neither the print templates nor the barcode library; every other screen is its own
 * chunk, fetched when first opened.
 */
const OUT = 'out/renderer';
/** Scripts loaded before the first screen (the entry and the chunks it imports), minified, in bytes. */
const FIRST_LOAD_LIMIT = 640 * 1024;
/** Text found only in the print templates (a class of the refusal notice) and in bwip-js. */
const PRINT_ONLY = ['paper__addressee', 'bwipp'];
/** Text found only in the reports screen and in recharts. */
const REPORTS_ONLY = ['report-trend-chart', 'recharts-surface'];

function firstLoadScripts(): string[] {
  const html = readFileSync(join(OUT, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script type="module"[^>]*src="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  return [...entry, ...preloads];
}

test.describe('renderer bundle', () => {
  test('the first load is the entry and its shared chunks, under the size limit, with no print templates or barcodes', () => {
    const scripts = firstLoadScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.reduce((sum, f) => sum + statSync(join(OUT, f)).size, 0);
    expect(bytes, `first load: ${scripts.join(', ')}`).toBeLessThan(FIRST_LOAD_LIMIT);
    for (const f of scripts) {
      const text = readFileSync(join(OUT, f), 'utf8');
      for (const marker of [...PRINT_ONLY, ...REPORTS_ONLY]) expect(text.includes(marker), `${marker} in ${f}`).toBe(false);
    }
  });

  test('the queue opens with only the first-load scripts; the application and print screens fetch their own chunks', async ({ page, request }) => {
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') fetched.push(new URL(r.url()).pathname.replace(/^\//, ''));
    });
    await openConsole(page);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    expect(fetched.sort()).toEqual(firstLoadScripts().sort());

    const row = (await api(request, 'queue.page', { sort: { column: 'number', direction: 'desc' }, limit: 1 })).rows[0]!;
    const before = fetched.length;
    await page.evaluate((id) => (window.location.hash = `#/applications/${id}`), row.id);
    await expect(page.getByTestId('application-screen')).toBeVisible();
    const applicationChunks = fetched.slice(before);
    expect(applicationChunks.some((f) => /ApplicationScreen-[\w-]+\.js$/.test(f)), applicationChunks.join(', ')).toBe(true);

    const beforePrint = fetched.length;
    await page.evaluate(() => (window.location.hash = '#/print/daily_register?date=2026-11-26'));
    await expect(page.getByTestId('print-screen')).toBeVisible();
    const printChunks = fetched.slice(beforePrint);
    expect(printChunks.some((f) => /PrintScreen-[\w-]+\.js$/.test(f)), printChunks.join(', ')).toBe(true);
    const printText = printChunks.map((f) => readFileSync(join(OUT, f), 'utf8')).join('\n');
    expect(printText).toContain('bwipp');
  });

  test('the reports screen and its chart library come in their own chunk, fetched when a supervisor opens it', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') fetched.push(new URL(r.url()).pathname.replace(/^\//, ''));
    });
    await openConsole(page, '', SUPERVISOR);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    const before = fetched.length;
    await page.evaluate(() => (window.location.hash = '#/reports?from=2026-11-01&to=2026-11-27'));
    await expect(page.getByTestId('report-summary')).toBeVisible();
    const chunks = fetched.slice(before);
    expect(chunks.some((f) => /ReportsScreen-[\w-]+\.js$/.test(f)), chunks.join(', ')).toBe(true);
    expect(chunks.map((f) => readFileSync(join(OUT, f), 'utf8')).join('\n')).toContain('recharts-surface');
  });
});
