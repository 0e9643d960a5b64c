import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SUPERVISOR, api, openConsole, pdfText, printToPdf, seriousViolations } from './support';
import { reportTables } from '../../electron/core/services/reports/report-tables';
import type { ReportResult } from '../../shared/reports/result';

/** The training world's days: 800 applications over the 60 days before 27.11.2026. */
const PERIOD = { from: '2026-09-01', to: '2026-11-27' };
const PERIOD_HASH = `#/reports?from=${PERIOD.from}&to=${PERIOD.to}`;

/** The page signs in as the supervisor (its own window's session) and goes to `hash`. */
async function asSupervisor(page: Page, hash: string): Promise<void> {
  await openConsole(page, '', SUPERVISOR);
  await page.evaluate((h) => (window.location.hash = h), hash);
}

const digits = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

test.describe('supervisor reports', () => {
  test('z opens the reports; the periods, the tables and the charts are there, in Ukrainian, with no serious axe finding', async ({ page }) => {
    await asSupervisor(page, '#/');
    await page.getByTestId('queue-grid').focus();
    await page.keyboard.press('z');
    await expect(page.getByTestId('reports-screen')).toBeVisible();
    await expect(page.getByTestId('report-summary')).toBeVisible();
    await expect(page.getByTestId('report-preset-lastHalfYear')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('report-from').fill('01.09.2026');
    await page.getByTestId('report-to').fill('27.11.2026');
    await page.getByTestId('report-show').click();
    await expect(page.getByTestId('report-showing')).toContainText('01.09.2026–27.11.2026');
    await expect(page.locator('[data-testid="report-trend-chart"] svg[width="760"]')).toBeVisible();
    await expect(page.locator('[data-testid="report-reasons-chart"] svg[width="760"]')).toBeVisible();
    const received = await page.locator('[data-key="summary.received"]').textContent();
    expect(digits(received)).toBeGreaterThan(500);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('report-to').fill('31.02.2026');
    await page.getByTestId('report-show').click();
    await expect(page.getByTestId('report-period-error')).toContainText('дд.мм.рррр');
    await page.getByTestId('report-from').fill('27.11.2026');
    await page.getByTestId('report-to').fill('01.11.2026');
    await page.getByTestId('report-show').click();
    await expect(page.getByTestId('report-period-error')).toContainText('раніше');

    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-dialog')).toContainText('Відкрити звіти центру');
  });

  test('every figure on the screen leads to a queue of exactly that many applications', async ({ page }) => {
    test.setTimeout(300_000);
    await asSupervisor(page, PERIOD_HASH);
    await expect(page.getByTestId('report-summary')).toBeVisible();
    // Counts lead to their own list; a median, share, rate or the working days added to the list it was worked out
    // from, whose length the link carries. Every figure in the tables is one or the other.
    const figures = await page.locator('[data-testid="report-figure"], [data-testid="report-figure-basis"]').evaluateAll((links) =>
      links.map((a) => ({ key: a.getAttribute('data-key')!, value: Number(a.getAttribute('data-value')), href: a.getAttribute('href')!, basis: a.getAttribute('data-testid') === 'report-figure-basis' })),
    );
    const cells = await page.locator('.report-table:not(.sr-only) td').evaluateAll((tds) => tds.filter((td) => !['—', 'немає даних'].includes(td.textContent!.trim()) && !td.querySelector('a')).map((td) => td.textContent));
    expect(cells).toEqual([]);
    expect(figures.filter((f) => !f.basis).length).toBeGreaterThan(120);
    expect(figures.filter((f) => f.basis).length).toBeGreaterThan(15);
    expect(figures.filter((f) => f.value > 0).length).toBeGreaterThan(60);
    for (const key of ['deadlines.decided', 'summary.received.exchange.previous', 'summary.approved.ukrposhta.previous', 'deadlines.workingDaysAdded']) {
      expect(figures.map((f) => f.key)).toContain(key);
    }
    const mismatches: string[] = [];
    // One visit per list: figures that share a list must all carry its length.
    const byHref = new Map<string, typeof figures>();
    for (const f of figures) byHref.set(f.href, [...(byHref.get(f.href) ?? []), f]);
    for (const [href, same] of byHref) {
      await page.evaluate((h) => (window.location.hash = h), href);
      // The banner names this list before the total is read: the screen has moved to it.
      await expect(page.locator(`[data-testid="queue-drill"][data-href="${href}"]`)).toBeVisible();
      const total = page.getByTestId('queue-total');
      await expect(total).toHaveText(/\d/);
      const shown = digits(await total.textContent());
      for (const f of same) if (shown !== f.value) mismatches.push(`${f.key}: report ${f.value}, queue ${shown}`);
    }
    expect(mismatches).toEqual([]);
    // A link is followed like any link: the queue of the last figure came from a click too.
    await page.evaluate((h) => (window.location.hash = h), PERIOD_HASH);
    const first = page.locator('[data-key="summary.approved"]');
    const value = Number(await first.getAttribute('data-value'));
    await first.click();
    await expect(page.getByTestId('queue-total')).toHaveText(new RegExp(value.toLocaleString('uk-UA').replace(/\s/g, '\\s')));
  });

  test('XLSX and CSV hold every cell of the core’s report, numbers as numbers and dates as dates; the PDF prints the tables and charts', async ({ page }, testInfo) => {
    await asSupervisor(page, PERIOD_HASH);
    await expect(page.getByTestId('report-summary')).toBeVisible();
    const report = (await api(page.request, 'reports.get', { period: PERIOD }, SUPERVISOR)) as ReportResult;
    const tables = reportTables(report, 'uk');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toBe(`report-sc-8041-${PERIOD.from}-${PERIOD.to}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.sheet));
    for (const table of tables) {
      const ws = wb.getWorksheet(table.sheet)!;
      expect(String(ws.getCell(1, 1).value)).toContain('01.09.2026–27.11.2026');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      table.columns.forEach((c, i) => expect(ws.getCell(2, i + 1).value).toBe(c.header));
      table.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          const got = ws.getCell(r + 3, c + 1).value;
          if (cell instanceof Date) expect((got as Date).toISOString()).toBe(cell.toISOString());
          else expect(got, `${table.sheet} R${r + 3}C${c + 1}`).toBe(cell);
        }),
      );
      expect(ws.rowCount).toBe(table.rows.length + 2);
    }

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-csv').click()]);
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    const parse = (line: string) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
    for (const table of tables) {
      const at = lines.indexOf(table.sheet);
      expect(at, table.sheet).toBeGreaterThan(0);
      table.rows.forEach((row, r) => {
        const cells = parse(lines[at + 2 + r]!);
        row.forEach((cell, c) => expect(cells[c]).toBe(cell === null ? '' : cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell)));
      });
    }

    // No applicant's personal data in either file: the training names are not in them.
    const rows = await api(page.request, 'queue.page', { limit: 50 });
    const text = bytes.toString('utf8');
    for (const r of rows.rows) expect(text).not.toContain(r.applicantName);

    await page.getByTestId('report-print').click();
    await expect(page.getByTestId('report-paper')).toBeVisible();
    const pdf = pdfText(await printToPdf(page, testInfo.outputPath('report.pdf')));
    expect(pdf).toContain('Звіт сервісного центру');
    expect(pdf).toContain('01.09.2026–27.11.2026');
    expect(pdf).toContain('Надійшло заяв');
    expect(pdf).toContain(report.summary.total.received.toLocaleString('uk-UA').replace(/\s/g, ' '));
    expect(pdf).toContain('Динаміка');
    expect(await page.locator('[data-testid="report-paper"] svg.recharts-surface').count()).toBeGreaterThanOrEqual(2);
  });

  test('an administrator has no reports key or link, and the core refuses the screen with a sentence about supervisors', async ({ page }) => {
    await openConsole(page);
    await expect(page.getByTestId('nav-reports')).toHaveCount(0);
    await page.evaluate(() => (window.location.hash = '#/reports'));
    await expect(page.getByTestId('reports-forbidden')).toContainText('Звіти — для керівників');
  });
});
