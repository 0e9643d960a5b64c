import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { ApplicationWorkflow } from '../../shared/api/decisions';
import { TEST_NOW } from '../support/deciding';
import { proxiedRig } from './support/proxied-rig';
import { ADMIN, approvable, CENTER, claimAndApprove, MANUAL_CHECKS, openWorkstation, type Workstation } from './support/workstation';

/*
 * The manual checks ticked for an approval travel with the approve op to the central server, are stored there
 * (decision_checks and the record's approval step) and come back in pulls: a workstation resynced from an empty
 * database shows who ticked each check and when in the application's history.
 */

const setUp = proxiedRig({ seed: 47, size: 20 });

const CHECKS = Object.keys(MANUAL_CHECKS).sort();

function rawApprove(ws: Workstation, applicationId: string, args: Record<string, unknown>): string {
  const opId = uuidv7();
  ws.core.db
    .prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES (?, 'application', ?, ?, 'approve', ?, NULL, ?, ?)`)
    .run(opId, applicationId, CENTER, JSON.stringify(args), ws.scheduler.now(), ADMIN.id);
  return opId;
}

describe('manual checks survive a resync from scratch', () => {
  it('an approval with its checks ticked shows who ticked each and when on a workstation resynced from an empty database', async () => {
    const { central, proxy, ws } = await setUp();
    const [id] = approvable(ws, 1);
    await claimAndApprove(ws, [id!]);
    const status = await ws.sync();
    expect(status.pendingOps).toBe(0);

    const stored = await central.store.db
      .selectFrom('decision_checks')
      .select(['check_code as checkCode', 'operator_id as operatorId', 'ticked_at as tickedAt'])
      .where('application_id', '=', id!)
      .orderBy('check_code')
      .execute();
    expect(stored).toEqual(CHECKS.map((checkCode) => ({ checkCode, operatorId: ADMIN.id, tickedAt: new Date(TEST_NOW).toISOString() })));

    const fresh = await openWorkstation(central, proxy.url, { id: 'ws-fresh' });
    try {
      await fresh.signIn(ADMIN);
      await fresh.sync();
      const outbox = fresh.core.db.prepare('SELECT count(*) FROM outbox').pluck().get();
      expect(outbox).toBe(0);
      const workflow = await fresh.ok<ApplicationWorkflow>('application.workflow', { id });
      const approval = workflow.steps.find((s) => s.status === 'approved');
      expect(approval?.source).toBe('server');
      expect(approval?.manualChecks).toEqual(MANUAL_CHECKS);
      expect([...(approval?.checkMarks ?? [])].sort((a, b) => a.check.localeCompare(b.check))).toEqual(
        CHECKS.map((check) => ({ check, operatorId: ADMIN.id, operatorName: expect.any(String), at: new Date(TEST_NOW).toISOString() })),
      );
    } finally {
      await fresh.dispose();
    }
  });

  it('an approve op without marks (an older workstation) is applied, its checks affirmed by its operator at its time; malformed marks are rejected with invalid_args', async () => {
    const { central, ws } = await setUp();
    const [old, bad] = approvable(ws, 2);
    await ws.ok('application.claim', { id: old });
    await ws.ok('application.claim', { id: bad });
    await ws.sync();
    const oldOp = rawApprove(ws, old!, { manualChecks: MANUAL_CHECKS });
    const badOp = rawApprove(ws, bad!, { manualChecks: MANUAL_CHECKS, checkMarks: [{ check: 'dataConsistent', operatorId: ADMIN.id, tickedAt: 'yesterday' }] });
    await ws.sync();
    const results = Object.fromEntries(
      (ws.core.db.prepare("SELECT op_id AS opId, state, json_extract(result, '$.code') AS code FROM outbox WHERE op_id IN (?, ?)").all(oldOp, badOp) as { opId: string; state: string; code: string | null }[])
        .map((r) => [r.opId, { state: r.state, code: r.code }]),
    );
    expect(results[oldOp]).toEqual({ state: 'applied', code: null });
    expect(results[badOp]).toEqual({ state: 'rejected', code: 'invalid_args' });
    const checksOf = async (applicationId: string) => (await central.store.db.selectFrom('decision_checks').select('check_code').where('application_id', '=', applicationId).execute()).length;
    expect(await checksOf(old!)).toBe(3);
    expect(await checksOf(bad!)).toBe(0);
    const serverRecord = (await central.admin.application(bad!))!;
    expect(serverRecord.status).toBe('in_review');
  });
});
