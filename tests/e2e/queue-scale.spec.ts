import { join, resolve } from 'node:path';
import { test, expect } from '@playwright/test';
import { ensureBulkStore } from '../../bench/bulk-store';
import { openCore, type Core } from '../../electron/core';
import { withCaller } from '../../electron/core/services/caller';
import { startBrowserHost } from '../../electron/browser-host/server';
import { E2E_NOW } from '../../playwright.config';
import { ADMIN, signInOnPage } from './support';

/**
 * The queue at 2,000,000 applications, more than Chromium lets an element be tall at 36 px a row. The store is made
 * by the bench's bulk generator (real migrations and pull applier for a seed, the rest copied in SQL) and kept in
 * .tmp between runs; this spec serves it from its own browser host on a free loopback port.
 */
const ROWS = 2_000_000;
const DATA_DIR = resolve('.tmp', `grid-scale-${ROWS}`);

let core: Core;
/** The spec's own session on the core (the page signs in on its own). */
let session: string;
let host: Awaited<ReturnType<typeof startBrowserHost>>;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  ensureBulkStore({ dataDir: DATA_DIR, rows: ROWS, now: Date.parse(E2E_NOW) });
  core = await openCore({ dataDir: DATA_DIR, now: () => Date.parse(E2E_NOW), logDir: join(DATA_DIR, 'logs') });
  host = await startBrowserHost({ core, staticDir: 'out/renderer' });
  // The spec reads the queue's last row through the core itself, as a signed-in window of its own.
  session = (await core.facade['auth.signIn'](ADMIN)).session!;
});

test.afterAll(async () => {
  await host?.close();
  await core?.close();
});

test('End reaches application 2,000,000 and shows it; Home and PageUp come back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`http://127.0.0.1:${host.port}/?t=${host.token}`);
  const ready = page.getByTestId('queue-grid');
  await expect(ready.or(page.getByTestId('sign-in'))).toBeVisible({ timeout: 30_000 });
  if (await page.getByTestId('sign-in').isVisible()) await signInOnPage(page, ADMIN);
  await expect(page.getByTestId('queue-total')).toHaveText(/2\s?000\s?000/, { timeout: 30_000 });

  const grid = page.getByTestId('queue-grid');
  // The scroll range is scaled: the laid-out height stays far below Chromium's limit of 2^25 px.
  const scrollHeight = await grid.evaluate((el) => el.scrollHeight);
  expect(scrollHeight).toBeLessThan(2 ** 25);
  expect(scrollHeight).toBeGreaterThan(1_000_000);

  // The queue's own last application, as the core orders it (the default sort), to compare with the screen.
  const lastPage = await withCaller({ session }, () =>
    core.facade['queue.page']({
      filter: { statuses: [], deadline: [], services: [], delivery: [], search: '' },
      sort: { column: 'dueAt', direction: 'asc' },
      offset: ROWS - 1,
      limit: 1,
    }),
  );
  expect(lastPage.total).toBe(ROWS);
  const lastNumber = lastPage.rows[0]!.number;

  await grid.focus();
  await page.keyboard.press('End');
  const selected = page.locator('[data-testid="queue-row"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('aria-rowindex', String(ROWS + 1), { timeout: 30_000 });
  await expect(selected).toContainText(lastNumber);
  await expect(grid).toHaveAttribute('aria-activedescendant', `queue-row-${ROWS - 1}`);
  await expectFullyInView(grid, selected);
  // Nothing is left loading in view at the end of the queue.
  await expect(page.getByTestId('queue-row-placeholder').filter({ visible: true })).toHaveCount(0);

  // One row up from the end stays exact, though one scroll pixel is several rows here.
  await page.keyboard.press('ArrowUp');
  await expect(selected).toHaveAttribute('aria-rowindex', String(ROWS));
  await expectFullyInView(grid, selected);

  await page.keyboard.press('PageUp');
  const afterPageUp = Number(await selected.getAttribute('aria-rowindex'));
  expect(afterPageUp).toBeLessThan(ROWS - 5);
  await expectFullyInView(grid, selected);

  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('aria-rowindex', '2');
  await expectFullyInView(grid, selected);
  expect(await grid.evaluate((el) => el.scrollTop)).toBe(0);

  // Dragging the scroll range to the bottom by hand shows the last rows too.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`[data-testid="queue-row"][aria-rowindex="${ROWS + 1}"]`)).toBeVisible({ timeout: 30_000 });
  await expectFullyInView(grid, page.locator(`[data-testid="queue-row"][aria-rowindex="${ROWS + 1}"]`));
});

async function expectFullyInView(grid: import('@playwright/test').Locator, row: import('@playwright/test').Locator) {
  const g = (await grid.boundingBox())!;
  const r = (await row.boundingBox())!;
  // Below the sticky header (40 px) and above the grid's bottom edge.
  expect(r.y).toBeGreaterThanOrEqual(g.y + 40 - 1);
  expect(r.y + r.height).toBeLessThanOrEqual(g.y + g.height + 1);
}
