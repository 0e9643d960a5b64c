import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import { expect, test } from './fixtures';
import { ADMIN, ADMIN2, api, openConsole, pageApi, seriousViolations, SUPERVISOR } from './support';

/*
 * A session belongs to one operator in one window: the browser host's address token admits a page, but who is
 * signed in is the page's own session. A fresh browser or tab starts at the sign-in screen, two pages with two
 * operators each act as their own, and signing out in one leaves the other as it was.
 */
test.describe.configure({ mode: 'serial' });

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

/** A browser of its own (its own storage), as a second person at another desk would open the printed address. */
async function freshBrowser(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'uk-UA', timezoneId: 'Europe/Kyiv' });
  contexts.push(context);
  return context.newPage();
}

/** This worker's browser host database, read-only beside the running host (WAL lets a reader in). */
function outboxOperators(ids: string[]): Record<string, string[]> {
  const db = new Database(resolve(`.tmp/e2e-${test.info().parallelIndex}/training.sqlite`), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT application_id, operator_id FROM outbox WHERE application_id IN (${ids.map(() => '?').join(',')}) ORDER BY seq`).all(...ids) as {
      application_id: string;
      operator_id: string;
    }[];
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.application_id] ??= []).push(r.operator_id);
    return out;
  } finally {
    db.close();
  }
}

/** Two received applications nobody else's spec decides on: the highest-numbered ones a page is sure to list. */
async function twoReceived(request: Parameters<typeof api>[0]): Promise<{ id: string; number: string }[]> {
  const { rows } = await api(request, 'queue.page', { filter: { statuses: ['received'] }, sort: { column: 'number', direction: 'desc' }, offset: 6, limit: 2 });
  expect(rows).toHaveLength(2);
  return rows;
}

/** Claims an application from its screen with `c`, as the operator at that page. */
async function claimOnScreen(page: Page, id: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), `#/applications/${id}`);
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'received');
  await page.keyboard.press('c');
  await expect(page.getByTestId('claim-state')).toHaveAttribute('data-mine', 'true');
}

test('a fresh browser, and a new tab, at the same address open at the sign-in screen; a reload keeps the page signed in', async ({ page, browser, baseURL }) => {
  await openConsole(page);
  await expect(page.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN.id);

  const stranger = await freshBrowser(browser, baseURL);
  await stranger.goto(`/?t=${E2E_TOKEN}`);
  await expect(stranger.getByTestId('sign-in')).toBeVisible();
  await expect(stranger.getByTestId('queue-grid')).toHaveCount(0);
  expect((await pageApi(stranger, 'auth.current', {})).operator).toBeNull();
  // The address token alone opens nothing personal.
  await expect(pageApi(stranger, 'queue.page', { limit: 1 })).rejects.toThrow(/session_required/);
  expect(await seriousViolations(stranger)).toEqual([]);

  const tab = await page.context().newPage();
  await tab.goto(`/?t=${E2E_TOKEN}`);
  await expect(tab.getByTestId('sign-in')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect(page.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN.id);
});

test('two pages signed in as two operators: each action is attributed to the operator at that page', async ({ page, browser, baseURL, request }) => {
  const [first, second] = await twoReceived(request);
  await openConsole(page, '', ADMIN);
  const other = await freshBrowser(browser, baseURL);
  await openConsole(other, '', ADMIN2);
  await expect(page.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN.id);
  await expect(other.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN2.id);

  await claimOnScreen(page, first!.id);
  await claimOnScreen(other, second!.id);

  // The claims and their history say who, through the API and in the outbox itself.
  const wfFirst = await api(request, 'application.workflow', { id: first!.id });
  const wfSecond = await api(request, 'application.workflow', { id: second!.id });
  expect([wfFirst.claim?.operatorId, wfSecond.claim?.operatorId]).toEqual([ADMIN.id, ADMIN2.id]);
  // The history's last step (local until the sync takes it, the server's after) names the operator.
  expect([wfFirst.steps.at(-1)?.status, wfFirst.steps.at(-1)?.operatorId]).toEqual(['in_review', ADMIN.id]);
  expect([wfSecond.steps.at(-1)?.status, wfSecond.steps.at(-1)?.operatorId]).toEqual(['in_review', ADMIN2.id]);
  expect(outboxOperators([first!.id, second!.id])).toEqual({ [first!.id]: [ADMIN.id], [second!.id]: [ADMIN2.id] });
  // Each page sees its own claim as its own and the other's as someone else's.
  expect((await pageApi(page, 'application.workflow', { id: second!.id })).claim?.mine).toBe(false);
  expect((await pageApi(other, 'application.workflow', { id: second!.id })).claim?.mine).toBe(true);

  // Releasing leaves the applications for the other specs.
  await pageApi(page, 'application.release', { id: first!.id });
  await pageApi(other, 'application.release', { id: second!.id });
  expect(outboxOperators([first!.id, second!.id])).toEqual({ [first!.id]: [ADMIN.id, ADMIN.id], [second!.id]: [ADMIN2.id, ADMIN2.id] });
});

test('signing out in one page leaves the other as it was, never switched; a sign-in in one tab does not change another', async ({ page, browser, baseURL }) => {
  await openConsole(page, '', SUPERVISOR);
  const other = await freshBrowser(browser, baseURL);
  await openConsole(other, '', ADMIN2);

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  expect((await pageApi(page, 'auth.current', {})).operator).toBeNull();

  // The other page: still the same operator, still working, also after a reload and an event-driven refresh.
  await expect(other.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN2.id);
  await other.reload();
  await expect(other.getByTestId('queue-grid')).toBeVisible();
  await expect(other.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN2.id);
  expect(await pageApi(other, 'auth.current', {})).toMatchObject({ operator: { id: ADMIN2.id }, locked: false });

  // A second tab of the same browser signs in as someone else: the first tab's operator stays.
  const tab = await other.context().newPage();
  await openConsole(tab, '', SUPERVISOR);
  await expect(tab.getByTestId('current-operator')).toHaveAttribute('data-operator-id', SUPERVISOR.id);
  await other.bringToFront();
  await other.getByTestId('queue-grid').focus();
  await other.keyboard.press('j');
  await expect(other.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN2.id);
  expect((await pageApi(other, 'auth.current', {})).operator?.id).toBe(ADMIN2.id);
  await tab.getByTestId('sign-out').click();
  await expect(tab.getByTestId('sign-in')).toBeVisible();
  expect((await pageApi(other, 'auth.current', {})).operator?.id).toBe(ADMIN2.id);
});

test('a tab that shares its session (a duplicated tab) follows its sign-out at once', async ({ page }) => {
  await openConsole(page);
  const credential = await page.evaluate(() => sessionStorage.getItem('console.session'));
  const duplicate = await page.context().newPage();
  await duplicate.addInitScript((c) => sessionStorage.setItem('console.session', c!), credential);
  await duplicate.goto(`/?t=${E2E_TOKEN}`);
  await expect(duplicate.getByTestId('current-operator')).toHaveAttribute('data-operator-id', ADMIN.id);
  await page.getByTestId('sign-out').click();
  // The core tells the other page holding that session on its event stream: it shows the sign-in screen by itself.
  await expect(duplicate.getByTestId('sign-in')).toBeVisible();
});
