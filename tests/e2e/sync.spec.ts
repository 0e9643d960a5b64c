import { E2E_CENTRAL_ADMIN_TOKEN } from '../../playwright.config';
import { expect, test } from './fixtures';
import { api, openScreen, seriousViolations } from './support';

/*
 * A conflict made for real: the central server cancels an application, and before the next pull this workstation
 * claims it. The push comes back as a conflict; the operator who claimed marks it seen on the sync screen.
 */
test('a conflict shows on the sync screen and in the header until its author marks it seen', async ({ page, request }) => {
  const enrolment = await api(request, 'sync.enrolment', {});
  const central = enrolment.centralUrl!.replace(/\/$/, '');
  // What waits goes first, so the cancellation below meets the application as this workstation last saw it.
  await api(request, 'sync.now', {});
  await expect.poll(async () => (await api(request, 'sync.status', {})).pendingOps, { timeout: 15_000 }).toBe(0);

  // In-person applications from the middle of the queue, which no other spec decides on.
  const candidates = (
    await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['pickup'] }, sort: { column: 'number', direction: 'asc' }, offset: 60, limit: 20 })
  ).rows;
  let claimed: (typeof candidates)[number] | null = null;
  for (const row of candidates) {
    const res = await request.post(`${central}/v1/events/cancelled`, {
      data: { applicationId: row.id, reason: 'Заяву відкликано громадянином' },
      headers: { authorization: `Bearer ${E2E_CENTRAL_ADMIN_TOKEN}` },
    });
    expect(res.status(), await res.text()).toBeLessThan(300);
    // A timed pull may bring the cancellation first: then the claim is refused here, and the next one is tried.
    const attempt = await api(request, 'application.claim', { id: row.id }).then(() => true, () => false);
    if (attempt) {
      claimed = row;
      break;
    }
  }
  expect(claimed, 'a claim made before the cancellation was pulled').not.toBeNull();
  await expect
    .poll(
      async () => {
        await api(request, 'sync.now', {});
        return (await api(request, 'sync.conflicts', { limit: 50, includeAcknowledged: false })).conflicts.filter((c) => c.applicationId === claimed!.id).length;
      },
      { timeout: 15_000 },
    )
    .toBe(1);
  const openBefore = (await api(request, 'sync.status', {})).conflicts;
  expect(openBefore).toBeGreaterThan(0);
  expect((await api(request, 'application.get', { id: claimed!.id })).record.status).toBe('cancelled');

  await openScreen(page, '#/sync', 'sync-screen');
  await expect(page.getByTestId('sync-problems')).toBeVisible();
  const row = page.getByTestId('conflict-row').filter({ hasText: claimed!.number });
  await expect(row).toHaveAttribute('data-outcome', 'conflict');
  await expect(row).toContainText('Взяття в роботу');
  await expect(row).toContainText('Скасовано');
  expect(await seriousViolations(page)).toEqual([]);

  await row.getByTestId('conflict-acknowledge').focus();
  await page.keyboard.press('Enter');
  await expect(row).toHaveCount(0);
  expect((await api(request, 'sync.status', {})).conflicts).toBe(openBefore - 1);
  await expect(page.getByTestId('sync-summary')).toContainText(`Непереглянутих конфліктів і відхилень: ${openBefore - 1}`);
  if (openBefore === 1) await expect(page.getByTestId('sync-problems')).toBeHidden();

  // Still there behind the checkbox, with who marked it.
  await page.getByTestId('conflicts-include-acknowledged').check();
  await expect(row).toHaveAttribute('data-acknowledged', 'true');
  await expect(row.getByTestId('conflict-acknowledged')).toContainText('Олена Коваленко');
  expect(await seriousViolations(page)).toEqual([]);
});

test('when the network comes back the window tells the core at once, and the header reports the cycle', async ({ page, context }) => {
  await openScreen(page, '#/sync', 'sync-screen');
  await context.setOffline(true);
  // The first hint may leave before the emulated network carries it; the window tries again, and one must arrive.
  const hint = page.waitForResponse((r) => r.url().endsWith('/api/sync.linkUp') && r.request().method() === 'POST');
  await context.setOffline(false);
  const answer = await hint;
  expect(answer.status()).toBe(200);
  expect(((await answer.json()) as { ok: boolean }).ok).toBe(true);
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-online', 'true');
});
