import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationStore, CENTRAL } from '../services/applications';
import { derivedReportTables, storedReportTables } from '../services/reports/facts-check';
import { appOp, fileApplications, NOW, periodOp, push, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

/**
 * A write transaction leaves its log rows (effects, receipts, affirmed checks) and its applications' rows for its
 * end, written a few statements for the lot just before the commit. These tests hold that to what writing them at
 * once gave: the effects log in the order the ops ran, each application once with its last version and one feed
 * position, nothing at all from a transaction that failed, and a lost update still an error.
 */
let server: TempCentral;
let world: World;
let apps: ApplicationStore;
beforeEach(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  await fileApplications(server, 3);
  apps = new ApplicationStore(server.store);
});
afterEach(() => server.dispose());

const counts = async () => {
  const db = server.store.db;
  const n = async (table: 'effects' | 'receipts' | 'decision_checks') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { effects: await n('effects'), receipts: await n('receipts'), checks: await n('decision_checks'), head: await server.store.feedMark() };
};

describe(`a transaction's rows written at its end (${process.env.CENTRAL_STORE ?? 'sqlite'})`, () => {
  it("a push's effects, receipts and affirmed checks are all written, the effects log numbered in the order the ops ran", async () => {
    const before = await counts();
    const ops = ['app-000001', 'app-000002', 'app-000003'].flatMap((id) => [appOp('claim', id), appOp('approve', id, { baseVersion: 2 })]);
    const results = await push(server, world.tokens.a, 'ws-a', ops);
    expect(results.map((r) => r.result)).toEqual(ops.map(() => 'applied'));
    const after = await counts();
    // Three manual checks affirmed per approval; each application takes one feed position, however often it changed.
    expect(after).toEqual({ effects: before.effects + 6, receipts: before.receipts + 6, checks: before.checks + 9, head: before.head + 3 });
    const logged = await server.store.db.selectFrom('effects').select(['op_id', 'version']).where('op_id', 'in', ops.map((o) => o.opId)).orderBy('seq').execute();
    expect(logged.map((e) => e.op_id)).toEqual(ops.map((o) => o.opId));
    expect(logged.map((e) => e.version)).toEqual([2, 3, 2, 3, 2, 3]);
    const row = await server.store.db.selectFrom('applications').select(['version', 'status', 'decided_by', 'record']).where('id', '=', 'app-000002').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ version: 3, status: 'approved', decided_by: 'ws-a' });
    expect(JSON.parse(row.record)).toMatchObject({ version: 3, status: 'approved', claim: null });
    expect(await server.store.db.selectFrom('claims').select('application_id').execute()).toEqual([]);
  });

  it('a transaction that fails after its work writes nothing: no effect, receipt, check, application change or feed position', async () => {
    const before = await counts();
    const untouched = await server.admin.application('app-000001');
    const failing = server.store.write(async (tx) => {
      const app = (await apps.lock(tx, 'app-000001'))!;
      await apps.transition(tx, app, 'in_review', { workstationId: 'ws-a', operatorId: 'op-admin-1', opId: 'op-x' }, { at: NOW });
      await apps.logEffect(tx, { opId: 'op-x', applicationId: 'app-000001', centerId: app.record.centerId, kind: 'claim', version: 2, workstationId: 'ws-a', at: NOW });
      await apps.recordChecks(tx, 'op-x', 'app-000001', [{ check: 'dataConsistent', operatorId: 'op-admin-1', at: new Date(NOW).toISOString() }], NOW);
      throw new Error('the work failed after writing');
    });
    await expect(failing).rejects.toThrow('the work failed after writing');
    expect(await counts()).toEqual(before);
    expect(await server.admin.application('app-000001')).toEqual(untouched);
    // The next transaction carries none of the failed one's rows.
    await server.store.write(async (tx) => {
      await apps.logEffect(tx, { opId: null, applicationId: 'app-000002', centerId: 'sc-8041', kind: 'claim', version: null, workstationId: null, at: NOW });
    });
    expect(await counts()).toEqual({ ...before, effects: before.effects + 1 });
  });

  it('a row changed under the transaction (a write that skipped the aggregate) fails the commit: a lost update is an error, never silent', async () => {
    const before = await counts();
    const untouched = await server.admin.application('app-000003');
    const write = server.store.write(async (tx) => {
      const app = (await apps.lock(tx, 'app-000003'))!;
      await sql`UPDATE applications SET version = version + 1 WHERE id = 'app-000003'`.execute(tx);
      await apps.transition(tx, app, 'in_review', CENTRAL, { at: NOW });
    });
    await expect(write).rejects.toThrow(/changed under a transaction/);
    expect(await counts()).toEqual(before);
    expect(await server.admin.application('app-000003')).toEqual(untouched);
  });

  it('a force-majeure period after a decision in the same push moves the deadline of the decided record, not of the row still unwritten', async () => {
    // Filed on 16.11, due on 30.11: the alarm on 26.11 (three hours) moves it, after the approval earlier in the batch.
    const ops = [appOp('claim', 'app-000001'), appOp('approve', 'app-000001', { baseVersion: 2 }), periodOp()];
    expect((await push(server, world.tokens.a, 'ws-a', ops)).map((r) => r.result)).toEqual(['applied', 'applied', 'applied']);
    const stored = await storedReportTables(server.store);
    expect(stored.facts.find((f) => f.application_id === 'app-000001')).toMatchObject({ decision: 'approved', extended_days: 1 });
    expect(stored).toEqual(await derivedReportTables(server.store));
  });
});
