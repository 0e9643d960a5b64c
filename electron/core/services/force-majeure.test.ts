import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../../../shared/api/application';
import type { ForceMajeurePeriod } from '../../../shared/api/force-majeure';
import type { QueuePage } from '../../../shared/api/queue';
import { ADMIN, openTestCore, SUPERVISOR, TEST_NOW, writeSnapshot, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

// Submitted Monday 16 Nov: due at the end of Monday 30 Nov (Kyiv) without force majeure.
const RECORD = makeRecord(1, { submittedAt: '2026-11-16T09:00:00.000Z' });
const OUTAGE = { kind: 'power_outage', startsAt: '2026-11-18T06:00:00.000Z', endsAt: '2026-11-18T14:00:00.000Z', note: 'Знеструмлення, генератор не запустився' };

const periodCount = () => t.core.db.prepare('SELECT count(*) FROM force_majeure_periods').pluck().get();

async function expectRefused(input: unknown, code: string) {
  const before = { ...writeSnapshot(t.core.db), periods: periodCount() };
  expect(await t.call('forceMajeure.record', input)).toMatchObject({ ok: false, error: { code } });
  expect({ ...writeSnapshot(t.core.db), periods: periodCount() }).toEqual(before);
}

describe('force majeure', () => {
  it('a supervisor records a period: the deadlines move in the same transaction, with a center op and an audit entry', async () => {
    t = await openTestCore({ records: [RECORD] });
    await t.signIn(SUPERVISOR);
    const r = await t.ok<{ period: ForceMajeurePeriod; opId: string; deadlinesChanged: number }>('forceMajeure.record', OUTAGE);
    expect(r.deadlinesChanged).toBe(1);
    expect(r.period).toMatchObject({
      centerId: 'sc-8041', kind: 'power_outage', startsAt: OUTAGE.startsAt, endsAt: OUTAGE.endsAt, note: OUTAGE.note,
      recordedBy: 'op-s', recordedAt: new Date(TEST_NOW).toISOString(), extendedDays: ['2026-11-18'], pendingSync: true,
    });
    const op = t.core.db.prepare('SELECT * FROM outbox').get() as Record<string, unknown>;
    expect(op).toMatchObject({ scope: 'center', application_id: null, center_id: 'sc-8041', type: 'force_majeure.record', base_version: null, operator_id: 'op-s', op_id: r.opId });
    expect(JSON.parse(op.args as string)).toEqual({ periodId: r.period.id, kind: 'power_outage', startsAt: OUTAGE.startsAt, endsAt: OUTAGE.endsAt, note: OUTAGE.note });
    expect(t.core.db.prepare('SELECT action, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1').get()).toEqual({ action: 'force_majeure.record', entity_id: r.period.id });

    const page = await t.ok<QueuePage>('queue.page', {});
    expect(page.rows[0]).toMatchObject({ dueAt: '2026-12-01T21:59:59.999Z', extendedDays: 1 });
    const detail = await t.ok<ApplicationDetail>('application.get', { id: 'app-000001' });
    expect(detail.deadline.extendedBy).toEqual(['2026-11-18']);
    expect(t.events).toEqual(['queue.changed:force_majeure.record']);

    const list = await t.ok<{ periods: ForceMajeurePeriod[] }>('forceMajeure.list', {});
    expect(list.periods).toEqual([r.period]);
  });

  it('a period under the threshold (2 hours) is recorded but extends nothing', async () => {
    t = await openTestCore({ records: [RECORD] });
    await t.signIn(SUPERVISOR);
    const r = await t.ok<{ period: ForceMajeurePeriod; deadlinesChanged: number }>('forceMajeure.record', {
      kind: 'air_alarm', startsAt: '2026-11-19T08:00:00.000Z', endsAt: '2026-11-19T09:30:00.000Z',
    });
    expect(r).toMatchObject({ deadlinesChanged: 0, period: { extendedDays: [], note: '' } });
    // A second alarm the same day brings the day over the threshold: both periods now name it.
    await t.ok('forceMajeure.record', { kind: 'air_alarm', startsAt: '2026-11-19T12:00:00.000Z', endsAt: '2026-11-19T13:00:00.000Z' });
    const list = await t.ok<{ periods: ForceMajeurePeriod[] }>('forceMajeure.list', {});
    expect(list.periods.map((p) => p.extendedDays)).toEqual([['2026-11-19'], ['2026-11-19']]);
  });

  it('only a supervisor records force majeure; an administrator is refused and nothing is written', async () => {
    t = await openTestCore({ records: [RECORD] });
    await expectRefused(OUTAGE, 'session_required');
    await t.signIn(ADMIN);
    await expectRefused(OUTAGE, 'forbidden');
  });

  it('refuses a period that ends before it starts, is not over yet, or lasts more than 7 days', async () => {
    t = await openTestCore({ records: [RECORD] });
    await t.signIn(SUPERVISOR);
    await expectRefused({ ...OUTAGE, endsAt: OUTAGE.startsAt }, 'period_end_before_start');
    await expectRefused({ ...OUTAGE, startsAt: '2026-11-18T15:00:00.000Z' }, 'period_end_before_start');
    await expectRefused({ ...OUTAGE, endsAt: new Date(TEST_NOW + 60_000).toISOString() }, 'period_in_future');
    await expectRefused({ ...OUTAGE, startsAt: '2026-11-10T06:00:00.000Z', endsAt: '2026-11-17T06:00:00.001Z' }, 'period_too_long');
    await expectRefused({ ...OUTAGE, kind: 'earthquake' }, 'invalid_input');
    await expectRefused({ ...OUTAGE, startsAt: 'yesterday' }, 'invalid_input');
    // Exactly 7 days, ending now, is allowed.
    await t.ok('forceMajeure.record', { kind: 'other', startsAt: new Date(TEST_NOW - 7 * 86_400_000).toISOString(), endsAt: new Date(TEST_NOW).toISOString() });
  });

  it('a failure while recomputing deadlines rolls back the period, its op and its audit entry, and the queue keeps the old due date', async () => {
    t = await openTestCore({ records: [RECORD] });
    await t.signIn(SUPERVISOR);
    t.core.db.exec("CREATE TRIGGER fail_recompute BEFORE UPDATE OF due_at ON applications BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    const before = { ...writeSnapshot(t.core.db), periods: periodCount() };
    expect(await t.call('forceMajeure.record', OUTAGE)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect({ ...writeSnapshot(t.core.db), periods: periodCount() }).toEqual(before);
    const detail = await t.ok<ApplicationDetail>('application.get', { id: 'app-000001' });
    expect(detail.deadline).toMatchObject({ dueAt: '2026-11-30T21:59:59.999Z', extendedBy: [] });
    t.core.db.exec('DROP TRIGGER fail_recompute');
    expect(await t.ok<{ periods: ForceMajeurePeriod[] }>('forceMajeure.list', {})).toEqual({ periods: [] });
    // The deadline model forgot the rolled-back outage: a one-hour period that day extends nothing.
    t.core.db.prepare("INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, recorded_at) VALUES ('p1', 'sc-8041', 'air_alarm', ?, ?, 0)")
      .run(Date.parse('2026-11-18T06:00:00Z'), Date.parse('2026-11-18T07:00:00Z'));
    const list = await t.ok<{ periods: ForceMajeurePeriod[] }>('forceMajeure.list', {});
    expect(list.periods.map((p) => [p.id, p.extendedDays, p.pendingSync])).toEqual([['p1', [], false]]);
  });
});
