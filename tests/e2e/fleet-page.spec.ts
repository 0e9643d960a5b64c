import { expect, test } from '@playwright/test';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { seriousViolations } from './support';

/*
 * The central server's fleet page in Chromium: a real central server in this test process, workstations enrolled and
 * reporting over HTTP as a console does after each sync, the page read with HTTP Basic (the admin token).
 */
const NOW = Date.parse('2026-11-27T08:00:00Z');
let central: TempCentral;

test.beforeAll(async () => {
  central = await startTempCentral({ training: { seed: 81, size: 5, now: NOW }, now: () => NOW });
  await central.admin.addCenter({ id: 'sc-1234', name: 'ТСЦ 1234', address: 'м. Львів' });
  const report = async (ws: string, center: string, version: string, hoursAgo: number) => {
    const token = await central.admin.enrol(ws, center);
    const res = await fetch(`${central.url}/v1/centers/${center}/fleet-report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ workstation: ws, version, channel: 'beta', os: 'linux 6.1 x64', freeDiskBytes: 20 * 1024 ** 3, outboxSize: 3, quarantinedOps: 1, clientTime: new Date(NOW + 4000).toISOString(), lastError: { code: 'central_unavailable', at: new Date(NOW - hoursAgo * 3600_000).toISOString() } }),
    });
    expect(res.status).toBe(200);
  };
  await report('ws-8041-01', 'sc-8041', '0.2.0', 1);
  await report('ws-1234-01', 'sc-1234', '0.1.0', 30);
  await central.admin.enrol('ws-1234-02', 'sc-1234');
});
test.afterAll(async () => {
  await central?.dispose();
});

test('the fleet page lists every workstation, filters by center, version and "not synced for over a day", and passes axe', async ({ browser }) => {
  const context = await browser.newContext({ httpCredentials: { username: 'it', password: central.adminToken } });
  const page = await context.newPage();
  await page.goto(`${central.url}/admin/fleet`);
  await expect(page.getByRole('heading', { name: 'Робочі місця' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(page.locator('tr[data-workstation="ws-8041-01"]')).toContainText('0.2.0');
  await expect(page.locator('tr[data-workstation="ws-8041-01"]')).toContainText('+4 s');
  expect(await seriousViolations(page)).toEqual([]);

  // Keyboard only: the center filter, then submit.
  await page.getByLabel('Центр').focus();
  await page.getByLabel('Центр').selectOption('sc-1234');
  await page.getByRole('button', { name: 'Показати' }).press('Enter');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Версія').selectOption('0.1.0');
  await page.getByRole('button', { name: 'Показати' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-workstation', 'ws-1234-01');

  // Not synced for over a day: only the one that never reported (all reports came "now").
  await page.goto(`${central.url}/admin/fleet?stale=1`);
  await expect(page.getByLabel('Без синхронізації понад добу')).toBeChecked();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-workstation', 'ws-1234-02');

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Workstations' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();

  const anonymous = await browser.newContext();
  const refused = await anonymous.request.get(`${central.url}/admin/fleet`);
  expect(refused.status()).toBe(401);
  await anonymous.close();
});
