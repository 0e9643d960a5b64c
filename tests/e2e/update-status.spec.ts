import type { Page, Route } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { publishAppImage } from '../../central/releases/release-testing';
import type { UpdateStatus } from '../../shared/api/updates';
import { E2E_NOW } from '../../playwright.config';
import { startUpdatingStack, type UpdatingStack } from '../updates/support/updating-console';
import { holdFirstAnswer, signInOnPage } from './support';

/**
 * The update banner must end where the download ends. A page hears the core two ways: answers to its requests and
 * events on its stream, and either can come late. A production console downloads real releases with electron-updater
 * (the Electron app and net stood in) from the real central server; the fault proxy holds each download halfway,
 * and Playwright's routing holds the page's traffic, so the orders that lose the end are played on purpose.
 */
test.describe.configure({ mode: 'serial' });

const SIZE = 64 * 1024;
let stack: UpdatingStack;

test.beforeAll(async () => {
  stack = await startUpdatingStack({ now: Date.parse(E2E_NOW), installation: 9, staticDir: 'out/renderer', releaseSize: SIZE });
});

test.afterAll(async () => {
  await stack?.dispose();
});

const banner = (page: Page) => page.getByTestId('update-banner');
const status = () => stack.core.facade['updates.status']({}) as UpdateStatus;

/** Starts downloading what the feed offers and returns once half of it arrived; the rest waits for the function returned. */
async function downloadHeldHalfway(): Promise<() => void> {
  const finish = stack.holdNextDownload(SIZE / 2);
  await stack.core.updates!.checkNow();
  await expect.poll(() => status().progressPercent, { timeout: 15_000 }).toBe(50);
  return finish;
}

test('a page whose event stream reconnects mid-download ends at the downloaded update, not at the download it last heard of', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(stack.host.url);
  await expect(page.getByTestId('sign-in')).toBeVisible();
  const finish = await downloadHeldHalfway();
  // Signing in reconnects the page's event stream; the new stream waits here while the download ends.
  const held: Route[] = [];
  await page.route('**/api/events', (route) => void held.push(route));
  await signInOnPage(page);
  await expect(banner(page)).toHaveAttribute('data-phase', 'downloading');
  await expect(banner(page)).toContainText('50');
  await expect.poll(() => held.length).toBeGreaterThan(0);

  finish();
  await expect.poll(() => status().phase, { timeout: 15_000 }).toBe('ready');
  // The end was announced while the page had no stream; the stream it gets now must tell it.
  await page.unroute('**/api/events');
  for (const route of held) await route.continue().catch(() => undefined);
  await expect(banner(page)).toHaveAttribute('data-phase', 'ready');
  await expect(banner(page)).toContainText('Оновлення 0.2.0 завантажено й перевірено');
});

test('a status read mid-download whose answer arrives after the download ended does not bring the download back', async ({ page }) => {
  test.setTimeout(60_000);
  await publishAppImage(stack.central, '0.3.0', { percent: 100 }, SIZE);
  const finish = await downloadHeldHalfway();
  expect(status()).toMatchObject({ phase: 'downloading', availableVersion: '0.3.0' });
  await page.goto(stack.host.url);
  await signInOnPage(page);
  await expect(banner(page)).toHaveAttribute('data-phase', 'downloading');

  // The page loads again in the same session (signing in would drop what the page read before it): its first read
  // is answered now, mid-download, and reaches the page only when the test lets it.
  const late = await holdFirstAnswer(page, 'updates.status');
  await page.reload();
  await late.answered;
  await expect(page.getByTestId('queue-grid')).toBeVisible();

  // The download's end comes on the event stream.
  finish();
  await expect(banner(page)).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await expect(banner(page)).toContainText('Оновлення 0.3.0 завантажено й перевірено');
  // Let the page take the late answer in, then the banner must still show the end.
  await late.deliver();
  await expect(banner(page)).toHaveAttribute('data-phase', 'ready');
  await expect(banner(page)).toContainText('Оновлення 0.3.0 завантажено й перевірено');
});
