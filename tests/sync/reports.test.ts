import { afterEach, describe, expect, it } from 'vitest';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { call } from '../../central/test-fixtures';
import type { ApplicationRecord } from '../../shared/domain/application';
import { dayNumberToIso, kyivDayNumber } from '../../shared/domain/kyiv-time';
import { CentralReportSchema } from '../../shared/reports/central';
import { presetPeriod, type ReportPeriod } from '../../shared/reports/period';
import type { ReportResult } from '../../shared/reports/result';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, ADMIN2, SUPERVISOR, approvable, claimAndApprove, expectConverged, openWorkstation, type Workstation } from './support/workstation';

/*
 * One report, two places: a workstation computes its center's report offline from its own store, the central server
 * from its own. After the workstations synced they are the same, figure for figure, for several periods with their
 * previous periods; and the history a workstation pulls back carries the times its administrators acted.
 */

const DAY = 86_400_000;
const EXPLANATION = 'Фото не відповідає вимогам до якості зображення.';
let central: TempCentral | undefined;
let centralNow = TEST_NOW;
const proxies: FaultProxy[] = [];
const stations: Workstation[] = [];
afterEach(async () => {
  for (const ws of stations.splice(0)) await ws.dispose();
  for (const p of proxies.splice(0)) await p.close();
  await central?.dispose();
  central = undefined;
});

async function workstation(id: string, who: { login: string; password: string }) {
  const proxy = await FaultProxy.start(central!.url);
  proxies.push(proxy);
  const ws = await openWorkstation(central!, proxy.url, { id });
  stations.push(ws);
  await ws.signIn(who);
  return { ws, proxy };
}

async function centralReport(period: ReportPeriod): Promise<ReportResult> {
  const res = await call(central!, 'GET', `/v1/admin/reports?from=${period.from}&to=${period.to}&center=sc-8041`, { token: central!.adminToken });
  expect(res.status).toBe(200);
  const { received: _r, approved: _a, refused: _f, cancelled: _c, undecided: _u, shippedByPost: _s, handedOver: _h, awaitingPickup: _w, byReason: _b, byCenter: _x, ...result } = CentralReportSchema.parse(res.json);
  return { ...result, centerId: result.centerId! };
}

/**
 * Moves the workstations' clocks and the server's together (timers fire; the server's clock follows); a day later
 * each administrator signs in again (an idle session ends).
 */
async function advance(ms: number, ...all: [Workstation, { login: string; password: string }][]) {
  centralNow += ms;
  for (const [ws, who] of all) {
    await ws.advance(ms);
    await ws.signIn(who);
  }
}

describe('the center report on the console and on the central server', () => {
  it('after sync the console and the central server give the same report for the center, period after period', async () => {
    central = await startTempCentral({ training: { seed: 31, size: 400, now: TEST_NOW }, now: () => centralNow });
    const a = await workstation('ws-a', ADMIN);
    const b = await workstation('ws-b', ADMIN2);
    // Today: decisions on both workstations, and an air alarm the supervisor records at A.
    const ids = approvable(a.ws, 30);
    await claimAndApprove(a.ws, ids.slice(0, 8));
    for (const id of ids.slice(8, 11)) await a.ws.ok('application.refuse', { id, reasonCode: 'photo_unsuitable', explanation: EXPLANATION, takeIntoWork: true });
    const supervisor = a.ws.openWindow();
    await supervisor.signIn(SUPERVISOR);
    await supervisor.ok('forceMajeure.record', { kind: 'air_alarm', startsAt: new Date(TEST_NOW - 3 * 3_600_000).toISOString(), endsAt: new Date(TEST_NOW - 5 * 60_000).toISOString(), note: 'Тривога' });
    await a.ws.sync();
    await b.ws.sync();
    await claimAndApprove(b.ws, ids.slice(11, 15));
    await b.ws.sync();

    // B goes offline for three days and keeps deciding; A carries on and records cards that arrived.
    b.proxy.cut();
    const offlineDecisions: { id: string; at: number }[] = [];
    for (let day = 1; day <= 3; day++) {
      await advance(DAY, [a.ws, ADMIN], [b.ws, ADMIN2]);
      const id = ids[14 + day]!;
      await claimAndApprove(b.ws, [id]);
      offlineDecisions.push({ id, at: b.ws.scheduler.now() });
      await claimAndApprove(a.ws, [ids[20 + day]!]);
    }
    for (const id of ids.slice(0, 4)) await central.admin.event({ kind: 'produced', applicationId: id, newLicenceNumber: 'ВХА654321' });
    await a.ws.sync();
    for (const id of ids.slice(0, 4)) await a.ws.ok('handover.cardArrived', { id });
    await a.ws.sync();
    b.proxy.heal();
    await advance(3_600_000, [a.ws, ADMIN], [b.ws, ADMIN2]);
    await b.ws.sync();
    await a.ws.sync();
    await b.ws.sync();
    await expectConverged(central, [a.ws, b.ws]);

    // The decisions made offline carry the times they were made, on the server and on the other workstation.
    for (const d of offlineDecisions) {
      const seen = await a.ws.ok<{ record: ApplicationRecord }>('application.get', { id: d.id });
      const approval = seen.record.history.find((h) => h.status === 'approved')!;
      expect(Date.parse(approval.at)).toBe(d.at);
      expect(Date.parse(approval.recordedAt!)).toBe(centralNow);
    }

    const today = kyivDayNumber(centralNow);
    const periods: ReportPeriod[] = [
      presetPeriod('thisWeek', centralNow),
      presetPeriod('lastWeek', centralNow),
      presetPeriod('thisMonth', centralNow),
      presetPeriod('lastMonth', centralNow),
      presetPeriod('lastHalfYear', centralNow),
      { from: dayNumberToIso(today - 3), to: dayNumberToIso(today - 3) },
      { from: dayNumberToIso(today - 70), to: dayNumberToIso(today + 5) },
    ];
    let decided = 0;
    for (const period of periods) {
      const local = a.ws.core.report(period);
      expect(await centralReport(period)).toEqual(local);
      expect(b.ws.core.report(period)).toEqual(local);
      decided += local.summary.total.approved + local.summary.previous.approved;
    }
    // The periods were not empty: decisions, previous periods, the alarm's extensions and the days offline show.
    expect(decided).toBeGreaterThan(100);
    const offlineDay = a.ws.core.report({ from: dayNumberToIso(kyivDayNumber(offlineDecisions[0]!.at)), to: dayNumberToIso(kyivDayNumber(offlineDecisions[0]!.at)) });
    expect(offlineDay.throughput.find((o) => o.operatorId === ADMIN2.id)?.approved).toBe(1);
    expect(a.ws.core.report(periods[0]!).deadlines.extended + a.ws.core.report(periods[6]!).deadlines.extended).toBeGreaterThan(0);
  });
});
