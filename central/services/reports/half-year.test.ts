import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToDayNumber, kyivDayNumber, kyivStartOfDay, type DayNumber } from '../../../shared/domain/kyiv-time';
import { CentralReportSchema, type CentralReport } from '../../../shared/reports/central';
import type { ReportPeriod } from '../../../shared/reports/period';
import { SUMMARY_METRICS } from '../../../shared/reports/result';
import { call } from '../../test-fixtures';
import { serverRecords, startTempCentral, type TempCentral } from '../../testing';
import { derivedReportTables, storedReportTables } from './facts-check';
import { ALARM, Desk, OFFLINE, RETIRED_REASON, replayHalfYear, SIM_FROM, type Life, type SimCenter } from './half-year-sim';
import { expectedReport } from './report-expectation';

/*
 * Half a year of three service centers through the real central server: filed through intake with back-dated times
 * (the server's clock pinned and moved day by day), decided, released and re-taken, cards recorded and handed over or
 * shipped through real pushes from four workstations, center B offline for three days, an air alarm at center A, a
 * refusal reason retired in August. Every figure of the report, for the country and for each center, must equal the
 * count made here from what the replay did.
 */

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
let server: TempCentral;
let centers: SimCenter[];
let lives: Life[];
const names = new Map<string, string>();
const clock = { now: Date.parse('2026-04-30T21:00:00Z') };

beforeAll(async () => {
  server = await startTempCentral({ now: () => clock.now });
  centers = [];
  for (const [id, city, desks] of [['sc-1001', 'Київ', 2], ['sc-1002', 'Львів', 1], ['sc-1003', 'Одеса', 1]] as const) {
    await server.admin.addCenter({ id, name: `ТСЦ МВС № ${id.slice(3)}`, address: city });
    const operators = [`op-${id.slice(3)}-1`, `op-${id.slice(3)}-2`];
    const supervisor = `op-${id.slice(3)}-s`;
    for (const [i, op] of [...operators, supervisor].entries()) {
      names.set(op, `Оператор ${city} ${i + 1}`);
      await server.admin.addOperator({ id: op, centerId: id, login: op, displayName: names.get(op)!, role: op === supervisor ? 'supervisor' : 'administrator', passwordHash: DUMMY_HASH });
    }
    const c: SimCenter = { id, operators, supervisor, desks: [] };
    for (let k = 0; k < desks; k++) c.desks.push(new Desk(server, `ws-${id.slice(3)}-${k + 1}`, id, await server.admin.enrol(`ws-${id.slice(3)}-${k + 1}`, id)));
    centers.push(c);
  }
  lives = await replayHalfYear(server, centers, clock);
}, 600_000);
afterAll(() => server?.dispose());

const fm = () => new Map<string, ReadonlySet<DayNumber>>([['sc-1001', new Set([ALARM.day])]]);
const retired = new Set([RETIRED_REASON]);

async function centralReport(period: ReportPeriod, center?: string): Promise<CentralReport> {
  const res = await call(server, 'GET', `/v1/admin/reports?from=${period.from}&to=${period.to}${center ? `&center=${center}` : ''}`, { token: server.adminToken });
  expect(res.status).toBe(200);
  return CentralReportSchema.parse(res.json);
}

/** The server's report against the one counted here: the shared result field for field, and the extra fields. */
async function expectReport(period: ReportPeriod, center?: string): Promise<CentralReport> {
  const r = await centralReport(period, center);
  const own = center ? lives.filter((l) => l.centerId === center) : lives;
  const { received, approved, refused, cancelled, undecided, shippedByPost, handedOver, awaitingPickup, byReason, byCenter, ...result } = r;
  expect(result).toEqual({ ...expectedReport(own, period, center ?? '', fm(), names, retired), centerId: center ?? null });
  expect({ received, approved, refused, cancelled, undecided, shippedByPost, handedOver, awaitingPickup }).toEqual(r.summary.total);
  expect(byReason).toEqual(r.refusals.byReason.map((x) => ({ code: x.code, count: x.count })));
  if (center) {
    expect(byCenter).toBeUndefined();
  } else {
    expect(byCenter!.map((c) => c.centerId)).toEqual(['sc-1001', 'sc-1002', 'sc-1003']);
    for (const c of byCenter!) {
      const alone = expectedReport(lives.filter((l) => l.centerId === c.centerId), period, c.centerId, fm(), names, retired).summary.total;
      expect({ ...c }).toEqual({ centerId: c.centerId, name: `ТСЦ МВС № ${c.centerId.slice(3)}`, ...alone });
    }
    for (const m of SUMMARY_METRICS) expect(byCenter!.reduce((s, c) => s + c[m], 0)).toBe(r[m]);
  }
  return r;
}

describe('the central report over half a year of three centers', () => {
  it('the central history holds each step at the time it happened, as the replay made it', async () => {
    const records = new Map((await serverRecords(server)).map((r) => [r.id, r]));
    expect(records.size).toBe(lives.length);
    const differ = lives.filter((l) => {
      const h = records.get(l.id)!.history.map((s) => ({ status: s.status, at: Date.parse(s.at), operatorId: s.operatorId }));
      return JSON.stringify(h) !== JSON.stringify(l.steps);
    });
    expect(differ.map((l) => l.id)).toEqual([]);
    expect(lives.length).toBeGreaterThan(300);
    // The replay had clocks that ran behind (a claim dated before the step it follows, placed right at it) and ahead
    // (a decision dated the next morning, placed when it reached the server at 17:3x).
    const claimedAtPrevious = lives.filter((l) => l.steps.some((s, i) => s.status === 'in_review' && i > 0 && s.at === l.steps[i - 1]!.at));
    const sinceMidnight = (t: number) => (t - kyivStartOfDay(kyivDayNumber(t))) / 60_000;
    const decidedOnArrival = lives.filter((l) => l.steps.some((s) => ['approved', 'refused'].includes(s.status) && sinceMidnight(s.at) >= 17 * 60 + 30 && sinceMidnight(s.at) <= 17 * 60 + 32));
    expect(claimedAtPrevious.length).toBeGreaterThan(0);
    expect(decidedOnArrival.length).toBeGreaterThan(0);
  });

  it('the facts and counts kept change by change equal those derived again from the stored records', async () => {
    const kept = await storedReportTables(server.store);
    expect(kept.facts.length).toBe(lives.length);
    expect(kept).toEqual(await derivedReportTables(server.store));
  });

  it('the whole half-year, for the country and for each center: every figure', async () => {
    const period = { from: '2026-05-01', to: '2026-10-31' };
    const all = await expectReport(period);
    expect(all.summary.total.approved).toBeGreaterThan(150);
    expect(all.summary.total.shippedByPost).toBeGreaterThan(20);
    expect(all.deadlines.late).toBeGreaterThan(5);
    expect(all.deadlines.extended).toBeGreaterThan(0);
    expect(all.refusals.byReason.find((x) => x.code === RETIRED_REASON)).toMatchObject({ active: false });
    expect(all.refusals.byReason.find((x) => x.code === RETIRED_REASON)!.count).toBeGreaterThan(0);
    for (const c of centers) await expectReport(period, c.id);
  });

  it('a month and the previous month of equal length, a week, a single day: every figure', async () => {
    for (const period of [{ from: '2026-08-01', to: '2026-08-31' }, { from: '2026-06-08', to: '2026-06-14' }, { from: '2026-09-15', to: '2026-09-15' }]) {
      await expectReport(period);
      for (const c of centers) await expectReport(period, c.id);
    }
  });

  it('center B was offline for three days: its decisions count on the days they were made, not the day they arrived', async () => {
    const b = centers[1]!;
    for (const d of OFFLINE) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      const made = lives.filter((l) => l.centerId === b.id && l.steps.some((s) => ['approved', 'refused'].includes(s.status) && kyivDayNumber(s.at) === d));
      const r = await expectReport({ from: iso, to: iso }, b.id);
      expect(r.approved + r.refused).toBe(made.length);
    }
    const week = await expectReport({ from: '2026-07-13', to: '2026-07-19' }, b.id);
    const arrivedDay = week.trend.points.find((p) => p.from === '2026-07-17')!;
    const offlineDays = week.trend.points.filter((p) => OFFLINE.includes(isoToDayNumber(p.from)));
    expect(offlineDays.reduce((s, p) => s + p.approved + p.refused, 0)).toBeGreaterThan(0);
    expect(arrivedDay.approved + arrivedDay.refused).toBe(lives.filter((l) => l.centerId === b.id && l.steps.some((s) => ['approved', 'refused'].includes(s.status) && kyivDayNumber(s.at) === isoToDayNumber('2026-07-17'))).length);
    expect(SIM_FROM).toBe(isoToDayNumber('2026-05-01'));
  });
});
