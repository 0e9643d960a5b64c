import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_CENTRAL_ADMIN_TOKEN, E2E_TOKEN } from '../../playwright.config';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';

/** Calls the running core through the browser host, as the renderer does, to know what the screen should show. */
export async function api<M extends MethodName>(request: APIRequestContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  if (method !== 'auth.current' && method !== 'auth.signIn') await ensureSignedIn(request);
  return rawApi(request, method, input);
}

export const ADMIN = { login: 'admin', password: 'admin-training-1' };
export const SUPERVISOR = { login: 'supervisor', password: 'supervisor-training-1' };

/** The core has one session per window; the test's requests and its page share it. */
export async function ensureSignedIn(request: APIRequestContext, who = ADMIN): Promise<void> {
  const state = await rawApi(request, 'auth.current', {});
  if (state.operator && !state.locked) return;
  if (state.operator) await rawApi(request, 'auth.signOut', {});
  await rawApi(request, 'auth.signIn', who);
}

async function rawApi<M extends MethodName>(request: APIRequestContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = await request.post(`/api/${method}`, { data: input, headers: { 'x-console-token': E2E_TOKEN } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { ok: boolean; value?: MethodOutput<M>; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value!;
}

/** Opens the console with the session token, fails the test on any dialog (an alert would mean injected script ran). */
export async function openConsole(page: Page, hash = ''): Promise<void> {
  page.on('dialog', async (d) => {
    await d.dismiss();
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`/?t=${E2E_TOKEN}${hash}`);
  const ready = page.getByTestId('queue-grid').or(page.getByTestId('application-screen'));
  await expect(ready.or(page.getByTestId('sign-in'))).toBeVisible();
  if (await page.getByTestId('sign-in').isVisible()) await signInOnPage(page);
  await expect(ready).toBeVisible();
}

export async function signInOnPage(page: Page, who = ADMIN): Promise<void> {
  await page.getByTestId('sign-in-login').fill(who.login);
  await page.getByTestId('sign-in-password').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in')).toBeHidden();
}

export async function selectedRowId(page: Page): Promise<string | null> {
  return page.locator('[data-testid="queue-row"][aria-selected="true"]').getAttribute('data-id');
}

export const groupDigits = (n: number) => n.toLocaleString('uk-UA').replace(/\s/g, ' ');

/** Serious and critical axe-core findings (WCAG 2 A/AA) on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens a document's print preview in the signed-in console and waits until its sheets are ready to print. */
export async function openPrintPreview(page: Page, hash: string): Promise<void> {
  if (!page.url().includes('127.0.0.1')) await openConsole(page);
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.locator('[data-testid="print-pages"][data-ready="true"]')).toBeVisible({ timeout: 15_000 });
}

/**
 * Stands in for the printer: `window.print` counts the calls instead of opening the browser's dialog (the
 * dialog cannot be driven from a test, and it cannot tell a cancel anyway).
 */
export async function useStandInPrinter(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { printerStandInJobs: number; print: () => void };
    w.printerStandInJobs = 0;
    w.print = function printerStandIn() {
      w.printerStandInJobs++;
    };
  });
}

/** The page as Chromium prints it: A4, or the label's own @page size. */
export async function printToPdf(page: Page, path: string, size: 'a4' | 'label' = 'a4'): Promise<string> {
  if (size === 'label') await page.pdf({ path, preferCSSPageSize: true, printBackground: true });
  else await page.pdf({ path, format: 'A4', printBackground: true });
  return path;
}

/** The PDF's text (poppler's pdftotext), whitespace folded so wrapped lines read as one. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

export function pdfPageCount(path: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
}

/** Every barcode on every page, rasterised at 300 dpi (pdftoppm) and decoded (zbarimg). */
export function pdfBarcodes(path: string, maxPages = 20): string[] {
  const prefix = path.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '300', '-png', '-l', String(maxPages), path, prefix]);
  const dir = dirname(path);
  const pngs = readdirSync(dir)
    .filter((f) => f.startsWith(basename(prefix) + '-') && f.endsWith('.png'))
    .map((f) => join(dir, f));
  return pngs.flatMap((png) => {
    try {
      return execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
    } catch {
      return []; // zbarimg exits non-zero on a page without a barcode
    }
  });
}

/** Opens the console (signing in if needed), then one of its screens by address, and waits for it. */
export async function openScreen(page: Page, hash: string, testId: string): Promise<void> {
  await openConsole(page);
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.getByTestId(testId)).toBeVisible();
}

/**
 * Plays the central system (production, Ukrposhta) against the training central server this worker's console
 * started: posts an event with the admin token, then has the console sync until the application shows `expect`.
 */
export async function centralEvent(
  request: APIRequestContext,
  event: 'produced' | 'delivered' | 'returned' | 'cancelled',
  body: Record<string, unknown> & { applicationId: string },
  expectStatus: string,
): Promise<void> {
  const enrolment = await api(request, 'sync.enrolment', {});
  expect(enrolment.centralUrl).toBeTruthy();
  // Our own decisions reach the server first, so the event finds the application where we left it.
  await api(request, 'sync.now', {});
  await expect.poll(async () => (await api(request, 'sync.status', {})).pendingOps, { timeout: 15_000 }).toBe(0);
  const res = await request.post(`${enrolment.centralUrl!.replace(/\/$/, '')}/v1/events/${event}`, {
    data: body,
    headers: { authorization: `Bearer ${E2E_CENTRAL_ADMIN_TOKEN}` },
  });
  expect(res.status(), await res.text()).toBeLessThan(300);
  await expect
    .poll(async () => {
      await api(request, 'sync.now', {});
      return (await api(request, 'application.get', { id: body.applicationId })).record.status;
    }, { timeout: 15_000 })
    .toBe(expectStatus);
}
