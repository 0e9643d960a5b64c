import { existsSync } from 'node:fs';
import { expect, test } from './fixtures';
import { ADMIN, openScreen, seriousViolations, SUPERVISOR } from './support';

/* The diagnostics bundle from the sync screen: a supervisor saves it for IT; an administrator does not see the action. */
test('a supervisor saves the diagnostics bundle from the sync screen; an administrator has no such action', async ({ page }) => {
  await openScreen(page, '#/sync', 'sync-screen', ADMIN);
  await expect(page.getByTestId('diagnostics-card')).toHaveCount(0);

  await openScreen(page, '#/sync', 'sync-screen', SUPERVISOR);
  const card = page.getByTestId('diagnostics-card');
  await expect(card.getByRole('heading', { name: 'Діагностика для ІТ' })).toBeVisible();
  const button = card.getByTestId('diagnostics-export');
  await button.focus();
  await page.keyboard.press('Enter');
  const result = page.getByTestId('diagnostics-result');
  await expect(result).toContainText('Пакет збережено');
  const file = (await result.textContent())!.match(/(\/\S+\.zip)/)?.[1];
  expect(file && existsSync(file)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
});
