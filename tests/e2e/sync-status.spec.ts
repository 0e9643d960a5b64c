import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { api, holdFirstAnswer, openConsole } from './support';
import { trainingCentralProcess, type PausableCentral } from './training-central';

/**
 * The header's sync status must end where the core's cycle ends. A page hears the core two ways: answers to its
 * requests and events on its stream, and either can come late. These tests hold the cycle mid-way by pausing the
 * worker's real training central server (SIGSTOP), and hold the page's traffic with Playwright's routing, so the
 * order that once left the header at «Довідники 0/1» with «Синхронізувати» disabled is played on purpose.
 */
test.describe.configure({ mode: 'serial' });

const indicator = (page: Page) => page.getByTestId('sync-indicator');

/** Runs `during` while a sync cycle waits on the paused central server; returns once that cycle has ended. */
async function midCycle(request: Parameters<typeof api>[0], central: PausableCentral, during: () => Promise<void>): Promise<void> {
  // Start from an idle engine, so the cycle below is the one the page sees.
  await api(request, 'sync.now', {});
  central.pause();
  const cycle = api(request, 'sync.now', {});
  try {
    await expect.poll(async () => (await api(request, 'sync.status', {})).syncing).toBe(true);
    await during();
  } finally {
    central.resume();
  }
  await cycle;
  expect((await api(request, 'sync.status', {})).syncing).toBe(false);
}

async function expectCycleEnded(page: Page): Promise<void> {
  await expect(indicator(page)).toHaveAttribute('data-syncing', 'false');
  await expect(indicator(page)).toContainText('синхронізовано');
  await expect(page.getByTestId('sync-now')).toBeEnabled();
}

test('a page whose event stream opens after the cycle ended shows the end, not the phase it loaded in', async ({ page, request }) => {
  test.setTimeout(60_000);
  const central = trainingCentralProcess((await api(request, 'sync.enrolment', {})).centralUrl!);
  // The page's event streams wait here: whatever the core announces meanwhile never reaches it.
  const held: Route[] = [];
  await page.route('**/api/events', (route) => void held.push(route));
  await midCycle(request, central, async () => {
    // Loads and signs in mid-cycle: its first read of the status says a cycle runs.
    await openConsole(page);
    await expect(indicator(page)).toHaveAttribute('data-syncing', 'true');
  });
  await page.unroute('**/api/events');
  // Streams the page gave up on (signing in reconnects it) cannot go on; the live one does.
  for (const route of held) await route.continue().catch(() => undefined);
  await expectCycleEnded(page);
});

test('a status read mid-cycle whose answer arrives after the cycle ended does not bring the ended phase back', async ({ page, request }) => {
  test.setTimeout(60_000);
  const central = trainingCentralProcess((await api(request, 'sync.enrolment', {})).centralUrl!);
  // The core answers the page's first read now, mid-cycle; the answer reaches the page when the test lets it.
  const late = await holdFirstAnswer(page, 'sync.status');
  await midCycle(request, central, async () => {
    await openConsole(page);
    await late.answered;
  });
  // The cycle's end came on the event stream.
  await expectCycleEnded(page);
  // Let the page take the late answer in, then the header must still show the end.
  await late.deliver();
  await expectCycleEnded(page);
});
