import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { call } from '../../central/test-fixtures';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { openCore, type Core } from '../../electron/core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server';
import type { OperatorIssued } from '../../shared/sync/operators';
import { TRAINING_CENTER_ID } from '../../shared/training';
import { E2E_NOW } from '../../playwright.config';
import { seriousViolations, signInOnPage } from './support';

/**
 * A production workstation whose operator IT added on the central server with a one-time password: the first sign-in
 * opens the forced change of password before anything else, in Ukrainian and English, driven by the keyboard alone.
 * Its own central server and browser host, apart from the training hosts of the other specs.
 */
let central: TempCentral;
let core: Core;
let host: BrowserHost;
let dir: string;
let issued: OperatorIssued;

test.beforeAll(async () => {
  const now = Date.parse(E2E_NOW);
  central = await startTempCentral({ training: { seed: 9, size: 60, now }, now: () => now });
  dir = mkdtempSync(join(tmpdir(), 'sc-console-operators-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ centralUrl: central.url, centerId: TRAINING_CENTER_ID, workstationId: 'ws-8041-11' }));
  core = await openCore({ dataDir: join(dir, 'data'), configPath: config, now: () => now });
  await core.sync.connect();
  await core.facade['sync.enrol']({ code: await central.admin.issueEnrolmentCode(TRAINING_CENTER_ID) });
  // IT adds the operator; the workstation's next pull brings them.
  const res = await call(central, 'POST', `/v1/admin/centers/${TRAINING_CENTER_ID}/operators`, {
    token: central.adminToken,
    body: { login: 'kovalchuk', displayName: 'Марія Ковальчук', role: 'administrator' },
  });
  issued = res.json as OperatorIssued;
  await core.sync.engine.syncNow();
  host = await startBrowserHost({ core, staticDir: 'out/renderer' });
});

test.afterAll(async () => {
  await host?.close();
  await core?.close();
  await central?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('the first sign-in with a one-time password asks for the operator\'s own password before anything else, by keyboard, then opens the queue', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${host.port}/?t=${host.token}`);
  await signInOnPage(page, { login: 'kovalchuk', password: issued.oneTimePassword });
  const screen = page.getByTestId('password-change');
  await expect(screen).toBeVisible();
  await expect(page).toHaveTitle(/Оберіть власний пароль/);
  await expect(screen).toContainText('Марія Ковальчук, ви увійшли з одноразовим паролем');
  // Nothing else of the console is reachable: no sections, no queue.
  await expect(page.getByTestId('queue-grid')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const newPassword = page.getByTestId('password-change-new');
  await expect(newPassword).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  // A weak password: the rules say which are met while typing, Enter names what is missing and keeps the focus.
  await page.keyboard.type('ковальчук');
  await expect(page.locator('[data-rule="needs_letter_and_digit"]')).toHaveAttribute('data-met', 'false');
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute('data-met', 'false');
  await page.keyboard.press('Enter');
  const error = page.getByTestId('password-change-error');
  await expect(error).toContainText('Пароль не відповідає вимогам');
  await expect(error).toContainText('містити літеру й цифру');
  await expect(newPassword).toBeFocused();
  await expect(newPassword).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);

  // The login in the password.
  await newPassword.fill('');
  await page.keyboard.type('kovalchuk-2026');
  await expect(page.locator('[data-rule="contains_login"]')).toHaveAttribute('data-met', 'false');
  await expect(page.locator('[data-rule="too_short"]')).toHaveAttribute('data-met', 'true');
  await page.keyboard.press('Enter');
  await expect(error).toContainText('не містити вашого логіна');

  // The one-time password itself is refused by the core.
  await newPassword.fill('');
  await page.keyboard.type(issued.oneTimePassword);
  await page.keyboard.press('Tab');
  await page.keyboard.type(issued.oneTimePassword);
  await page.keyboard.press('Enter');
  await expect(error).toContainText('Це одноразовий пароль від ІТ');
  await expect(newPassword).toBeFocused();

  // In English too.
  await page.getByTestId('language-switch').selectOption('en');
  await expect(screen.getByRole('heading')).toHaveText('Choose your own password');
  await expect(page.locator('[data-rule="contains_login"]')).toContainText('not contain your login');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('language-switch').selectOption('uk');

  // Two different passwords: the repeat field is at fault.
  await newPassword.focus();
  await page.keyboard.type('Каштан-Липень-2026');
  for (const rule of ['too_short', 'needs_letter_and_digit', 'too_simple']) await expect(page.locator(`[data-rule="${rule}"]`)).toHaveAttribute('data-met', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Каштан-Липень-2025');
  await page.keyboard.press('Enter');
  await expect(error).toContainText('Паролі не збігаються');
  const repeat = page.getByTestId('password-change-repeat');
  await expect(repeat).toBeFocused();
  await expect(repeat).toHaveAttribute('aria-invalid', 'true');

  await repeat.fill('');
  await page.keyboard.type('Каштан-Липень-2026');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect(page.getByTestId('current-operator')).toContainText('Марія Ковальчук');
  expect(core.db.prepare("SELECT state FROM outbox WHERE type = 'operator.password_change'").pluck().all()).toEqual(['pending']);

  // Signing in again: the new password opens the queue at once, the one-time password no longer works here.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-login').fill('kovalchuk');
  await page.getByTestId('sign-in-password').fill(issued.oneTimePassword);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toBeVisible();
  await signInOnPage(page, { login: 'kovalchuk', password: 'Каштан-Липень-2026' });
  await expect(page.getByTestId('queue-grid')).toBeVisible();
});

test('IT disables the operator: after the workstation\'s pull the open session ends and the sign-in screen says why', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${host.port}/?t=${host.token}`);
  await signInOnPage(page, { login: 'kovalchuk', password: 'Каштан-Липень-2026' });
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await core.sync.engine.syncNow();
  await call(central, 'PUT', `/v1/admin/centers/${TRAINING_CENTER_ID}/operators/kovalchuk`, { token: central.adminToken, body: { disabled: true } });
  await core.sync.engine.syncNow();
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.getByTestId('sign-in-error')).toContainText('ІТ вимкнув цей обліковий запис');
  expect(await seriousViolations(page)).toEqual([]);
});
