/**
 * Paperwork to PDF in Chromium: one production order, then a batch of `batch` orders in one print job, each
 * timed from opening the print route to the PDF's bytes (data, layout, barcodes, fonts and printing). The
 * baseline is a plain HTML page with the same text on the same number of sheets, printed in the same run.
 *
 * Run alone against a running browser host: `tsx bench/paperwork.ts --url http://127.0.0.1:PORT --token T`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';

export interface PaperworkBench {
  onePdfMs: number;
  batchPdfMs: number;
  plainOneMs: number;
  plainBatchMs: number;
}

const TRAINING_ADMIN = { login: 'admin', password: 'admin-training-1' };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The bench's own session (the sign-in below gives it); every call and the console page carry it. */
let session: string | null = null;

async function call<T>(baseUrl: string, token: string, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-token': token, ...(session ? { 'x-console-session': session } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
  return body.value!;
}

/** Each window has its own session: the bench signs the training administrator in as a window of its own. */
async function signIn(baseUrl: string, token: string): Promise<string> {
  session = (await call<{ session: string }>(baseUrl, token, 'auth.signIn', TRAINING_ADMIN)).session;
  return session;
}

async function applicationIds(baseUrl: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const page = await call<{ rows: { id: string }[]; total: number }>(baseUrl, token, 'queue.page', {
      sort: { column: 'number', direction: 'asc' },
      offset: ids.length,
      limit: Math.min(500, count - ids.length),
    });
    if (page.rows.length === 0) throw new Error(`the console holds ${page.total} applications; the bench needs ${count}`);
    ids.push(...page.rows.map((r) => r.id));
  }
  return ids;
}

/** Opens the print route for these applications and prints it; returns the time and the sheets' text. */
async function printRoute(page: Page, ids: string[]): Promise<{ ms: number; sheets: string[] }> {
  const started = performance.now();
  await page.evaluate((hash) => (window.location.hash = hash), `#/print/production_order?ids=${ids.join(',')}`);
  await page.locator('[data-testid="print-pages"][data-ready="true"]').waitFor({ timeout: 120_000 });
  await page.pdf({ format: 'A4', printBackground: true });
  const ms = performance.now() - started;
  const sheets = await page.locator('.paper').evaluateAll((papers) => papers.map((p) => (p as HTMLElement).innerText));
  // Leave the route so the next run loads its data again.
  await page.evaluate(() => (window.location.hash = '#/'));
  await page.getByTestId('queue-grid').waitFor();
  return { ms, sheets };
}

/** The same text, one sheet per document, as plain HTML with no application around it. */
async function printPlain(page: Page, sheets: string[]): Promise<number> {
  const escape = (s: string) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  const html = `<!doctype html><meta charset="utf-8"><style>@page{size:A4;margin:12mm 14mm}section{break-after:page;white-space:pre-wrap;font:10.5pt sans-serif}</style>${sheets
    .map((s) => `<section>${escape(s)}</section>`)
    .join('')}`;
  const started = performance.now();
  await page.setContent(html);
  await page.pdf({ format: 'A4', printBackground: true });
  return performance.now() - started;
}

export async function benchPaperwork(opts: { baseUrl: string; token: string; batch: number }): Promise<PaperworkBench> {
  const baseUrl = opts.baseUrl.replace(/\/$/, '');
  const credential = await signIn(baseUrl, opts.token);
  const ids = await applicationIds(baseUrl, opts.token, Math.max(1, opts.batch));
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const consolePage = await browser.newPage({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
    // The page holds the same session, as a duplicated tab would: it opens on the queue, not the sign-in screen.
    await consolePage.addInitScript((c) => sessionStorage.setItem('console.session', c), credential);
    await consolePage.goto(`${baseUrl}/?t=${encodeURIComponent(opts.token)}`);
    await consolePage.getByTestId('queue-grid').waitFor({ timeout: 60_000 });
    // Warm-up: the print route's code, the fonts and the first layout are loaded once, as in a working day.
    await printRoute(consolePage, ids.slice(0, 1));
    const one = await printRoute(consolePage, ids.slice(0, 1));
    const batch = await printRoute(consolePage, ids);

    const plain = await browser.newPage();
    await printPlain(plain, one.sheets);
    const plainOneMs = await printPlain(plain, one.sheets);
    const plainBatchMs = await printPlain(plain, batch.sheets);
    return { onePdfMs: one.ms, batchPdfMs: batch.ms, plainOneMs, plainBatchMs };
  } finally {
    await browser?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { url: { type: 'string' }, token: { type: 'string' }, batch: { type: 'string', default: '100' } } });
  if (!values.url || !values.token) throw new Error('usage: tsx bench/paperwork.ts --url http://127.0.0.1:PORT --token TOKEN [--batch 100]');
  const r = await benchPaperwork({ baseUrl: values.url, token: values.token, batch: Number(values.batch) });
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  process.stdout.write(`one document to PDF: ${f(r.onePdfMs)} (plain HTML ${f(r.plainOneMs)})\n`);
  process.stdout.write(`batch of ${values.batch} to PDF: ${f(r.batchPdfMs)} (plain HTML ${f(r.plainBatchMs)})\n`);
}
