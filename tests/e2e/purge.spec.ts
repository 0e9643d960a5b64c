import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { openCore, type Core } from '../../electron/core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server';
import { E2E_NOW } from '../../playwright.config';
import { SUPERVISOR, seriousViolations } from './support';

/**
 * A workstation eight months after its training data: every application that finished then is past the 180 days
 * of retention, and the purge that runs at start has removed their applicants' personal data. Its own central
 * server and browser host, apart from the shared training hosts.
 */
const DAY = 86_400_000;
let central: TempCentral;
let core: Core;
let host: BrowserHost;
let dir: string;

test.beforeAll(async () => {
  const then = Date.parse(E2E_NOW);
  central = await startTempCentral({ training: { seed: 5, size: 150, now: then }, now: () => then });
  dir = mkdtempSync(join(tmpdir(), 'sc-console-purge-'));
  const now = then + 240 * DAY;
  core = await openCore({ dataDir: dir, now: () => now, central: { url: central.url }, purgeTiming: { firstRunMs: 0 } });
  host = await startBrowserHost({ core, staticDir: 'out/renderer' });
  await expect.poll(() => core.db.prepare('SELECT count(*) FROM applications WHERE purged_at IS NOT NULL').pluck().get(), { timeout: 20_000 }).toBeGreaterThan(20);
});

test.afterAll(async () => {
  await host?.close();
  await core?.close();
  await central?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`http://127.0.0.1:${host.port}/?t=${host.token}`);
  await page.getByTestId('sign-in-login').fill(SUPERVISOR.login);
  await page.getByTestId('sign-in-password').fill(SUPERVISOR.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('queue-grid')).toBeVisible();
}

test('a purged application says its personal data were removed, in the queue and on its screen, in Ukrainian and in English', async ({ page }) => {
  const purged = core.db.prepare('SELECT id, number FROM applications WHERE purged_at IS NOT NULL ORDER BY rowid LIMIT 1').get() as { id: string; number: string };
  await signIn(page);
  // Found by its number; the row says the data were removed where the name was.
  await page.getByTestId('queue-search').fill(purged.number);
  const applicant = page.locator(`[data-testid="queue-row"][data-id="${purged.id}"] [data-testid="queue-row-applicant"]`);
  await expect(applicant).toHaveText('Персональні дані видалено');
  await expect(applicant).toHaveAttribute('title', 'Персональні дані видалено після строку зберігання');
  expect(await seriousViolations(page)).toEqual([]);

  await page.evaluate((id) => (window.location.hash = `#/applications/${id}`), purged.id);
  const notice = page.getByTestId('application-purged');
  await expect(notice).toContainText('Персональні дані заявника видалено після строку зберігання (25.07.2027)');
  await expect(page.getByTestId('applicant-name')).toHaveCount(0);
  await expect(page.getByTestId('application-screen').locator('img')).toHaveCount(0);
  // Its statuses and the history of its steps stay.
  await expect(page.getByTestId('application-status')).toBeVisible();
  await expect(page.locator('.history-table tbody tr').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('language-switch').selectOption('en');
  await expect(notice).toContainText('The applicant’s personal data were removed after the retention period');
  await page.keyboard.press('Escape');
  await expect(applicant).toHaveText('Personal data removed');
  await page.getByTestId('language-switch').selectOption('uk');
});
