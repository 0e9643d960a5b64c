import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_NOW } from '../../playwright.config';
import { startUpdatingStack, type UpdatingStack } from '../updates/support/updating-console';
import { openTestWindow } from '../support/window';
import { ADMIN, seriousViolations, signInOnPage } from './support';

/**
 * The update banner in the real renderer: a production workstation whose core drives electron-updater's own
 * AppImageUpdater (the Electron app and net stood in) against the real central server, through a fault proxy so the
 * link can drop. Electron's quitAndInstall is stood in by the stand-in app's quit, on which electron-updater installs.
 */
let stack: UpdatingStack;

test.beforeAll(async () => {
  stack = await startUpdatingStack({ now: Date.parse(E2E_NOW), installation: 7, staticDir: 'out/renderer' });
});

test.afterAll(async () => {
  await stack?.dispose();
});

test('the banner says what is downloaded and what waits; restart waits for open dialogs, then the update installs with the outbox kept', async ({ page }) => {
  const { core, host, proxy, stand, quits, release } = stack;
  await page.goto(`http://127.0.0.1:${host.port}/?t=${host.token}`);
  await signInOnPage(page, ADMIN);
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect(page.getByTestId('update-banner')).toHaveCount(0);

  await core.updates!.checkNow();
  const banner = page.getByTestId('update-banner');
  await expect(banner).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await expect(banner).toContainText('Оновлення 0.2.0 завантажено й перевірено');
  await expect(page.getByTestId('update-waiting')).toHaveText('Усі операції надіслано.');
  expect(await seriousViolations(page)).toEqual([]);

  // The link drops and an operator claims an application: one op waits, and the banner says it is kept.
  proxy.cut();
  const id = core.db.prepare("SELECT id FROM applications WHERE status IN ('submitted', 'received') ORDER BY id LIMIT 1").pluck().get() as string;
  // Another window of the same console (its own session), as a second operator's tab would be.
  const window = openTestWindow(() => core);
  await window.signIn(ADMIN);
  await window.ok('application.claim', { id });
  await core.sync.engine.syncNow();
  await expect(page.getByTestId('update-waiting')).toHaveText('1 операція чекає на надсилання — вона збережеться й надішлеться після оновлення.');

  // An open dialog: no restart.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(page.getByTestId('update-restart')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(quits.calls).toBe(0);

  await page.getByTestId('update-restart').focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => quits.calls).toBe(1);
  expect(readFileSync(stand.appImage).equals(release)).toBe(true);
  // The core closed before the install; the op is still in the file, waiting for the new version to send it.
  const db = new Database(join(stack.dataDir, 'console.sqlite'), { readonly: true });
  try {
    expect(db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get()).toBe(1);
  } finally {
    db.close();
  }
});
