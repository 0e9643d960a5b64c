import { expect, test } from './fixtures';
import { api, openConsole, selectedRowId } from './support';

const digits = (s: string | null) => Number((s ?? '').replace(/\D/g, ''));

test.describe('queue', () => {
  test('opens in training mode, in Ukrainian, with the exact total', async ({ page, request }) => {
    await openConsole(page);
    await expect(page.getByTestId('training-banner')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
    const counts = await api(request, 'queue.counts', { filter: {} });
    expect(counts.total).toBe(800);
    await expect.poll(async () => digits(await page.getByTestId('queue-total').textContent())).toBe(800);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
  });

  test('filters by status and shows exact counts beside each filter', async ({ page, request }) => {
    await openConsole(page);
    const counts = await api(request, 'queue.counts', { filter: {} });
    const refused = counts.statuses.refused ?? 0;
    expect(refused).toBeGreaterThan(0);
    await expect.poll(async () => digits(await page.getByTestId('count-status-refused').textContent())).toBe(refused);
    await page.getByTestId('filter-status-refused').check();
    await expect.poll(async () => digits(await page.getByTestId('queue-total').textContent())).toBe(refused);
    const first = await api(request, 'queue.page', { filter: { statuses: ['refused'] }, limit: 5 });
    await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-id', first.rows[0]!.id);
    // Counts of the other facets now count refused applications only.
    const narrowed = await api(request, 'queue.counts', { filter: { statuses: ['refused'] } });
    await expect.poll(async () => digits(await page.getByTestId('count-delivery-pickup').textContent())).toBe(narrowed.delivery.pickup ?? 0);
  });

  test('filters by deadline state', async ({ page, request }) => {
    await openConsole(page);
    const overdue = await api(request, 'queue.page', { filter: { deadline: ['overdue'] }, limit: 1 });
    expect(overdue.total).toBeGreaterThan(0);
    await page.getByTestId('filter-deadline-overdue').check();
    await expect.poll(async () => digits(await page.getByTestId('queue-total').textContent())).toBe(overdue.total);
    await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-id', overdue.rows[0]!.id);
  });

  test('sorts by applicant in Ukrainian alphabet order when the header is clicked', async ({ page, request }) => {
    await openConsole(page);
    await page.getByTestId('sort-applicant').click();
    const expected = await api(request, 'queue.page', { sort: { column: 'applicant', direction: 'asc' }, limit: 3 });
    await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-id', expected.rows[0]!.id);
    await page.getByTestId('sort-applicant').click();
    const desc = await api(request, 'queue.page', { sort: { column: 'applicant', direction: 'desc' }, limit: 3 });
    await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-id', desc.rows[0]!.id);
  });

  test('searches by name, RNOKPP, licence and phone, and treats SQL and FTS syntax as text', async ({ page, request }) => {
    await openConsole(page);
    // Not a `submitted` row: those turn `received` at the first sync after any write on this host (the central
    // server marks what the workstation has pulled), so whether one is left depends on the specs that ran before.
    const sample = (await api(request, 'queue.page', { sort: { column: 'number', direction: 'desc' }, limit: 1 })).rows[0]!;
    const detail = await api(request, 'application.get', { id: sample.id });
    const search = page.getByTestId('queue-search');
    for (const term of [detail.record.applicant.surname, detail.record.applicant.rnokpp!, detail.record.licence.number, detail.record.applicant.phone.replace('+38', '')]) {
      await search.fill(term);
      await expect(page.locator(`[data-testid="queue-row"][data-id="${sample.id}"]`)).toBeVisible();
    }
    for (const hostile of ['"', "'; DROP TABLE applications; --", 'NEAR OR *']) {
      await search.fill(hostile);
      await expect(page.getByTestId('queue-total')).toBeVisible();
    }
    await search.fill('');
    await expect.poll(async () => digits(await page.getByTestId('queue-total').textContent())).toBe(800);
  });

  test('a search longer than 200 characters is cut at 200 and the box says so, in Ukrainian and in English', async ({ page }) => {
    await openConsole(page);
    const search = page.getByTestId('queue-search');
    const notice = page.getByTestId('queue-search-cut');
    await search.fill('Шевченко');
    await expect(notice).toHaveText('');
    // Pasted text over the limit: kept up to 200 characters, and the cut is said beside the box.
    const long = 'Шевченко Тарас '.repeat(20);
    expect(long.length).toBeGreaterThan(200);
    await search.fill(long);
    await expect(search).toHaveValue(long.slice(0, 200));
    await expect(notice).toHaveText('Пошук — не довше 200 символів: текст після 200-го відкинуто.');
    await expect(search).toHaveAttribute('aria-describedby', 'queue-search-cut');
    await expect(notice).toBeInViewport();
    // Shorter text takes the notice away; exactly 200 typed is no cut; typing on at the limit is.
    await search.fill(long.slice(0, 150));
    await expect(notice).toHaveText('');
    await search.fill(long.slice(0, 200));
    await expect(notice).toHaveText('');
    await search.press('End');
    await search.pressSequentially('ab');
    await expect(search).toHaveValue(long.slice(0, 200));
    await expect(notice).not.toHaveText('');
    await search.press('Backspace');
    await expect(notice).toHaveText('');
    await expect(search).not.toHaveAttribute('aria-describedby');
    await search.fill(long);
    await page.getByTestId('language-switch').selectOption('en');
    await expect(notice).toHaveText('A search is at most 200 characters: the text after character 200 was left out.');
    await page.getByTestId('language-switch').selectOption('uk');
    await search.fill('');
  });

  test('keyboard: / focuses search, j/k and arrows move, Enter opens, Esc comes back to the same row', async ({ page }) => {
    await openConsole(page);
    const rows = page.getByTestId('queue-row');
    await expect(rows.nth(5)).toBeVisible();
    await page.getByTestId('queue-grid').focus();
    await page.keyboard.press('j');
    await expect.poll(() => selectedRowId(page)).not.toBeNull();
    const ids = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    const start = ids.indexOf(await selectedRowId(page));
    expect(start).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    const expectedId = ids[start + 2];
    await expect.poll(() => selectedRowId(page)).toBe(expectedId);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('application-screen')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('queue-grid')).toBeVisible();
    await expect.poll(() => selectedRowId(page)).toBe(expectedId);
    await page.keyboard.press('/');
    await expect(page.getByTestId('queue-search')).toBeFocused();
  });

  test('switches to English and back', async ({ page }) => {
    await openConsole(page);
    const uk = await page.getByTestId('queue-search').getAttribute('aria-label');
    const sw = page.getByTestId('language-switch');
    if ((await sw.evaluate((el) => el.tagName)) === 'SELECT') await sw.selectOption('en');
    else await sw.getByText(/EN|English/i).first().click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('queue-search')).not.toHaveAttribute('aria-label', uk ?? '');
  });
});
