import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, SUPERVISOR, TEST_NOW, openTestCore, type TestCore } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { reportRecords } from '../../../../tests/support/reports';
import { figureLinks } from '../../../../shared/reports/links';
import { ReportResultSchema, type ReportResult } from '../../../../shared/reports/result';
import { presetPeriod, type ReportPeriod } from '../../../../shared/reports/period';
import { kyivDayNumber, dayNumberToIso } from '../../../../shared/domain/kyiv-time';
import { backfillReportFacts } from './facts-store';
import { QueueFilterSchema, type QueueCounts, type QueuePage } from '../../../../shared/api/queue';
import { SqlRunner } from '../../store/sql';
import { DeadlineModel } from '../deadlines';
import { QueueQueries } from '../queue-query';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const today = dayNumberToIso(kyivDayNumber(TEST_NOW));
const PERIODS: ReportPeriod[] = [
  { from: dayNumberToIso(kyivDayNumber(TEST_NOW) - 70), to: today },
  presetPeriod('lastWeek', TEST_NOW),
  presetPeriod('thisMonth', TEST_NOW),
  { from: '2026-11-20', to: '2026-11-20' },
];

const FACETS = ['statuses', 'services', 'delivery', 'deadline'] as const;
type Facet = (typeof FACETS)[number];

const report = (core: TestCore, period: ReportPeriod) => core.ok<ReportResult>('reports.get', { period });

describe('the center report on the console', () => {
  it('every figure drills down to a queue of exactly that many applications, listed row by row either way', async () => {
    t = await openTestCore({ records: reportRecords(900, TEST_NOW) });
    await t.signIn(SUPERVISOR);
    const sql = new SqlRunner(t.core.db);
    // The core reads small figures' lists from report_facts' indexes; these walk every list along the sort, asking
    // report_facts row by row or a set of the figure's rows read from its index.
    const indexed = new QueueQueries(sql, new DeadlineModel(sql), 'sc-8041');
    const walking = new QueueQueries(sql, new DeadlineModel(sql), 'sc-8041', 0, 0);
    const walkingSet = new QueueQueries(sql, new DeadlineModel(sql), 'sc-8041', 0, Number.MAX_SAFE_INTEGER);
    const facetsOf = new Map<string, Record<Facet, string>>();
    const listed = (q: (offset: number) => QueuePage) => {
      const ids = new Set<string>();
      for (let offset = 0, page = q(0); page.rows.length; offset += page.rows.length, page = q(offset)) {
        page.rows.forEach((row) => {
          ids.add(row.id);
          facetsOf.set(row.id, { statuses: row.status, services: row.service, delivery: row.delivery, deadline: row.deadlineState });
        });
      }
      return ids;
    };
    const byFacet = (ids: Set<string>, facet: Facet) => {
      const out: Record<string, number> = {};
      for (const id of ids) {
        const value = facetsOf.get(id)![facet];
        if (facet !== 'deadline' || value !== 'none') out[value] = (out[value] ?? 0) + 1;
      }
      return out;
    };
    const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    let linked = 0;
    for (const period of PERIODS) {
      const r = await report(t, period);
      for (const link of figureLinks(r)) {
        const filter = QueueFilterSchema.parse({ report: link.drill });
        const page = await t.ok<QueuePage>('queue.page', { filter, limit: 1 });
        const counts = await t.ok<QueueCounts>('queue.counts', { filter });
        const byIndex = listed((offset) => indexed.page(filter, { column: 'applicant', direction: 'asc' }, offset, 500, t!.clock.now));
        const byWalk = listed((offset) => walking.page(filter, { column: 'dueAt', direction: 'desc' }, offset, 500, t!.clock.now));
        const bySet = listed((offset) => walkingSet.page(filter, { column: 'applicant', direction: 'desc' }, offset, 500, t!.clock.now));
        expect({ key: link.key, total: page.total, counted: counts.total, byIndex: byIndex.size, byWalk: byWalk.size, bySet: bySet.size }).toEqual({
          key: link.key, total: link.value, counted: link.value, byIndex: link.value, byWalk: link.value, bySet: link.value,
        });
        expect([...byWalk].sort()).toEqual([...byIndex].sort());
        expect([...bySet].sort()).toEqual([...byIndex].sort());
        // The facet counts of a figure's list (summed from report_day_facets) are those of the rows it lists (from
        // the queue), facet by facet.
        for (const facet of FACETS) expect({ key: link.key, facet, counts: nonZero(counts[facet]) }).toEqual({ key: link.key, facet, counts: byFacet(byIndex, facet) });
        if (link.value > 0) linked++;
      }
    }
    expect(linked).toBeGreaterThan(100);
  });

  it('counts what the histories say: received, decided, shipped and handed over, recounted here from the records', async () => {
    const records = reportRecords(700, TEST_NOW);
    t = await openTestCore({ records });
    await t.signIn(SUPERVISOR);
    const period = PERIODS[0]!;
    const r = await report(t, period);
    const day = (iso: string) => dayNumberToIso(kyivDayNumber(Date.parse(iso)));
    const inPeriod = (iso: string | undefined) => iso !== undefined && day(iso) >= period.from && day(iso) <= period.to;
    const first = (rec: (typeof records)[number], s: string) => rec.history.find((h) => h.status === s)?.at;
    const decision = (rec: (typeof records)[number]) => rec.history.find((h) => !['submitted', 'received', 'in_review'].includes(h.status));
    const expected = {
      received: records.filter((x) => inPeriod(x.submittedAt)).length,
      approved: records.filter((x) => decision(x)?.status !== 'refused' && decision(x)?.status !== 'cancelled' && inPeriod(decision(x)?.at)).length,
      refused: records.filter((x) => decision(x)?.status === 'refused' && inPeriod(decision(x)?.at)).length,
      shippedByPost: records.filter((x) => inPeriod(first(x, 'shipped'))).length,
      handedOver: records.filter((x) => inPeriod(first(x, 'issued'))).length,
    };
    expect(r.summary.total).toMatchObject(expected);
    expect(expected.approved).toBeGreaterThan(100);
    expect(expected.refused).toBeGreaterThan(5);
    expect(r.refusals.byReason.reduce((s, x) => s + x.count, 0)).toBe(r.summary.total.refused);
    expect(r.deadlines.inTime + r.deadlines.late).toBe(r.summary.total.approved + r.summary.total.refused);
    expect(r.summary.byService.exchange.received + r.summary.byService.renewal.received).toBe(r.summary.total.received);
    expect(r.summary.byDelivery.pickup.approved + r.summary.byDelivery.ukrposhta.approved).toBe(r.summary.total.approved);
  });

  it('purging the personal data of finished applications changes no figure', async () => {
    t = await openTestCore({ records: reportRecords(600, TEST_NOW) });
    await t.signIn(SUPERVISOR);
    const before = await Promise.all(PERIODS.map((p) => report(t!, p)));
    // Eight months on, every application that finished is past the 180 days of retention.
    t.clock.now += 240 * 86_400_000;
    const finished = t.core.db.prepare("SELECT count(*) FROM applications WHERE status IN ('issued', 'delivered', 'refused', 'cancelled')").pluck().get();
    expect(t.core.purge.run().purged).toBe(finished);
    expect(finished).toBeGreaterThan(100);
    await t.signIn(SUPERVISOR);
    expect(await Promise.all(PERIODS.map((p) => report(t!, p)))).toEqual(before);
    // Derived again from the purged records, the facts are the same too.
    t.core.db.transaction(() => backfillReportFacts(t!.core.db)).immediate();
    expect(await Promise.all(PERIODS.map((p) => report(t!, p)))).toEqual(before);
  });

  it('a decision counts on the day the administrator made it, whenever it reaches the central server', async () => {
    const submittedAt = '2026-11-16T09:00:00.000Z';
    t = await openTestCore({ records: [makeRecord(1, { submittedAt })] });
    t.clock.now = Date.parse('2026-11-20T10:00:00Z');
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await t.ok('application.refuse', { id: 'app-000001', reasonCode: 'duplicate', explanation: 'Заява дублює ту, що вже в роботі центру.' });
    await t.signIn(SUPERVISOR);
    const day = { from: '2026-11-20', to: '2026-11-20' };
    const local = await report(t, day);
    expect(local.summary.total.refused).toBe(1);
    expect(local.refusals.byReason.find((x) => x.code === 'duplicate')?.count).toBe(1);
    expect(local.throughput).toMatchObject([{ operatorId: ADMIN.id, refused: 1, approved: 0, name: `Name of ${ADMIN.id}` }]);
    // Three days later the central server's record arrives with the refusal in its history at the time it was made.
    t.clock.now = Date.parse('2026-11-23T10:00:00Z');
    const { PullApplier } = await import('../pull-apply');
    const { DeadlineModel } = await import('../deadlines');
    const { SqlRunner } = await import('../../store/sql');
    const sql = new SqlRunner(t.core.db);
    new PullApplier(sql, new DeadlineModel(sql)).apply({
      changes: [makeRecord(1, {
        submittedAt, version: 3, status: 'refused', refusal: { reasonCode: 'duplicate', explanation: 'Заява дублює ту, що вже в роботі центру.' },
        history: [
          { status: 'submitted', at: submittedAt, operatorId: null, note: null },
          { status: 'in_review', at: '2026-11-20T10:00:00.000Z', operatorId: ADMIN.id, note: null },
          { status: 'refused', at: '2026-11-20T10:00:00.000Z', operatorId: ADMIN.id, note: null },
        ],
      })],
      cursor: 'c-1', hasMore: false,
    });
    t.core.db.prepare("UPDATE outbox SET state = 'applied', acked_version = 3").run();
    // Three days on, the supervisor's earlier session has ended: they sign in again to read the report.
    await t.signIn(SUPERVISOR);
    expect(await report(t, day)).toEqual(local);
    expect((await report(t, { from: '2026-11-23', to: '2026-11-23' })).summary.total.refused).toBe(0);
  });

  it('the core answers the same report without a session, in the shared result type (for comparing with the central server)', async () => {
    t = await openTestCore({ records: reportRecords(200, TEST_NOW) });
    await t.signIn(SUPERVISOR);
    const viaApi = await report(t, PERIODS[0]!);
    expect(ReportResultSchema.parse(t.core.report(PERIODS[0]!))).toEqual(viaApi);
    expect(() => t!.core.report({ from: '2026-11-02', to: '2026-11-01' })).toThrow();
  });

  it('administrators are told reports are for supervisors, and nothing is computed', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    const r = await t.call('reports.get', { period: PERIODS[0] });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/for supervisors/) } });
  });

  it('a reversed period or a date that does not exist is refused with a clear message', async () => {
    t = await openTestCore();
    await t.signIn(SUPERVISOR);
    for (const period of [{ from: '2026-11-20', to: '2026-11-19' }, { from: '2026-02-30', to: '2026-03-01' }, { from: '2020-01-01', to: '2026-01-01' }]) {
      expect(await t.call('reports.get', { period })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
  });
});
