import { expect, test } from './fixtures';
import { api, openConsole } from './support';

test.describe('application screen', () => {
  test('shows the applicant, the licence, the checks, the deadline and the history', async ({ page, request }) => {
    const row = (await api(request, 'queue.page', { filter: { statuses: ['refused'] }, limit: 1 })).rows[0]!;
    const d = await api(request, 'application.get', { id: row.id });
    await openConsole(page, `#/applications/${row.id}`);
    const screen = page.getByTestId('application-screen');
    await expect(screen).toBeVisible();
    await expect(page.getByTestId('applicant-name')).toContainText(d.record.applicant.surname);
    await expect(screen).toContainText(d.record.number);
    await expect(screen).toContainText(d.record.licence.number);
    if (d.record.applicant.rnokpp) await expect(screen).toContainText(d.record.applicant.rnokpp);
    await expect(screen).toContainText(d.record.refusal!.explanation);
    await expect(page.getByTestId('status-history').locator('tbody tr')).toHaveCount(d.record.history.length);
    await expect(screen.locator('img').first()).toBeVisible();
  });

  test('an unknown application shows a sentence, not a crash', async ({ page }) => {
    await openConsole(page, '#/applications/no-such-application');
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expect(page.getByRole('alert').first()).not.toBeEmpty();
  });
});

test.describe('hostile applicant text', () => {
  test('markup, right-to-left overrides and 10,000-character names render as text', async ({ page, request }) => {
    const found = await api(request, 'queue.page', { filter: { search: 'script' }, limit: 10 });
    expect(found.total).toBeGreaterThan(0);
    await openConsole(page);
    await page.getByTestId('queue-search').fill('script');
    // The search is applied once the total is the search's (before that the rows are the unsearched queue's).
    await expect.poll(async () => Number(((await page.getByTestId('queue-total').textContent()) ?? '').replace(/\D/g, ''))).toBe(found.total);
    const row = page.getByTestId('queue-row').first();
    await expect(row).toBeVisible();
    await expect(row).toContainText('<script>');
    // Nothing was injected: no script element came from data, and no img with the hostile handler.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    const box = await row.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.width).toBeLessThanOrEqual(viewport.width + 1);

    // The 10,000-character surname keeps the row on one line and the page without horizontal scroll.
    const long = (await api(request, 'queue.page', { sort: { column: 'number', direction: 'asc' }, limit: 20 })).rows.find((r) => r.applicantName.length > 5000);
    expect(long).toBeTruthy();
    await openConsole(page, `#/applications/${long!.id}`);
    await expect(page.getByTestId('application-screen')).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(viewport.width + 1);
  });
});
