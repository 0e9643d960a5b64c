import type { Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import { expect, test } from './fixtures';
import { api, openScreen, seriousViolations, signInOnPage, SUPERVISOR } from './support';

/*
 * Dates and times are typed and shown as dd.mm.yyyy and 24-hour hh:mm in Kyiv time whatever the browser's own
 * locale and zone: here a browser set to American English in New York (month first, AM/PM, UTC-5, and its clocks
 * change on another day than Kyiv's).
 */

test.use({ locale: 'en-US', timezoneId: 'America/New_York' });
// The tests share one browser host (and its one session).
test.describe.configure({ mode: 'serial' });

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

test('force majeure from an en-US browser in New York: typed dd.mm.yyyy 24-hour Kyiv time across the autumn clock change, read back, refused when impossible, stored as the right instants', async ({ page, request }) => {
  const browser = await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone]);
  expect(browser).toEqual(['en-US', 'America/New_York']);
  const note = 'Відключення в ніч переведення годинників (e2e, Нью-Йорк)';
  try {
    // A new page is a window of its own: it opens at the sign-in screen.
    await page.goto(`/?t=${E2E_TOKEN}#/force-majeure`);
    await signInOnPage(page, SUPERVISOR);
    await expect(page.getByTestId('fm-form')).toBeVisible();
    const start = page.getByTestId('fm-start');
    const end = page.getByTestId('fm-end');
    await expect(start).toHaveAttribute('placeholder', 'дд.мм.рррр гг:хх');
    await expect(page.getByTestId('fm-zone')).toHaveText('Час київський, зараз UTC+02:00 (зимовий час), хоч би в якому поясі був комп’ютер.');

    // Impossible or unfinished values get a sentence each, once the field is left.
    const startError = page.getByTestId('fm-start-error');
    await start.fill('31.04.2026 10:00');
    await start.blur();
    await expect(startError).toHaveText('Такої дати немає в календарі. Перевірте день, місяць і рік.');
    await expect(start).toHaveAttribute('aria-invalid', 'true');
    // The American order with AM/PM is not read as a date: the letters go, the month 26 does not exist.
    await start.fill('11/26/2026 09:30 PM');
    await expect(start).toHaveValue('11.26.2026 09:30');
    await expect(startError).toHaveText('Такої дати немає в календарі. Перевірте день, місяць і рік.');
    await start.fill('29.03.2026 03:30');
    await expect(startError).toHaveText('Такого часу в Києві не було: того дня о 03:00 годинники перевели на 04:00. Вкажіть інший час.');
    await start.fill('28.11.2026 10:00');
    await expect(startError).toHaveText('Цей час ще не настав (зараз 27.11.2026 10:00).');
    await start.fill('25.10.2026');
    await expect(startError).toHaveText('Введіть дату й час повністю: дд.мм.рррр гг:хх, наприклад 26.11.2026 09:30.');
    // The hour the autumn change repeats is taken at its first pass, and the field says so.
    await start.fill('25.10.2026 03:30');
    await expect(startError).toHaveCount(0);
    await expect(page.getByTestId('fm-start-repeated')).toHaveText('Того дня годинники переводили назад, тож 03:30 було двічі: узято перший раз (ще літній час).');
    await noSeriousViolations(page);

    // Typed key by key, the separators come by themselves; read back with the weekday and Kyiv's offset then.
    await start.fill('');
    await start.pressSequentially('251020260230');
    await expect(start).toHaveValue('25.10.2026 02:30');
    await expect(startError).toHaveCount(0);
    await expect(page.getByTestId('fm-start-readback')).toHaveText('неділя, 25.10.2026, 02:30 — київський час, UTC+03:00 (літній час)');
    // ↑ in an empty field starts at now (Kyiv), then moves the part under the caret.
    await end.focus();
    await page.keyboard.press('ArrowUp');
    await expect(end).toHaveValue('27.11.2026 10:00');
    await end.fill('');
    await end.pressSequentially('25.10.2026 5:00');
    await expect(end).toHaveValue('25.10.2026 5:00');
    await expect(page.getByTestId('fm-end-readback')).toHaveText('неділя, 25.10.2026, 05:00 — київський час, UTC+02:00 (зимовий час)');
    // Written out in full once the field is left.
    await end.blur();
    await expect(end).toHaveValue('25.10.2026 05:00');
    // The clocks went back an hour in between: 2 h 30 min on the wall, 3 h 30 min in fact.
    await expect(page.getByTestId('fm-duration')).toContainText('Тривалість: 3 год 30 хв.');
    await page.getByTestId('fm-note').fill(note);
    await noSeriousViolations(page);
    await page.getByTestId('fm-submit').click();
    await expect(page.getByTestId('fm-result')).toContainText('Період записано.');

    const stored = (await api(request, 'forceMajeure.list', { limit: 200 })).periods.filter((p) => p.note === note);
    expect(stored.map((p) => [p.startsAt, p.endsAt, p.extendedDays])).toEqual([['2026-10-24T23:30:00.000Z', '2026-10-25T03:00:00.000Z', []]]);
    const row = page.getByTestId('fm-row').filter({ hasText: 'переведення годинників' });
    await expect(row).toContainText('25.10.2026, 02:30');
    await expect(row).toContainText('25.10.2026, 05:00');
    await expect(row).not.toContainText(/AM|PM/);

    // In English the zone is named in English; the form of dates and times stays the same.
    await page.getByTestId('language-switch').selectOption('en');
    await end.fill('26.11.2026 21:15');
    await expect(page.getByTestId('fm-end-readback')).toHaveText('Thursday, 26.11.2026, 21:15 — Kyiv time, UTC+02:00 (winter time)');
    await expect(page.getByTestId('fm-zone')).toHaveText('Kyiv time, now UTC+02:00 (winter time), whatever zone the computer is in.');
    await expect(end).toHaveAttribute('placeholder', 'dd.mm.yyyy hh:mm');
    await noSeriousViolations(page);
    await page.getByTestId('language-switch').selectOption('uk');
  } finally {
    await page.getByTestId('sign-out').click();
  }
});

test('the daily register\'s day from the same browser: today in Kyiv as dd.mm.yyyy, a day to come refused, another day typed opens that day\'s register', async ({ page }) => {
  await openScreen(page, '#/cards-arrived', 'arrivals-screen');
  const day = page.getByTestId('register-day');
  await expect(day).toHaveValue('27.11.2026');
  await expect(page.getByTestId('register-day-readback')).toHaveText('пʼятниця, 27.11.2026');
  await day.fill('28.11.2026');
  await expect(page.getByTestId('register-day-error')).toHaveText('Цей день ще не настав (сьогодні 27.11.2026).');
  await page.getByTestId('register-open').click();
  await expect(page.getByTestId('arrivals-screen')).toBeVisible();
  await expect(day).toBeFocused();
  await noSeriousViolations(page);
  await day.fill('');
  await day.pressSequentially('26112026');
  await expect(day).toHaveValue('26.11.2026');
  await page.getByTestId('register-open').click();
  await expect(page.locator('[data-testid="print-pages"][data-ready="true"]')).toBeVisible({ timeout: 15_000 });
  expect(page.url()).toContain('#/print/daily_register?date=2026-11-26');
});
