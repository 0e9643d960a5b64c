import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_CENTRAL_ADMIN_TOKEN, E2E_TOKEN } from '../../playwright.config';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';

export interface Credentials {
  login: string;
  password: string;
}

export interface E2EOperator extends Credentials {
  /** The operator id the training central server publishes for this login. */
  id: string;
}

/** The training operators (README): the e2e hosts run in training mode. */
export const ADMIN: E2EOperator = { login: 'admin', password: 'admin-training-1', id: 'op-admin-1' };
export const ADMIN2: E2EOperator = { login: 'admin2', password: 'admin-training-2', id: 'op-admin-2' };
export const SUPERVISOR: E2EOperator = { login: 'supervisor', password: 'supervisor-training-1', id: 'op-supervisor-1' };

/**
 * The test's own API sessions, one per operator: each page has a session of its own, so the test calls the core as a
 * window of its own too, signed in once and kept (a worker process talks to its one browser host).
 */
const apiSessions = new Map<string, string>();

/**
 * Calls the running core through the browser host as `as` (a window of the test's own, not the page's), to know what
 * the screen should show or to act as another operator.
 */
export async function api<M extends MethodName>(request: APIRequestContext, method: M, input: MethodInput<M>, as: Credentials = ADMIN): Promise<MethodOutput<M>> {
  const key = as.login;
  for (let attempt = 0; ; attempt++) {
    let session = apiSessions.get(key);
    if (!session) {
      session = (await rawApi(request, 'auth.signIn', { login: as.login, password: as.password }, null)).session!;
      apiSessions.set(key, session);
    }
    try {
      return await rawApi(request, method, input, session);
    } catch (err) {
      // The session ended (a restart of the host, its expiry): sign in once more.
      if (attempt > 0 || !(err instanceof SessionEnded)) throw err;
      apiSessions.delete(key);
    }
  }
}

/** Calls the core as the page does, with the page's own session: what that window's operator may see and do. */
export async function pageApi<M extends MethodName>(page: Page, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const body = await page.evaluate(
    async ([m, i]) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-console-token': sessionStorage.getItem('console.token') ?? '' };
      const session = sessionStorage.getItem('console.session');
      if (session) headers['x-console-session'] = session;
      const res = await fetch(`/api/${m}`, { method: 'POST', headers, body: JSON.stringify(i) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
    },
    [method, input] as const,
  );
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value as MethodOutput<M>;
}

class SessionEnded extends Error {}

async function rawApi<M extends MethodName>(request: APIRequestContext, method: M, input: MethodInput<M>, session: string | null): Promise<MethodOutput<M>> {
  const headers: Record<string, string> = { 'x-console-token': E2E_TOKEN, ...(session ? { 'x-console-session': session } : {}) };
  const res = await request.post(`/api/${method}`, { data: input, headers });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { ok: boolean; value?: MethodOutput<M>; error?: { code: string } };
  if (!body.ok && body.error?.code === 'session_required' && session) throw new SessionEnded(`${method}: the session ended`);
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value!;
}

/**
 * Opens the console with the address token, fails the test on any dialog (an alert would mean injected script ran).
 * A new page starts at the sign-in screen (its session is its own) and signs in as `who`; a page already signed in
 * as someone else signs out first.
 */
export async function openConsole(page: Page, hash = '', who: E2EOperator = ADMIN): Promise<void> {
  if (!watchedPages.has(page)) {
    watchedPages.add(page);
    page.on('dialog', async (d) => {
      await d.dismiss();
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
  }
  await page.goto(`/?t=${E2E_TOKEN}${hash}`);
  const ready = page.getByTestId('queue-grid').or(page.getByTestId('application-screen'));
  await expect(ready.or(page.getByTestId('sign-in'))).toBeVisible();
  if (await page.getByTestId('sign-in').isHidden()) {
    const signedIn = (await pageApi(page, 'auth.current', {})).operator;
    if (signedIn?.id === who.id) return;
    await page.getByTestId('sign-out').click();
  }
  await signInOnPage(page, who);
  await expect(ready).toBeVisible();
}

const watchedPages = new WeakSet<Page>();

export async function signInOnPage(page: Page, who: Credentials = ADMIN): Promise<void> {
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
export async function openScreen(page: Page, hash: string, testId: string, who: E2EOperator = ADMIN): Promise<void> {
  await openConsole(page, '', who);
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

/**
 * Holds the page's first answer from the console's `method` (`/api/<method>`): the core answers it when asked, the
 * page gets it only at `deliver()`, which then lets the page take it in (a few frames) and lets later requests pass.
 * For showing that an answer read earlier and arriving after a newer event does not undo that event.
 */
export async function holdFirstAnswer(page: Page, method: string): Promise<{ answered: Promise<void>; deliver: () => Promise<void> }> {
  const url = `**/api/${method}`;
  let fulfil: (() => Promise<void>) | null = null;
  let held = false;
  let answeredNow!: () => void;
  const answered = new Promise<void>((resolve) => (answeredNow = resolve));
  await page.route(url, async (route) => {
    if (held) return route.continue();
    held = true;
    const response = await route.fetch();
    fulfil = () => route.fulfill({ response });
    answeredNow();
  });
  return {
    answered,
    async deliver() {
      await answered;
      const delivered = page.waitForResponse((r) => r.url().endsWith(`/api/${method}`));
      await fulfil!();
      await delivered;
      await page.unroute(url);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    },
  };
}
