import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { openCore, type Core } from '../../electron/core';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server';
import { TRAINING_CENTER_ID } from '../../shared/training';
import { E2E_NOW } from '../../playwright.config';
import { FaultProxy } from '../sync/support/fault-proxy';
import { ADMIN, seriousViolations } from './support';

/**
 * A production workstation: a configuration file names the central server, center and workstation; the console
 * has no operators until it has enrolled with a one-time code and pulled the reference data, so enrolment happens
 * on the sign-in screen. Its own central server and browser host, apart from the training hosts of the other specs;
 * the console reaches the central server through a fault proxy, so an enrolment's answer can be lost on the way.
 */
let central: TempCentral;
let proxy: FaultProxy;
let core: Core;
let host: BrowserHost;
let dir: string;

test.beforeAll(async () => {
  const now = Date.parse(E2E_NOW);
  central = await startTempCentral({ training: { seed: 3, size: 120, now }, now: () => now });
  proxy = await FaultProxy.start(central.url);
  dir = mkdtempSync(join(tmpdir(), 'sc-console-enrol-'));
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ centralUrl: proxy.url, centerId: TRAINING_CENTER_ID, workstationId: 'ws-8041-07' }));
  core = await openCore({ dataDir: join(dir, 'data'), configPath: config, now: () => now });
  host = await startBrowserHost({ core, staticDir: 'out/renderer' });
});

test.afterAll(async () => {
  await host?.close();
  await core?.close();
  await proxy?.close();
  await central?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('a new workstation enrols with a one-time code on the sign-in screen (again with the same code after a lost answer), then its operators can sign in', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${host.port}/?t=${host.token}`);
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.getByTestId('training-banner')).toHaveCount(0);
  await expect(page.getByTestId('enrolment-state')).toHaveAttribute('data-enrolled', 'false');
  expect(await seriousViolations(page)).toEqual([]);

  // Before enrolment nobody can sign in: operators come from the central server. The screen says so and how far
  // the first sync has got, and an attempt is refused without counting against anyone.
  const firstSync = page.getByTestId('first-sync');
  await expect(firstSync).toContainText('Операторів ще не отримано');
  await expect(page.getByTestId('first-sync-enrolled')).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('first-sync-applications')).toContainText('Отримано 0 заяв');
  await expect(page.getByTestId('first-sync-reference')).toHaveAttribute('data-done', 'false');
  for (let i = 0; i < 6; i++) {
    await page.getByTestId('sign-in-login').fill(ADMIN.login);
    await page.getByTestId('sign-in-password').fill(i % 2 ? ADMIN.password : 'not-the-password');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('Операторів центру ще не отримано з центрального сервера');
  }
  expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'session.sign_in_failed'").pluck().get()).toBe(0);

  await page.getByTestId('enrolment-code').fill('WRONG-CODE-123');
  await page.getByTestId('enrolment-submit').click();
  await expect(page.getByTestId('enrolment').getByRole('alert').first()).toBeVisible();

  // The central server enrols the workstation, but both tries' answers are lost on the way back: the card says the
  // workstation is not enrolled yet and to enter the same code again, and keeps the code in its field.
  const code = await central.admin.issueEnrolmentCode(TRAINING_CENTER_ID);
  proxy.plan({ kind: 'drop_after_commit' }, { match: (r) => r.path === '/v1/enrol', times: 2 });
  await page.getByTestId('enrolment-code').fill(code);
  await page.getByTestId('enrolment-submit').click();
  const lost = page.getByTestId('enrolment').getByRole('alert');
  await expect(lost).toContainText('ще не зареєстроване');
  await expect(lost).toContainText('той самий код');
  await expect(page.getByTestId('enrolment-state')).toHaveAttribute('data-enrolled', 'false');
  await expect(page.getByTestId('enrolment-code')).toHaveValue(code);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('enrolment-submit').click();
  await expect(page.getByTestId('enrolment')).toHaveCount(0);

  // The first sync brings the operators: the sign-in screen stops saying they are missing by itself.
  await expect(firstSync).toHaveCount(0, { timeout: 20_000 });
  expect(await seriousViolations(page)).toEqual([]);
  // Nothing was counted before: the right password opens the queue at the first try.
  await page.getByTestId('sign-in-login').fill(ADMIN.login);
  await page.getByTestId('sign-in-password').fill(ADMIN.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('queue-grid')).toBeVisible();
  await expect.poll(async () => Number(((await page.getByTestId('queue-total').textContent()) ?? '').replace(/\D/g, ''))).toBeGreaterThan(100);
});
