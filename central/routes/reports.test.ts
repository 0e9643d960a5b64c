import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CentralReportSchema, type CentralReport } from '../../shared/reports/central';
import { centerTable, reportTables, SHEETS } from '../../shared/reports/tables';
import { SUMMARY_METRICS } from '../../shared/reports/result';
import { backfillReportFacts } from '../services/reports/report-writes';
import { derivedReportTables, storedReportTables } from '../services/reports/facts-check';
import { appOp, call, CENTER, OTHER_CENTER, periodOp, push, sampleIntake, seedWorld, type World } from '../test-fixtures';
import { serverRecords, startTempCentral, type TempCentral } from '../testing';

/*
 * The report routes: admin only, clear 400s for bad periods and centers, the JSON shape (the shared result plus the
 * summary at the top level, refusals per code, and each center when none is named), the console's sheets in XLSX and
 * CSV, the OpenAPI entries, and figures that depend on no applicant's personal data.
 */

const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const PERIOD = 'from=2026-11-01&to=2026-11-30';
let server: TempCentral;
let world: World;

beforeAll(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  // Filed on the 16th and 17th, at both centers; decided, refused and taken into work on the 23rd to 26th.
  for (let n = 1; n <= 12; n++) {
    const other = n > 8;
    await server.admin.intake(sampleIntake(n, {
      submittedAt: `2026-11-${n % 2 ? 16 : 17}T09:00:00.000Z`,
      ...(other ? { centerId: OTHER_CENTER, delivery: { method: 'pickup', centerId: OTHER_CENTER } } : {}),
    }));
  }
  const ops = [];
  for (let n = 1; n <= 6; n++) {
    const id = `app-${String(n).padStart(6, '0')}`;
    const clientTime = `2026-11-2${3 + (n % 4)}T10:00:00.000Z`;
    ops.push(appOp('claim', id, { clientTime }));
    if (n <= 5) ops.push(appOp(n === 5 ? 'refuse' : 'approve', id, { clientTime: clientTime.replace('T10', 'T11') }));
  }
  await push(server, world.tokens.a, 'ws-a', ops);
  await push(server, world.tokens.x, 'ws-x', [appOp('claim', 'app-000009', { operatorId: 'op-lviv-1' }), appOp('approve', 'app-000009', { operatorId: 'op-lviv-1' })], OTHER_CENTER);
}, 120_000);
afterAll(() => server?.dispose());

const get = (path: string, token = server.adminToken) => call(server, 'GET', path, { token });
const report = async (q: string) => CentralReportSchema.parse((await get(`/v1/admin/reports?${q}`)).json);

describe('GET /v1/admin/reports', () => {
  it('answers the admin token only', async () => {
    expect((await call(server, 'GET', `/v1/admin/reports?${PERIOD}`)).status).toBe(401);
    expect((await get(`/v1/admin/reports?${PERIOD}`, world.tokens.a)).status).toBe(401);
    expect((await get(`/v1/admin/reports.xlsx?${PERIOD}`, world.tokens.a)).status).toBe(401);
  });

  it('a date that is not a calendar date, a reversed or too long period, an unknown center: 400 with a clear code', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30&to=2026-03-01', 'invalid_date'],
      ['from=2026-13-01&to=2026-12-31', 'invalid_date'],
      ['from=yesterday&to=2026-03-01', 'invalid_date'],
      ['from=2026-03-01&to=', 'invalid_date'],
      ['from=2026-03-02&to=2026-03-01', 'period_reversed'],
      ['from=2020-01-01&to=2026-03-01', 'period_too_long'],
      [`${PERIOD}&center=sc-0000`, 'unknown_center'],
      ['to=2026-03-01', 'invalid_request'],
    ];
    for (const [q, code] of cases) {
      for (const path of ['/v1/admin/reports', '/v1/admin/reports.xlsx', '/v1/admin/reports.csv']) {
        const res = await get(`${path}?${q}`);
        expect({ q, path, status: res.status, code: (res.json as { error: { code: string } }).error.code }).toEqual({ q, path, status: 400, code });
        expect((res.json as { error: { message: string } }).error.message.length).toBeGreaterThan(20);
      }
    }
  });

  it('for all centers: the shared result, the summary at the top level, refusals per code, and each center', async () => {
    const all = await report(PERIOD);
    expect(all.centerId).toBeNull();
    expect(all.summary.total).toMatchObject({ received: 12, approved: 5, refused: 1, undecided: 6 });
    for (const m of SUMMARY_METRICS) expect(all[m]).toBe(all.summary.total[m]);
    expect(all.byReason).toEqual(all.refusals.byReason.map((r) => ({ code: r.code, count: r.count })));
    expect(all.byReason.find((r) => r.code === 'not_in_register')).toEqual({ code: 'not_in_register', count: 1 });
    expect(all.byCenter!.map((c) => [c.centerId, c.name, c.received, c.approved])).toEqual([[OTHER_CENTER, 'ТСЦ МВС № 4641', 4, 1], [CENTER, 'ТСЦ МВС № 8041', 8, 4]]);
    expect(all.throughput.map((o) => [o.operatorId, o.decisions])).toEqual([['op-admin-1', 5], ['op-lviv-1', 1]]);
    // The decisions count on the days the administrators made them.
    expect(all.trend.points.filter((p) => p.approved + p.refused > 0).map((p) => p.from)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);

    const one = await report(`${PERIOD}&center=${CENTER}`);
    expect(one.centerId).toBe(CENTER);
    expect(one.byCenter).toBeUndefined();
    expect(one.summary.total).toEqual({ ...all.summary.total, ...Object.fromEntries(SUMMARY_METRICS.map((m) => [m, all.byCenter!.find((c) => c.centerId === CENTER)![m]])) });
  });

  it('XLSX holds the console\'s sheets and a sheet of centers, cell for cell; CSV the same tables with a byte order mark', async () => {
    const all = await report(PERIOD);
    const res = await fetch(`${server.url}/v1/admin/reports.xlsx?${PERIOD}&lang=en`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="report-all-2026-11-01-2026-11-30.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const tables = [...reportTables({ ...all, centerId: '' }, 'en'), centerTable(all.byCenter!, 'en')];
    expect(wb.worksheets.map((w) => w.name)).toEqual(tables.map((t) => t.sheet));
    expect(wb.worksheets.at(-1)!.name).toBe(SHEETS.centers.en);
    for (const [i, table] of tables.entries()) {
      const ws = wb.worksheets[i]!;
      expect(ws.getRow(1).getCell(1).value).toBe('Report of all service centers, 01.11.2026–30.11.2026');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(table.columns.map((_, c) => ws.getRow(2).getCell(c + 1).value)).toEqual(table.columns.map((c) => c.header));
      const cells = table.rows.map((_, r) => table.columns.map((_, c) => ws.getRow(r + 3).getCell(c + 1).value ?? null));
      expect(cells).toEqual(table.rows);
    }

    const csv = await fetch(`${server.url}/v1/admin/reports.csv?${PERIOD}&center=${CENTER}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`Звіт сервісного центру «ТСЦ МВС № 8041» (${CENTER}) за 01.11.2026–30.11.2026`);
    expect(text).toContain('Надійшло заяв,8,0,8,0,0,0,8,0,0,0');
    expect(text).not.toContain(SHEETS.centers.uk);
  });

  it('is in the OpenAPI document with its query and answer from the shared schemas', async () => {
    const doc = (await call(server, 'GET', '/openapi.json')).json as { paths: Record<string, { get: { security: unknown; parameters: { name: string; required: boolean }[]; responses: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }> } }> };
    for (const path of ['/v1/admin/reports', '/v1/admin/reports.xlsx', '/v1/admin/reports.csv']) {
      expect(doc.paths[path]!.get.security).toEqual([{ admin: [] }]);
      expect(doc.paths[path]!.get.parameters.map((p) => [p.name, p.required])).toEqual([['from', true], ['to', true], ['center', false], ['lang', false]]);
    }
    const answer = doc.paths['/v1/admin/reports']!.get.responses['200']!.content!['application/json']!.schema!.properties!;
    expect(Object.keys(answer)).toEqual(expect.arrayContaining(['centerId', 'period', 'summary', 'refusals', 'deadlines', 'throughput', 'timeInStatus', 'trend', 'received', 'approved', 'byReason', 'byCenter']));
  });

  it('a force-majeure period recorded later extends the deadlines it covers, and the report follows at once', async () => {
    const before = await report(PERIOD);
    expect(before.deadlines.extended).toBe(0);
    // A three-hour alarm on Wednesday the 18th: the applications filed on the 16th and 17th were waiting then.
    await push(server, world.tokens.a, 'ws-a', [periodOp({}, { startsAt: '2026-11-18T07:00:00.000Z', endsAt: '2026-11-18T10:00:00.000Z' })]);
    const after = await report(PERIOD);
    expect(after.deadlines).toMatchObject({ extended: 8, workingDaysAdded: 8 });
    expect(await storedReportTables(server.store)).toEqual(await derivedReportTables(server.store));
  });

  it('depends on no applicant\'s personal data: blanked in every record and the facts derived again, every figure stays', async () => {
    const queries = [PERIOD, `${PERIOD}&center=${CENTER}`, 'from=2026-11-20&to=2026-11-26'];
    const before = await Promise.all(queries.map(report));
    const text = JSON.stringify(before);
    for (const r of await serverRecords(server)) for (const v of [r.applicant.surname, r.applicant.rnokpp!, r.applicant.phone]) expect(text).not.toContain(v);
    // The central server has no purge of its own: blank the applicants by hand, then derive the facts anew.
    const records = await serverRecords(server);
    await server.store.write(async (tx) => {
      for (const r of records) {
        const blank = { ...r, applicant: { ...r.applicant, surname: '—', givenName: '—', patronymic: '', rnokpp: null, unzr: null, phone: '', email: null } };
        await tx.updateTable('applications').set({ record: JSON.stringify(blank) }).where('id', '=', r.id).execute();
      }
      await tx.deleteFrom('report_counts').execute();
      await tx.deleteFrom('report_facts').execute();
      await backfillReportFacts(tx);
    });
    const after: CentralReport[] = await Promise.all(queries.map(report));
    expect(after).toEqual(before);
  });
});
