import { describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '../../shared/domain/application';
import type { TempCentral } from '../../central/testing';
import { TEST_NOW } from '../support/deciding';
import { proxiedRig } from './support/proxied-rig';
import { ADMIN, ADMIN2, approvable, expectConverged, MANUAL_CHECKS, openWorkstation, outboxStates } from './support/workstation';

/*
 * The fast path (take into work and decide in one action) queues the claim and the decision as two ops of one
 * local transaction. The real central server applies both in order, stores the approval's check marks, and a lost
 * answer or another workstation's earlier claim ends as it would for the slow path.
 */

const setUp = proxiedRig({ seed: 53, size: 30 });
const EXPLANATION = 'Фото не відповідає вимогам до якості зображення.';
const isPush = (r: { path: string }) => r.path.endsWith('/push');

async function serverRecord(central: TempCentral, id: string): Promise<ApplicationRecord> {
  return (await central.admin.application(id))!;
}

describe('the fast path reaches the central server', () => {
  it('a claim with its approval and a claim with its refusal, each one action, are applied in order with the check marks stored', async () => {
    const { central, ws } = await setUp();
    const [approveId, refuseId] = approvable(ws, 2);
    await ws.ok('application.approve', { id: approveId, manualChecks: MANUAL_CHECKS, takeIntoWork: true });
    await ws.ok('application.refuse', { id: refuseId, reasonCode: 'photo_unsuitable', explanation: EXPLANATION, takeIntoWork: true });
    expect(ws.core.db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all()).toEqual(['claim', 'approve', 'claim', 'refuse']);

    const status = await ws.sync();
    expect(status.pendingOps).toBe(0);
    expect(outboxStates(ws)).toEqual({ applied: 4 });
    const approved = await serverRecord(central, approveId!);
    expect(approved.status).toBe('approved');
    expect(approved.history.slice(-2).map((h) => [h.status, h.operatorId])).toEqual([['in_review', ADMIN.id], ['approved', ADMIN.id]]);
    const marks = await central.store.db
      .selectFrom('decision_checks')
      .select(['check_code as check_', 'operator_id as operatorId', 'ticked_at as at'])
      .where('application_id', '=', approveId!)
      .orderBy('check_code')
      .execute();
    expect(marks).toEqual(Object.keys(MANUAL_CHECKS).sort().map((check_) => ({ check_, operatorId: ADMIN.id, at: new Date(TEST_NOW).toISOString() })));
    const refused = await serverRecord(central, refuseId!);
    expect([refused.status, refused.refusal]).toEqual(['refused', { reasonCode: 'photo_unsuitable', explanation: EXPLANATION }]);
    await expectConverged(central, [ws]);
  });

  it('the answer lost after the server committed: sent again, both ops answered duplicate, applied once', async () => {
    const { central, proxy, ws } = await setUp();
    const [id] = approvable(ws, 1);
    await ws.ok('application.approve', { id, manualChecks: MANUAL_CHECKS, takeIntoWork: true });
    proxy.plan({ kind: 'drop_after_commit' }, { match: isPush, times: 2 });
    expect((await ws.sync()).lastError?.code).toBe('central_unreachable');
    await ws.advance(10 * 60_000);
    expect(outboxStates(ws)).toEqual({ duplicate: 2 });
    expect((await serverRecord(central, id!)).status).toBe('approved');
    await expectConverged(central, [ws]);
  });

  it('another workstation claimed first: the claim conflicts with the winner named, the approval is not applied either', async () => {
    const { central, proxy, ws } = await setUp();
    const [id] = approvable(ws, 1);
    const other = await openWorkstation(central, proxy.url, { id: 'ws-8041-other' });
    try {
      await other.signIn(ADMIN2);
      await other.ok('application.claim', { id });
      await other.sync();

      await ws.ok('application.approve', { id, manualChecks: MANUAL_CHECKS, takeIntoWork: true });
      await ws.sync();
      const results = ws.core.db.prepare("SELECT type, state, json_extract(result, '$.code') AS code FROM outbox ORDER BY seq").all();
      expect(results).toEqual([
        { type: 'claim', state: 'conflict', code: 'claimed_by_other' },
        { type: 'approve', state: 'conflict', code: 'earlier_decision_failed' },
      ]);
      const record = await serverRecord(central, id!);
      expect([record.status, record.claim?.operatorId]).toEqual(['in_review', ADMIN2.id]);
      expect(await central.store.db.selectFrom('decision_checks').select('check_code').where('application_id', '=', id!).execute()).toEqual([]);
      await other.sync();
      await expectConverged(central, [ws, other]);
    } finally {
      await other.dispose();
    }
  });
});
