import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, openConsole } from './support';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('accessibility (axe-core)', () => {
  test('queue screen has no serious or critical violations', async ({ page }) => {
    await openConsole(page);
    await expect(page.getByTestId('queue-row').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('application screen has no serious or critical violations', async ({ page, request }) => {
    const row = (await api(request, 'queue.page', { filter: { statuses: ['shipped'] }, limit: 1 })).rows[0]!;
    await openConsole(page, `#/applications/${row.id}`);
    await expect(page.getByTestId('status-history')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('keyboard help dialog has no serious or critical violations and traps focus', async ({ page }) => {
    await openConsole(page);
    await page.getByTestId('queue-grid').focus();
    await page.keyboard.press('?');
    const dialog = page.getByTestId('help-dialog');
    await expect(dialog).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('focus is always visible on the queue', async ({ page }) => {
    await openConsole(page);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
    });
    expect(outline.style !== 'none' && outline.width > 0 || outline.shadow !== 'none').toBe(true);
  });
});
