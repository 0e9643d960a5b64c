import type { APIRequestContext, Page } from '@playwright/test';
import type { QueueFilterInput, QueueRow } from '../../shared/api/queue';
import type { Status } from '../../shared/domain/status';
import { expect, test } from './fixtures';
import {
  ADMIN,
  api,
  centralEvent,
  openConsole,
  openPrintPreview,
  openScreen,
  pdfBarcodes,
  pdfPageCount,
  pdfText,
  printToPdf,
  seriousViolations,
  SUPERVISOR,
  useStandInPrinter,
} from './support';

// The tests build on each other's paperwork (a batch, an issued licence) inside this file only.
test.describe.configure({ mode: 'serial' });

/** Applications in a status, in number order, that no earlier test of this file has used. */
const used = new Set<string>();
async function take(request: APIRequestContext, status: Status, n: number, filter: QueueFilterInput = {}): Promise<QueueRow[]> {
  const page = await api(request, 'queue.page', { filter: { ...filter, statuses: [status] }, sort: { column: 'number', direction: 'asc' }, limit: 500 });
  const rows = page.rows.filter((r) => !used.has(r.id)).slice(0, n);
  expect(rows, `${n} applications in ${status}`).toHaveLength(n);
  for (const r of rows) used.add(r.id);
  return rows;
}

/** Claims and approves n received Ukrposhta applications whose automatic checks all pass. */
async function approveThroughApi(request: APIRequestContext, n: number): Promise<QueueRow[]> {
  const candidates = (await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['ukrposhta'] }, sort: { column: 'number', direction: 'desc' }, limit: 200 })).rows;
  const out: QueueRow[] = [];
  for (const r of candidates) {
    if (out.length === n) break;
    if (used.has(r.id)) continue;
    const wf = await api(request, 'application.workflow', { id: r.id });
    if (!wf.autoChecks.every((c) => c.passed)) continue;
    used.add(r.id);
    await api(request, 'application.claim', { id: r.id });
    await api(request, 'application.approve', { id: r.id, manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } });
    out.push(r);
  }
  expect(out, `${n} received Ukrposhta applications with passing checks`).toHaveLength(n);
  return out;
}

/** A 13-digit domestic tracking barcode of our own for an application (unique, as the core requires). */
const trackingFor = (number: string) => `050${number.replace(/\D/g, '')}`;
const kyivToday = (now: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(new Date(now));
const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

test('every document prints to PDF with its Ukrainian text, the center, the numbers and barcodes that scan', async ({ page, request }, testInfo) => {
  test.setTimeout(60_000);
  const session = await api(request, 'session.info', {});
  const [approved] = await take(request, 'approved', 1);
  const [receipt, issued] = await take(request, 'ready_for_pickup', 2);
  const [refused] = await take(request, 'refused', 1);
  const parcels = await take(request, 'awaiting_shipment', 2);
  const { batch } = await api(request, 'shipping.createBatch', { applicationIds: parcels.map((p) => p.id) });
  for (const p of parcels) await api(request, 'shipping.setTracking', { batchId: batch.id, applicationId: p.id, tracking: trackingFor(p.number) });
  const issuedDetail = await api(request, 'application.get', { id: issued!.id });
  await api(request, 'handover.issue', { id: issued!.id, identityDocumentChecked: true, identityDocumentNumber: issuedDetail.record.applicant.identityDocument.number });
  const refusal = (await api(request, 'application.get', { id: refused!.id })).record.refusal!;
  const reason = (await api(request, 'reference.refusalReasons', { includeInactive: true })).reasons.find((r) => r.code === refusal.reasonCode)!;

  const documents = [
    { name: 'production_order', hash: `#/print/production_order?ids=${approved!.id}`, people: [approved!], barcodes: [approved!.number], words: ['Посвідчення водія до виготовлення'] },
    { name: 'handover_receipt', hash: `#/print/handover_receipt?ids=${receipt!.id}`, people: [receipt!], barcodes: [receipt!.number], words: ['Посвідчення водія отримав(ла)', 'Громадянин (отримувач)'] },
    { name: 'refusal_notice', hash: `#/print/refusal_notice?ids=${refused!.id}`, people: [refused!], barcodes: [refused!.number], words: [reason.titleUk, refusal.explanation] },
    { name: 'address_label', hash: `#/print/address_label?batch=${batch.id}`, size: 'label' as const, people: parcels, barcodes: parcels.flatMap((p) => [p.number, trackingFor(p.number)]), words: ['Вкладення: посвідчення водія'] },
    { name: 'batch_list', hash: `#/print/batch_list?batch=${batch.id}`, people: parcels, barcodes: parcels.map((p) => trackingFor(p.number)), words: ['Список відправлень, переданих Укрпошті'] },
    { name: 'daily_register', hash: `#/print/daily_register?date=${kyivToday(session.now)}`, people: [issued!], barcodes: [], words: ['Журнал видачі посвідчень водія'] },
  ];
  for (const doc of documents) {
    await openPrintPreview(page, doc.hash);
    const pdf = await printToPdf(page, testInfo.outputPath(`${doc.name}.pdf`), doc.size);
    const text = pdfText(pdf);
    for (const person of doc.people) expect(text, doc.name).toContain(fold(person.applicantName));
    for (const person of doc.people) expect(text, doc.name).toContain(person.number);
    for (const word of doc.words) expect(text, doc.name).toContain(fold(word));
    expect(text, doc.name).toMatch(/посвідчен/i);
    expect(text, doc.name).toContain(fold(session.centerName));
    expect(text, doc.name).toContain('Олена Коваленко'); // the operator signed in
    expect(text, doc.name).toContain('НАВЧАЛЬНИЙ ЗРАЗОК'); // training mode marks the paper
    expect(text, doc.name).not.toContain('КОПІЯ');
    const found = pdfBarcodes(pdf);
    for (const code of doc.barcodes) expect(found, `${doc.name} barcodes`).toContain(code);
  }
  await noSeriousViolations(page);
});

test('the daily register without a date opens today\'s, the Kyiv day of the workstation\'s clock', async ({ page, request }) => {
  const session = await api(request, 'session.info', {});
  const [issued] = await take(request, 'ready_for_pickup', 1);
  const detail = await api(request, 'application.get', { id: issued!.id });
  await api(request, 'handover.issue', { id: issued!.id, identityDocumentChecked: true, identityDocumentNumber: detail.record.applicant.identityDocument.number });
  await openPrintPreview(page, '#/print/daily_register');
  const [y, m, d] = kyivToday(session.now).split('-');
  const paper = page.getByTestId('paper-daily_register');
  await expect(paper).toContainText(`Журнал видачі посвідчень водія за ${d}.${m}.${y}`);
  await expect(paper).toContainText(issued!.number);
  await noSeriousViolations(page);
});

test('hostile applicant text prints as text: markup, a right-to-left override and a 10,000-character name', async ({ page, request }, testInfo) => {
  const six = (await api(request, 'queue.page', { sort: { column: 'number', direction: 'asc' }, limit: 6 })).rows;
  // The 10,000-character name last, so that the sheets before it are one page each.
  const first = [...six.filter((r) => r.applicantName.length < 1000), ...six.filter((r) => r.applicantName.length >= 1000)];
  expect(first.at(-1)!.applicantName.length).toBeGreaterThan(5000);
  await openPrintPreview(page, `#/print/production_order?ids=${first.map((r) => r.id).join(',')}`);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  const viewport = page.viewportSize()!;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width + 1);
  const pdf = await printToPdf(page, testInfo.outputPath('hostile.pdf'));
  const text = pdfText(pdf);
  expect(text).toContain('<script>alert(1)</script>');
  expect(text).toContain('<img src=x onerror=alert(1)>');
  expect(text).toContain('DROP TABLE applications');
  expect(text).toContain('ШевченкоШевченкоШевченко');
  // The long name runs on over more sheets instead of off the paper; every application still has its barcode.
  expect(pdfPageCount(pdf)).toBeGreaterThan(first.length);
  const found = pdfBarcodes(pdf, first.length);
  for (const r of first) expect(found).toContain(r.number);
});

test('batch print from the queue: picked rows print in one job, recorded after the operator confirms; a reprint says КОПІЯ', async ({ page, request }, testInfo) => {
  await openConsole(page);
  await page.getByTestId('filter-status-refused').click();
  const grid = page.getByTestId('queue-grid');
  await expect(page.getByTestId('queue-row').first()).toContainText('Відмовлено');
  await grid.focus();
  for (const key of ['Space', 'j', 'Space', 'j', 'Space']) await grid.press(key);
  await expect(page.getByTestId('selection-count')).toContainText('3');
  const ids = await page.locator('[data-testid="queue-row"][data-picked="true"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')!));
  expect(ids).toHaveLength(3);

  await page.keyboard.press('p');
  await expect(page.getByTestId('print-chooser')).toBeVisible();
  await noSeriousViolations(page);
  await page.getByTestId('print-choice-refusal_notice').check();
  await page.getByTestId('print-chooser-open').click();
  await expect(page.locator('[data-testid="print-pages"][data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('paper-refusal_notice')).toHaveCount(3);
  await noSeriousViolations(page);

  await useStandInPrinter(page);
  await page.getByTestId('print-button').click();
  await expect(page.getByTestId('print-confirm')).toBeVisible();
  await expect(page.getByTestId('print-confirm')).toContainText('Сторінка надрукувалась?');
  await noSeriousViolations(page);
  await page.getByTestId('print-confirm-yes').click();
  await expect(page.getByTestId('print-recorded')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { printerStandInJobs: number }).printerStandInJobs)).toBe(1);
  for (const id of ids) {
    const { prints } = await api(request, 'prints.history', { applicationId: id });
    expect(prints.map((p) => [p.document, p.how, p.reprint])).toEqual([['refusal_notice', 'operator_confirmed', false]]);
  }

  // The sheets now on screen are the next print: copies.
  await expect(page.getByTestId('copy-mark')).toHaveCount(3);
  await expect(page.locator('[data-testid="print-pages"][data-ready="true"]')).toBeVisible();
  expect(pdfText(await printToPdf(page, testInfo.outputPath('reprint.pdf')))).toContain('КОПІЯ');

  // "No" records nothing.
  await page.getByTestId('print-button').click();
  await page.getByTestId('print-confirm-no').click();
  expect((await api(request, 'prints.history', { applicationId: ids[0]! })).prints).toHaveLength(1);
});

test('approve, then the card arrives (scanned) and is issued in person after the identity check', async ({ page, request }) => {
  // Approve in the decision panel: claim (c), the three manual checks (1 2 3), approve (a) and confirm.
  const received = (await api(request, 'queue.page', { filter: { statuses: ['received'], delivery: ['pickup'] }, sort: { column: 'number', direction: 'asc' }, limit: 100 })).rows;
  let approveId: string | null = null;
  for (const r of received) {
    const wf = await api(request, 'application.workflow', { id: r.id });
    if (!used.has(r.id) && wf.autoChecks.every((c) => c.passed)) {
      approveId = r.id;
      break;
    }
  }
  expect(approveId).not.toBeNull();
  used.add(approveId!);
  await openConsole(page, `#/applications/${approveId}`);
  await expect(page.getByTestId('claim-button')).toBeVisible();
  await page.keyboard.press('c');
  await expect(page.getByTestId('claim-state')).toHaveAttribute('data-mine', 'true');
  for (const key of ['1', '2', '3', 'a']) await page.keyboard.press(key);
  await page.getByTestId('approve-confirm-submit').click();
  await expect.poll(async () => (await api(request, 'application.get', { id: approveId! })).record.status).toBe('approved');

  // `produced` comes only from production, through the central server: play production, then sync.
  await centralEvent(request, 'produced', { applicationId: approveId!, newLicenceNumber: 'ВХН' + String(400000 + used.size).padStart(6, '0') }, 'produced');
  const card = (await api(request, 'queue.page', { filter: { search: (await api(request, 'application.get', { id: approveId! })).record.number }, limit: 1 })).rows[0]!;
  expect(card.id).toBe(approveId);
  await page.keyboard.press('h');
  const input = page.getByTestId('arrival-input');
  await expect(input).toBeFocused();
  await input.fill('not a number');
  await input.press('Enter');
  await expect(page.getByTestId('arrival-result').first()).toHaveAttribute('data-outcome', 'error');
  await expect(page.getByTestId('arrival-result').first()).toContainText('Це не номер заяви');
  await input.fill(card!.number.replace('-', ''));
  await input.press('Enter');
  await expect(page.getByTestId('arrival-result').first()).toHaveAttribute('data-outcome', 'moved');
  await expect(page.getByTestId('arrival-result').first()).toContainText('Готове до видачі');
  await expect(input).toBeFocused();
  await input.fill(card!.number);
  await input.press('Enter');
  await expect(page.getByTestId('arrival-result').first()).toHaveAttribute('data-outcome', 'repeat');
  await noSeriousViolations(page);

  const detail = await api(request, 'application.get', { id: card!.id });
  await page.getByTestId('arrival-result').nth(1).getByRole('link').click();
  const panel = page.getByTestId('handover-panel');
  await expect(panel).toBeVisible();
  await noSeriousViolations(page);
  await page.keyboard.press('i');
  await expect(page.getByTestId('identity-checked')).toBeFocused();
  await page.keyboard.press('Space');
  await page.getByTestId('identity-number').fill('НЕ 000000');
  await page.getByTestId('issue-licence').click();
  await expect(panel.getByTestId('workflow-error')).toHaveAttribute('data-code', 'identity_document_mismatch');
  await page.getByTestId('identity-number').fill(` ${detail.record.applicant.identityDocument.number.toLowerCase()} `);
  await page.getByTestId('issue-licence').click();
  await expect(page.getByTestId('handover-notice')).toContainText('видано');
  expect((await api(request, 'application.get', { id: card!.id })).record.status).toBe('issued');

  // Today's register of licences issued lists it.
  await page.keyboard.press('h');
  await page.getByTestId('register-open').click();
  await expect(page.getByTestId('register-row').filter({ hasText: card!.number })).toBeVisible();
});

test('ship a batch of five by Ukrposhta: scan arrivals, build the batch, scan barcodes, print, mark shipped', async ({ page, request }) => {
  // Five approved here (through the API: the UI approval is the test above), produced by the central server.
  const five = await approveThroughApi(request, 5);
  for (const [i, r] of five.entries()) {
    await centralEvent(request, 'produced', { applicationId: r.id, newLicenceNumber: 'ВХМ' + String(500000 + i).padStart(6, '0') }, 'produced');
  }
  await openScreen(page, '#/cards-arrived', 'arrivals-screen');
  const input = page.getByTestId('arrival-input');
  for (const r of five) {
    await input.fill(r.number);
    await input.press('Enter');
    await expect(page.getByTestId('arrival-result').first()).toContainText(r.number);
  }
  await expect(page.locator('[data-testid="arrival-result"][data-outcome="moved"]')).toHaveCount(5);

  await page.getByTestId('nav-shipping').click();
  for (const r of five) await page.locator(`[data-testid="awaiting-row"][data-id="${r.id}"] input`).check();
  await noSeriousViolations(page);
  await page.getByTestId('create-batch').click();
  await expect(page.getByTestId('parcel-row')).toHaveCount(5);

  // A wrong barcode's message wraps inside its cell: no column of the table moves or changes its width.
  const columns = () =>
    page.getByTestId('batch-table').locator('thead th').evaluateAll((ths) => ths.map((th) => {
      const r = th.getBoundingClientRect();
      return { left: Math.round(r.left * 10) / 10, width: Math.round(r.width * 10) / 10 };
    }));
  const before = await columns();
  expect(before).toHaveLength(6);
  const trackingInputs = page.getByTestId('tracking-input');
  await trackingInputs.first().fill('12345');
  await trackingInputs.first().press('Enter');
  await expect(page.getByTestId('tracking-error')).toContainText('13 цифр');
  expect(await columns()).toEqual(before);
  await trackingInputs.first().fill('0500000000000123456789');
  await trackingInputs.first().press('Enter');
  await expect(page.getByTestId('tracking-error')).toHaveText('Трек-номер Укрпошти має 13 цифр, а введено 22.');
  expect(await columns()).toEqual(before);
  await noSeriousViolations(page);
  for (let i = 0; i < 5; i++) {
    const number = (await page.getByTestId('parcel-row').nth(i).getByRole('link').textContent())!;
    await trackingInputs.nth(i).fill(trackingFor(number));
    await trackingInputs.nth(i).press('Enter');
    await expect(page.getByTestId('parcel-row').nth(i).getByTestId('tracking-saved')).toBeVisible();
  }
  await expect(page.getByTestId('batch-summary')).toContainText('із трек-номером: 5');
  await noSeriousViolations(page);

  await page.getByTestId('print-labels').click();
  await expect(page.locator('[data-testid="print-pages"][data-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('paper-address_label')).toHaveCount(5);
  await page.keyboard.press('Escape');
  await page.getByTestId('mark-shipped').click();
  await page.getByTestId('ship-confirm-submit').click();
  await expect(page.getByTestId('batch-result')).toContainText('Передано Укрпошті: 5');

  for (const r of five) expect((await api(request, 'application.get', { id: r.id })).record.status).toBe('shipped');
  const targets = await api(request, 'shipping.deliveryTargets', {});
  const ours = targets.items.filter((i) => five.some((r) => r.id === i.applicationId));
  expect(ours.map((i) => `${i.tracking}:${i.daysLeft}`).sort()).toEqual(five.map((r) => `${trackingFor(r.number)}:${targets.targetDays}`).sort());
  await page.getByTestId('nav-shipping').click();
  await expect(page.locator('[data-testid="delivery-row"]').filter({ hasText: five[0]!.number })).toBeVisible();

  // Ukrposhta's answers arrive through sync: one parcel delivered, one returned (it can then be handed over here).
  await centralEvent(request, 'delivered', { applicationId: five[0]!.id }, 'delivered');
  await centralEvent(request, 'returned', { applicationId: five[1]!.id }, 'returned');
  const targetsAfter = await api(request, 'shipping.deliveryTargets', {});
  expect(targetsAfter.items.some((i) => i.applicationId === five[0]!.id)).toBe(false);
});

test('supervisor resolves an odd fact on the review list; sync and uncollected screens show what they hold', async ({ page, request }) => {
  const [odd] = await take(request, 'received', 1);
  const { prints } = await api(request, 'prints.record', { applicationIds: [odd!.id], document: 'handover_receipt', how: 'operator_confirmed' });
  expect(prints[0]!.flag).toBe('document_not_applicable');
  await openScreen(page, '#/review', 'review-screen', SUPERVISOR);
  const row = page.locator('[data-testid="review-row"]').filter({ hasText: odd!.number });
  await expect(row).toContainText('Цей документ не відповідає статусу заяви');
  await noSeriousViolations(page);
  await row.getByTestId('review-resolve').click();
  await page.getByTestId('resolve-submit').click();
  await expect(page.getByTestId('resolve-dialog').getByTestId('workflow-error')).toHaveAttribute('data-code', 'note_required');
  await page.getByTestId('resolve-note').fill('Розписку надруковано помилково; аркуш знищено.');
  await page.getByTestId('resolve-submit').click();
  await expect(row).toHaveCount(0);

  await openScreen(page, '#/sync', 'sync-screen', ADMIN);
  await expect(page.getByTestId('sync-conflicts')).toBeVisible();
  await noSeriousViolations(page);
  // The answer to «Синхронізувати» comes when the cycle has ended, however long that takes on a loaded machine.
  const synced = page.waitForResponse((r) => r.url().endsWith('/api/sync.now'));
  await page.getByTestId('sync-now').click();
  await synced;
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-pending', '0');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-syncing', 'false');
  await expect(page.getByTestId('sync-indicator')).toContainText('синхронізовано');

  await page.keyboard.press('n');
  await page.getByTestId('uncollected-days').fill('0');
  await expect(page.getByTestId('uncollected-row').first()).toBeVisible();
  await noSeriousViolations(page);
});
