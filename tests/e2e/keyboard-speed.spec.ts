import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { QueueRow } from '../../shared/api/queue';
import { expect, test } from './fixtures';
import { ADMIN, api, openConsole, seriousViolations, signInOnPage } from './support';

/*
 * The administrator's speed at the keyboard: the fewest keys from a row selected in the queue to a decision, with
 * every manual check still affirmed by name, and the focus on the queue's selected row whenever the queue is there.
 */

// The tests share one browser host (and its one session) and take their applications from one pool.
test.describe.configure({ mode: 'serial' });

const APPROVE_KEYS_MAX = 4;
const REFUSE_KEYS_MAX = 6;
const MANUAL_CHECKS = ['photoSignatureSuitable', 'dataConsistent', 'deliveryDetailsComplete'];

/**
 * Every key of a path goes through `press`, which counts it; typed text (the explanation) goes through the
 * keyboard's `type` and is not a key press of the path.
 */
class CountedKeys {
  readonly pressed: string[] = [];
  constructor(private readonly page: Page) {}
  async press(key: string): Promise<void> {
    this.pressed.push(key);
    await this.page.keyboard.press(key);
  }
}

/**
 * Received in-person applications with passing automatic checks from the top of the pool (by number, descending):
 * the deciding spec starts 20 rows below, other specs take the lowest numbers or Ukrposhta ones.
 */
const used = new Set<string>();
async function takeReceived(request: APIRequestContext, n: number): Promise<QueueRow[]> {
  const pool = (
    await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['pickup'] }, sort: { column: 'number', direction: 'desc' }, limit: 20 })
  ).rows;
  const out: QueueRow[] = [];
  for (const r of pool) {
    if (out.length === n) break;
    if (used.has(r.id) || !(await api(request, 'application.workflow', { id: r.id })).autoChecks.every((c) => c.passed)) continue;
    used.add(r.id);
    out.push(r);
  }
  expect(out, `${n} received in-person applications whose automatic checks pass`).toHaveLength(n);
  return out;
}

const grid = (page: Page) => page.getByTestId('queue-grid');
const selectedRow = (page: Page) => page.locator('[data-testid="queue-row"][aria-selected="true"]');

/** The queue has the focus and shows it on the selected row (an outline, besides the row's tint and bar). */
async function expectFocusOnSelectedRow(page: Page, id?: string): Promise<void> {
  await expect(grid(page)).toBeFocused();
  const row = selectedRow(page);
  await expect(row).toHaveCount(1);
  if (id) await expect(row).toHaveAttribute('data-id', id);
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', (await row.getAttribute('id'))!);
  const outline = await row.evaluate((el) => {
    const s = getComputedStyle(el);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  expect(outline).toBe('solid 2px');
}

/** Setting the scene (not counted): the queue open, searched down to one application, its row selected and focused. */
async function selectInQueue(page: Page, row: QueueRow): Promise<void> {
  await openConsole(page);
  const search = page.getByTestId('queue-search');
  await search.fill(row.number);
  await expect(selectedRow(page)).toHaveAttribute('data-id', row.id);
  await search.press('Escape');
  await expectFocusOnSelectedRow(page, row.id);
}

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

const indexOf = async (row: Locator) => Number(await row.getAttribute('aria-rowindex'));

/** The steps of taking into work and deciding, local or already pulled from the central server (which names statuses only). */
const ACTION_OF_STATUS: Record<string, string> = { in_review: 'claim', approved: 'approve', refused: 'refuse' };
function decisionSteps<S extends { source: string; action: string | null; status: string }>(steps: S[]): (S & { action: string })[] {
  return steps
    .filter((s) => s.status in ACTION_OF_STATUS)
    .map((s) => ({ ...s, action: s.source === 'local' ? s.action! : ACTION_OF_STATUS[s.status]! }));
}

test(`approve from the queue in at most ${APPROVE_KEYS_MAX} keys: Enter, a, Enter take it into work, affirm each listed check and approve, and the next application opens`, async ({ page, request }) => {
  const [row] = await takeReceived(request, 1);
  await selectInQueue(page, row!);

  const keys = new CountedKeys(page);
  await keys.press('Enter');
  await expect(page.getByTestId('application-screen')).toHaveAttribute('data-id', row!.id);
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'received');
  await keys.press('a');
  const confirm = page.getByTestId('approve-confirm');
  await expect(confirm).toBeVisible();
  // One explicit confirmation: it takes the application into work, shows the automatic checks as they stand and
  // names each manual check it affirms.
  await expect(page.getByTestId('approve-takes-into-work')).toBeVisible();
  await expect(page.getByTestId('approve-auto-checks').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('approve-auto-checks').locator('li[data-passed="true"]')).toHaveCount(4);
  await expect(page.getByTestId('approve-manual-checks').locator('li')).toHaveText([
    /Фото й підпис придатні для посвідчення.*засвідчуєте цим погодженням/,
    /Дані заяви узгоджені між собою.*засвідчуєте цим погодженням/,
    /Дані для отримання повні.*засвідчуєте цим погодженням/,
  ]);
  await expect(page.getByTestId('approve-confirm-submit')).toBeFocused();
  await expect(page.getByTestId('approve-confirm-submit')).toContainText('Взяти в роботу, підтвердити перевірки й погодити');
  await noSeriousViolations(page);
  await keys.press('Enter');

  // Approve and next: another application is open and the panel says what was done.
  await expect(page.getByTestId('decision-notice')).toHaveText(`Виготовлення за заявою № ${row!.number} погоджено. Відкрито наступну заяву.`);
  await expect(page.getByTestId('application-screen')).not.toHaveAttribute('data-id', row!.id);
  expect(keys.pressed).toEqual(['Enter', 'a', 'Enter']);
  expect(keys.pressed.length).toBeLessThanOrEqual(APPROVE_KEYS_MAX);

  // The decision landed: taken into work and approved by this operator, each manual check marked with who and when.
  const wf = await api(request, 'application.workflow', { id: row!.id });
  expect(wf.status).toBe('approved');
  // The console syncs on its own after a decision: the steps are local until the central server has them, then
  // pulled (statuses only); either way, this operator's claim and approval with each check marked at the approval.
  const decided = decisionSteps(wf.steps);
  expect(decided.map((s) => [s.action, s.operatorId])).toEqual([['claim', 'op-admin-1'], ['approve', 'op-admin-1']]);
  const approval = decided[1]!;
  expect(approval.checkMarks?.map((m) => [m.check, m.operatorId, Date.parse(m.at)])).toEqual(MANUAL_CHECKS.map((c) => [c, 'op-admin-1', Date.parse(approval.at)]));

  // The central server accepted both ops and sends the marks back with the approval.
  await api(request, 'sync.now', {});
  await expect.poll(async () => (await api(request, 'sync.status', {})).pendingOps, { timeout: 15_000 }).toBe(0);
  await api(request, 'sync.now', {});
  const synced = (await api(request, 'application.workflow', { id: row!.id })).steps.filter((s) => s.status === 'approved');
  expect(synced.map((s) => [s.source, s.operatorId])).toEqual([['server', 'op-admin-1']]);
  expect(synced[0]!.checkMarks?.map((m) => [m.check, m.operatorId]).sort()).toEqual(MANUAL_CHECKS.map((c) => [c, 'op-admin-1']).sort());
});

test(`refuse from the queue in at most ${REFUSE_KEYS_MAX} keys and the explanation: Enter, r, ↓ for a reason, Tab, the text, Ctrl+Enter`, async ({ page, request }) => {
  const [row] = await takeReceived(request, 1);
  await selectInQueue(page, row!);
  const explanation = 'Фото не відповідає вимогам: обличчя затінене, риси не видно.';

  const keys = new CountedKeys(page);
  await keys.press('Enter');
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'received');
  await keys.press('r');
  await expect(page.getByTestId('refuse-dialog')).toBeVisible();
  await expect(page.getByTestId('refuse-takes-into-work')).toBeVisible();
  // The checks passed, so no reason is suggested: the operator picks one (the worst case for the count).
  const select = page.getByTestId('refuse-reason');
  await expect(select).toBeFocused();
  await expect(select).toHaveValue('');
  await keys.press('ArrowDown');
  await expect(select).not.toHaveValue('');
  const reasonCode = await select.inputValue();
  await keys.press('Tab');
  await expect(page.getByTestId('refuse-explanation')).toBeFocused();
  await page.keyboard.type(explanation);
  await expect(page.getByTestId('refuse-submit')).toBeEnabled();
  await noSeriousViolations(page);
  await keys.press('Control+Enter');

  await expect(page.getByTestId('refuse-dialog')).toHaveCount(0);
  await expect(page.getByTestId('workflow-panel')).toHaveAttribute('data-status', 'refused');
  expect(keys.pressed).toEqual(['Enter', 'r', 'ArrowDown', 'Tab', 'Control+Enter']);
  expect(keys.pressed.length).toBeLessThanOrEqual(REFUSE_KEYS_MAX);

  const detail = await api(request, 'application.get', { id: row!.id });
  expect([detail.record.status, detail.record.refusal]).toEqual(['refused', { reasonCode, explanation }]);
  const decided = decisionSteps((await api(request, 'application.workflow', { id: row!.id })).steps);
  expect(decided.map((s) => [s.action, s.operatorId])).toEqual([['claim', 'op-admin-1'], ['refuse', 'op-admin-1']]);

  // After the decision, Esc goes back to the queue with the focus on the same row.
  await page.keyboard.press('Escape');
  await expectFocusOnSelectedRow(page, row!.id);
});

test('focus after sign-in: the queue\'s selected row has it, visibly, and j, k and Enter work at once', async ({ page }) => {
  await openConsole(page);
  await expect(page.getByTestId('sign-in')).toHaveCount(0);
  // openConsole signed in on the page (a new page is a window of its own): the grid has the focus straight away.
  await expectFocusOnSelectedRow(page);
  const first = await indexOf(selectedRow(page));
  await page.keyboard.press('j');
  await expect.poll(() => indexOf(selectedRow(page))).toBe(first + 1);
  await page.keyboard.press('k');
  await expect.poll(() => indexOf(selectedRow(page))).toBe(first);
  const id = await selectedRow(page).getAttribute('data-id');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('application-screen')).toHaveAttribute('data-id', id!);
  await noSeriousViolations(page);

  // Signing in on the sign-in screen itself (after signing out in the window) lands there too.
  await page.keyboard.press('Escape');
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await signInOnPage(page, ADMIN);
  await expectFocusOnSelectedRow(page);
  await page.keyboard.press('j');
  await expect.poll(() => indexOf(selectedRow(page))).toBe(first + 1);
});

test('focus after unlock: the lock button is gone with the header, and the grid takes the focus back', async ({ page }) => {
  await openConsole(page);
  await page.keyboard.press('j');
  const id = await selectedRow(page).getAttribute('data-id');
  await page.getByTestId('lock-button').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('unlock-password')).toBeFocused();
  await page.getByTestId('unlock-password').fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expectFocusOnSelectedRow(page, id!);
  const at = await indexOf(selectedRow(page));
  await page.keyboard.press('j');
  await expect.poll(() => indexOf(selectedRow(page))).toBe(at + 1);
  await noSeriousViolations(page);
});

test('focus on every return to the queue: Esc from an application, from a screen, after the keyboard help, and through the header link', async ({ page }) => {
  await openConsole(page);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  const id = (await selectedRow(page).getAttribute('data-id'))!;

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('application-screen')).toHaveAttribute('data-id', id);
  await page.keyboard.press('Escape');
  await expectFocusOnSelectedRow(page, id);

  await page.keyboard.press('s');
  await expect(page.getByTestId('shipping-screen')).toBeVisible();
  await page.keyboard.press('Escape');
  await expectFocusOnSelectedRow(page, id);

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toHaveCount(0);
  await expectFocusOnSelectedRow(page, id);

  await page.keyboard.press('y');
  await expect(page.getByTestId('sync-screen')).toBeVisible();
  await page.getByTestId('nav-queue').click();
  await expectFocusOnSelectedRow(page, id);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('application-screen')).toHaveAttribute('data-id', id);
});
