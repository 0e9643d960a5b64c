import { expect, test } from './fixtures';
import { api, openConsole, seriousViolations } from './support';

/**
 * The queue at 1280x800, the smallest screen of the service centers: the ground of every application and the
 * applicant's surname with initials are whole (not cut with an ellipsis) for the names a center really sees, and
 * the filter panel's reset button stays in view while the filters scroll.
 */
test.use({ viewport: { width: 1280, height: 800 } });

/** A name as a person has it: letters, apostrophes, hyphens and spaces, of a length real surnames have. */
const realistic = (name: string) => /^[\p{L}’ʼ'\- ]+$/u.test(name) && name.split(' ')[0]!.length <= 20;

test('at 1280x800 the ground and the surname with initials are whole in every row shown', async ({ page, request }) => {
  await openConsole(page);
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const grid = page.getByTestId('queue-grid');
  // Headless Chromium hides its scrollbars; a workstation's classic one takes 17 px beside the rows. A padding of
  // that width stands in for it.
  await page.addStyleTag({ content: '.queue-grid { padding-right: 17px }' });
  expect(await grid.evaluate((el) => el.clientWidth - (el.querySelector('.queue-grid__body') as HTMLElement).offsetWidth)).toBe(17);
  // The rows fit across: no sideways scrolling of the grid.
  expect(await grid.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  // Several screens of the queue, in two orders, so that every ground and many names are seen.
  let checked = 0;
  const grounds = new Set<string>();
  for (const sort of ['dueAt', 'applicant'] as const) {
    if (sort === 'applicant') await page.getByTestId('sort-applicant').click();
    const expected = await api(request, 'queue.page', { sort: { column: sort, direction: 'asc' }, limit: 200 });
    const byId = new Map(expected.rows.map((r) => [r.id, r]));
    for (let screen = 0; screen < 6; screen++) {
      await expect(page.getByTestId('queue-row-placeholder').filter({ visible: true })).toHaveCount(0);
      const rows = await page.getByTestId('queue-row').evaluateAll((els) =>
        els.map((row) => {
          const applicant = row.querySelector('[data-testid="queue-row-applicant"]') as HTMLElement;
          const ground = row.querySelector('[data-testid="queue-row-ground"]') as HTMLElement;
          const days = row.querySelector('.deadline__days') as HTMLElement | null;
          // Cut text overflows its box (and shows an ellipsis): its scroll width is more than its width.
          return {
            id: row.getAttribute('data-id')!,
            name: applicant.textContent ?? '',
            nameCut: applicant.scrollWidth > applicant.clientWidth,
            ground: ground.textContent ?? '',
            groundCut: ground.scrollWidth > ground.clientWidth,
            days: days?.textContent ?? '',
            daysCut: days ? days.scrollWidth > days.clientWidth : false,
          };
        }),
      );
      for (const r of rows) {
        const full = byId.get(r.id);
        if (!full) continue;
        expect(r.groundCut, `ground "${r.ground}" of ${r.id} is cut`).toBe(false);
        expect(r.daysCut, `deadline "${r.days}" of ${r.id} is cut`).toBe(false);
        grounds.add(r.ground);
        if (!realistic(full.applicantName)) continue;
        const [surname, given, patronymic] = full.applicantName.split(' ');
        expect(r.name).toBe([surname, given && `${given[0]}.`, patronymic && `${patronymic[0]}.`].filter(Boolean).join(' '));
        expect(r.nameCut, `"${r.name}" of ${r.id} is cut`).toBe(false);
        checked++;
      }
      await grid.focus();
      await page.keyboard.press('PageDown');
    }
  }
  expect(checked).toBeGreaterThan(60);
  // Every ground of the training set was on screen, the longest included.
  expect(grounds).toContain('Зміна персональних даних');
  expect(grounds.size).toBeGreaterThanOrEqual(6);
  expect(await seriousViolations(page)).toEqual([]);
});

test('at 1280x800 the filter panel keeps its reset button in view while the filters scroll', async ({ page }) => {
  await openConsole(page);
  await page.getByTestId('filter-status-refused').check();
  const panel = page.locator('.queue-layout__filters');
  const reset = page.getByTestId('filters-reset');
  await expect(reset).toBeEnabled();
  // The panel is taller than the window here, so it scrolls.
  expect(await panel.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await panel.evaluate((el) => (el.scrollTop = el.scrollHeight));
  expect(await panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await expect(reset).toBeInViewport({ ratio: 1 });
  const panelBox = (await panel.boundingBox())!;
  const resetBox = (await reset.boundingBox())!;
  expect(resetBox.y).toBeGreaterThanOrEqual(panelBox.y);
  // Nothing of the filters is drawn over it: the button itself is what a click there hits.
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="filters-reset"]') !== null, {
    x: resetBox.x + resetBox.width / 2,
    y: resetBox.y + resetBox.height / 2,
  });
  expect(hit).toBe(true);
  await reset.click();
  await expect(page.getByTestId('filter-status-refused')).not.toBeChecked();
});

test('a wide window shows the applicant\'s full name, the ground and the service', async ({ page, request }) => {
  await page.setViewportSize({ width: 1920, height: 1000 });
  await openConsole(page);
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  const expected = await api(request, 'queue.page', { sort: { column: 'dueAt', direction: 'asc' }, limit: 20 });
  const shown = page.getByTestId('queue-row');
  await expect(shown.nth(19)).toBeVisible();
  let checked = 0;
  for (const r of expected.rows) {
    if (!realistic(r.applicantName)) continue;
    const cell = page.locator(`[data-testid="queue-row"][data-id="${r.id}"] [data-testid="queue-row-applicant"]`);
    await expect(cell).toHaveText(r.applicantName);
    expect(await cell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
    checked++;
  }
  expect(checked).toBeGreaterThan(10);
});
