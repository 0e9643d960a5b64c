import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPERVISOR, TEST_NOW, openTestCore, type TestCore } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { POST_DELIVERY } from '../../../../tests/support/paperwork';
import type { ApplicationRecord } from '../../../../shared/domain/application';
import { PRINT_DOCUMENTS } from '../../../../shared/domain/facts';
import type { Status } from '../../../../shared/domain/status';
import type { Db } from '../../store/database';
import { SqlRunner } from '../../store/sql';
import { DeadlineModel } from '../deadlines';
import { PullApplier } from '../pull-apply';
import { backfillReportFacts } from './facts-store';

/**
 * The report facts are kept step by step: a pull writes the timeline it brings, a decision or a fact writes only its
 * op and the facts catch up from the outbox. Whatever the order of decisions, facts, pulls, push answers, clock
 * jumps and catch-ups, what the store keeps must be exactly what deriving every timeline afresh gives.
 */
let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const HOUR = 3_600_000;
const at = (ms: number) => new Date(ms).toISOString();
const submitted = (n: number) => TEST_NOW - (12 - n) * 24 * HOUR;

function startingRecords(): ApplicationRecord[] {
  const step = (status: Status, ms: number, operatorId: string | null = 'op-x') => ({ status, at: at(ms), operatorId, note: null });
  const base = (n: number, status: Status, history: ReturnType<typeof step>[], over: Partial<ApplicationRecord> = {}) =>
    makeRecord(n, { status, submittedAt: at(submitted(n)), history: [step('submitted', submitted(n), null), ...history], ...over });
  return [
    base(1, 'submitted', []),
    base(2, 'received', [step('received', submitted(2) + HOUR, null)], { delivery: POST_DELIVERY, service: 'renewal', ground: 'loss' }),
    base(3, 'in_review', [step('in_review', submitted(3) + 2 * HOUR)], { claim: { operatorId: 'op-x', workstationId: 'ws-other', at: at(submitted(3) + 2 * HOUR) } }),
    base(4, 'approved', [step('in_review', submitted(4) + HOUR), step('approved', submitted(4) + 3 * HOUR)]),
    base(5, 'produced', [step('in_review', submitted(5) + HOUR), step('approved', submitted(5) + 3 * HOUR), step('produced', submitted(5) + 50 * HOUR, null)]),
    base(6, 'produced', [step('approved', submitted(6) + 3 * HOUR), step('produced', submitted(6) + 60 * HOUR, null)], { delivery: POST_DELIVERY }),
    base(7, 'submitted', []),
  ];
}

const SERVER_STEPS: Status[] = ['received', 'in_review', 'approved', 'refused', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered', 'cancelled'];

type Action =
  | { kind: 'claim' | 'release' | 'arrive' | 'issue' | 'ship'; app: number }
  | { kind: 'approve' | 'refuse'; app: number; takeIntoWork: boolean }
  | { kind: 'print'; app: number; document: number }
  | { kind: 'pull'; app: number; status: Status; ackLocalOps: boolean }
  | { kind: 'answer'; app: number; result: 'applied' | 'conflict' | 'rejected' }
  | { kind: 'clock'; hours: number }
  | { kind: 'report' };

// Few applications, so that ops, pulls and answers meet on the same ones.
const app = fc.constantFrom(1, 1, 2, 3, 3, 4, 5, 6, 7);
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constantFrom('claim' as const, 'release' as const, 'arrive' as const, 'issue' as const, 'ship' as const), app }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constantFrom('approve' as const, 'refuse' as const), app, takeIntoWork: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('print' as const), app, document: fc.integer({ min: 0, max: PRINT_DOCUMENTS.length - 1 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('pull' as const), app, status: fc.constantFrom(...SERVER_STEPS), ackLocalOps: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('answer' as const), app, result: fc.constantFrom('applied' as const, 'conflict' as const, 'rejected' as const) }), weight: 3 },
  // Mostly forward, sometimes a workstation clock that jumps back (a step is never placed before the one it follows).
  { arbitrary: fc.record({ kind: fc.constant('clock' as const), hours: fc.integer({ min: -30, max: 80 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'report' as const }), weight: 1 },
);

const id = (n: number) => `app-${String(n).padStart(6, '0')}`;

async function perform(core: TestCore, records: Map<string, ApplicationRecord>, a: Action): Promise<void> {
  const db = core.core.db;
  const sql = new SqlRunner(db);
  switch (a.kind) {
    case 'claim':
    case 'release':
      await core.call(`application.${a.kind}`, { id: id(a.app) });
      return;
    case 'approve':
      await core.call('application.approve', { id: id(a.app), manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true }, takeIntoWork: a.takeIntoWork });
      return;
    case 'refuse':
      await core.call('application.refuse', { id: id(a.app), reasonCode: 'duplicate', explanation: 'Заява дублює ту, що вже в роботі центру.', takeIntoWork: a.takeIntoWork });
      return;
    case 'arrive':
      await core.call('handover.cardArrived', { id: id(a.app) });
      return;
    case 'issue':
      await core.call('handover.issue', { id: id(a.app), identityDocumentChecked: true, identityDocumentNumber: '001234567' });
      return;
    case 'ship': {
      const batch = await core.call('shipping.createBatch', { applicationIds: [id(a.app)] });
      if (!batch.ok) return;
      const batchId = (batch.value as { batch: { id: string } }).batch.id;
      await core.call('shipping.setTracking', { batchId, applicationId: id(a.app), tracking: '0500101983180' });
      await core.call('shipping.markShipped', { batchId });
      return;
    }
    case 'print':
      await core.call('prints.record', { applicationIds: [id(a.app)], document: PRINT_DOCUMENTS[a.document], how: 'operator_confirmed' });
      return;
    case 'pull': {
      // The central server's next version of the record, with a step of its own at the time it happened there.
      const current = records.get(id(a.app))!;
      const next: ApplicationRecord = {
        ...current, version: current.version + 1, status: a.status,
        history: [...current.history, { status: a.status, at: at(core.clock.now), operatorId: 'op-central', note: null }],
        refusal: a.status === 'refused' ? { reasonCode: 'data_mismatch', explanation: 'Дані заяви не збігаються з даними реєстрів.' } : current.refusal,
        claim: a.status === 'in_review' ? { operatorId: 'op-central', workstationId: 'ws-other', at: at(core.clock.now) } : null,
      };
      records.set(next.id, next);
      if (a.ackLocalOps) {
        db.prepare("UPDATE outbox SET state = 'applied', acked_version = ? WHERE application_id = ? AND state = 'pending'").run(next.version, next.id);
      }
      new PullApplier(sql, new DeadlineModel(sql)).apply({ changes: [next], cursor: `c-${next.id}-${next.version}`, hasMore: false });
      return;
    }
    case 'answer': {
      // The push answer for the oldest op still waiting; a lost one leaves the timeline, an applied one stays in it.
      const op = db.prepare("SELECT seq FROM outbox WHERE application_id = ? AND state = 'pending' ORDER BY seq LIMIT 1").pluck().get(id(a.app));
      if (op === undefined) return;
      const version = records.get(id(a.app))!.version + 1;
      db.prepare('UPDATE outbox SET state = ?, acked_version = ? WHERE seq = ?').run(a.result, a.result === 'applied' ? version : null, op);
      new PullApplier(sql, new DeadlineModel(sql)).rederive([id(a.app)]);
      return;
    }
    case 'clock':
      core.clock.now += a.hours * HOUR;
      return;
    case 'report':
      core.core.report({ from: '2026-11-01', to: '2026-12-31' });
      return;
  }
}

/**
 * Every column of the stored facts but the catch-up's own bookmark, and the daily counts that are not zero, plain
 * and by status and deadline day (a drill-down's facet counts).
 */
function storedFacts(db: Db) {
  const facts = (db.prepare('SELECT * FROM report_facts ORDER BY application_id').all() as Record<string, unknown>[]).map(({ last_seq: _seq, ...rest }) => rest);
  const counts = db.prepare('SELECT * FROM report_day_counts WHERE n <> 0 ORDER BY center_id, day, metric, service, delivery, key').all();
  const facets = db.prepare('SELECT * FROM report_day_facets WHERE n <> 0 ORDER BY center_id, metric, key, day, service, delivery, status, due_day').all();
  return { facts, counts, facets };
}

/** Catches up, then derives everything afresh inside a savepoint, compares and rolls the fresh derivation back. */
function expectEqualToFullDerivation(db: Db): void {
  const sql = new SqlRunner(db);
  new DeadlineModel(sql).reportFacts.catchUp();
  const kept = storedFacts(db);
  db.exec('SAVEPOINT rederive');
  backfillReportFacts(db);
  const fresh = storedFacts(db);
  db.exec('ROLLBACK TO rederive');
  db.exec('RELEASE rederive');
  expect(kept).toEqual(fresh);
  // The timeline ends where the queue stands.
  expect(db.prepare('SELECT count(*) FROM applications a JOIN report_facts f ON f.application_id = a.id WHERE a.status <> f.last_status').pluck().get()).toBe(0);
}

describe('report facts kept step by step', () => {
  it('equal a full derivation after any sequence of decisions, facts, pulls, push answers, clock jumps and catch-ups', async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 30 }), async (actions) => {
        await t?.dispose();
        const records = startingRecords();
        t = await openTestCore({ records });
        await t.signIn(SUPERVISOR);
        const byId = new Map(records.map((r) => [r.id, r]));
        for (const a of actions) {
          await perform(t, byId, a);
          steps++;
        }
        expectEqualToFullDerivation(t.core.db);
      }),
      { seed: 1111, numRuns: 150 },
    );
    expect(steps).toBeGreaterThan(1500);
  }, 240_000);

  it('a decision writes nothing to the report tables; the next report folds it in, once', async () => {
    t = await openTestCore({ records: startingRecords() });
    await t.signIn(SUPERVISOR);
    const db = t.core.db;
    const reportRows = () => JSON.stringify(['report_facts', 'report_day_counts', 'report_day_facets'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()));
    const before = reportRows();
    await t.ok('application.approve', { id: id(1), manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true }, takeIntoWork: true });
    expect(reportRows()).toBe(before);
    const day = { from: '2026-11-27', to: '2026-11-27' };
    expect(t.core.report(day).summary.total.approved).toBe(1);
    const after = reportRows();
    expect(after).not.toBe(before);
    expect(t.core.report(day).summary.total.approved).toBe(1);
    expect(reportRows()).toBe(after);
    expectEqualToFullDerivation(db);
  });
});
