import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { QuarantinedOp, SyncStatus } from '../../shared/api/sync';
import { proxiedRig } from './support/proxied-rig';
import {
  ADMIN, approvable, claimAndApprove, CENTER, expectConverged, localStatus, outboxStates, SUPERVISOR, type Workstation,
} from './support/workstation';
import type { FactResult, ReviewItem } from '../../shared/api/paperwork';

/*
 * The outbox drains whatever happens to single ops: one the server refuses is a recorded result, one that keeps
 * failing is isolated and, after a day, quarantined (shown, never dropped), and the rest go past both. A queue left
 * by a dead link drains by itself once the link is back, with no new local write.
 */

const setUp = proxiedRig({ seed: 31, size: 50 });

/** An op the local checks would never have let through: written straight into the outbox, as a bug or an old version might. */
function insertRawOp(ws: Workstation, applicationId: string, type: string, args: Record<string, unknown>): string {
  const opId = uuidv7();
  ws.core.db
    .prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES (?, 'application', ?, ?, ?, ?, 1, ?, ?)`)
    .run(opId, applicationId, CENTER, type, JSON.stringify(args), ws.scheduler.now(), ADMIN.id);
  return opId;
}

/** Steps the clock in ten-minute strides until `until` holds, or fails after `maxSteps`. */
async function stepUntil(ws: Workstation, until: () => boolean, maxSteps = 400): Promise<number> {
  for (let i = 0; i < maxSteps; i++) {
    if (until()) return i;
    await ws.advance(10 * 60_000);
  }
  throw new Error('the condition never held');
}

describe('the outbox drains past bad ops', () => {
  it('a poison op the server refuses is recorded as rejected, with its reason, and the ops around it are applied', async () => {
    const { central, ws } = await setUp();
    const [first, second] = approvable(ws, 2);
    await claimAndApprove(ws, [first!]);
    const unknown = insertRawOp(ws, 'app-does-not-exist', 'claim', {});
    const badArgs = insertRawOp(ws, second!, 'approve', { manualChecks: 'all of them' });
    await claimAndApprove(ws, approvable(ws, 1, 1));
    const status = await ws.sync();
    expect(status.pendingOps).toBe(0);
    expect(outboxStates(ws)).toEqual({ applied: 4, rejected: 2 });
    const results = ws.core.db.prepare('SELECT op_id, json_extract(result, \'$.code\') AS code FROM outbox WHERE state = ?').all('rejected');
    expect(results).toEqual(expect.arrayContaining([{ op_id: unknown, code: 'unknown_application' }, { op_id: badArgs, code: 'invalid_args' }]));
    expect(status.conflicts).toBe(2);
    await expectConverged(central, [ws]);
  });

  it('an op that makes the server fail every time is isolated, quarantined after a day, shown with its error, and retried on request', async () => {
    const { central, proxy, ws } = await setUp();
    const ids = approvable(ws, 3);
    await claimAndApprove(ws, ids.slice(0, 1));
    await ws.ok('application.claim', { id: ids[1] });
    const poison = ws.core.db.prepare("SELECT op_id FROM outbox WHERE state = 'pending' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    await ws.ok('application.approve', { id: ids[1], manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } });
    await claimAndApprove(ws, ids.slice(2));
    // Every push that carries the poison op fails with a server fault.
    proxy.plan({ kind: 'status', status: 500 }, { match: (r) => r.path.endsWith('/push') && r.body.includes(poison), times: 1_000_000 });

    await ws.sync();
    // The others get through within minutes; the poison op and the approval behind it (same application) wait.
    await stepUntil(ws, () => (outboxStates(ws).applied ?? 0) === 4);
    expect(outboxStates(ws)).toEqual({ applied: 4, pending: 2 });
    await stepUntil(ws, () => (outboxStates(ws).quarantined ?? 0) === 1);
    // A day has passed: the morning's session ended long ago, and the operator signs in again to look.
    expect(await ws.call('sync.quarantine')).toMatchObject({ ok: false, error: { code: 'session_required' } });
    await ws.signIn(ADMIN);
    const status = await ws.ok<SyncStatus>('sync.status');
    expect(status).toMatchObject({ pendingOps: 1, quarantinedOps: 1 });
    const { ops } = await ws.ok<{ ops: QuarantinedOp[] }>('sync.quarantine');
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ opId: poison, action: 'claim', applicationId: ids[1], lastError: expect.stringContaining('HTTP 500') });
    expect(ops[0]!.attempts).toBeGreaterThan(5);
    // A day of failures, not fewer: quarantined at the first lone failure at least 24 h after the first one.
    const failingFor = ws.scheduler.now() - Date.parse(ops[0]!.firstFailedAt!);
    expect(failingFor).toBeGreaterThanOrEqual(24 * 3600_000);
    expect(failingFor).toBeLessThan(26 * 3600_000);
    // Not dropped: still in the outbox, still shown as waiting in the queue.
    expect(ws.core.db.prepare('SELECT count(*) FROM outbox WHERE op_id = ?').pluck().get(poison)).toBe(1);

    proxy.clearPlans();
    expect(await ws.call('sync.retryQuarantined', { opId: 'nothing-like-it' })).toMatchObject({ ok: false, error: { code: 'not_quarantined' } });
    await ws.ok('sync.retryQuarantined', { opId: poison });
    await ws.core.sync.engine.whenIdle();
    expect(outboxStates(ws)).toEqual({ applied: 6 });
    await expectConverged(central, [ws]);
  });

  it('a queue left by a dead link drains by itself once the link is back, with no new local write', async () => {
    const { central, proxy, ws } = await setUp();
    proxy.cut();
    await claimAndApprove(ws, approvable(ws, 2));
    // The local writes start a cycle after the debounce; it fails and backs off.
    await ws.advance(1_000);
    const failed = await ws.ok<SyncStatus>('sync.status');
    expect(failed).toMatchObject({ online: false, pendingOps: 4, lastError: { code: 'central_unreachable' } });
    await ws.advance(30 * 60_000);
    expect((await ws.ok<SyncStatus>('sync.status')).pendingOps).toBe(4);

    proxy.heal();
    await stepUntil(ws, () => (outboxStates(ws).applied ?? 0) === 4);
    const healed = await ws.ok<SyncStatus>('sync.status');
    expect(healed).toMatchObject({ online: true, pendingOps: 0, lastError: null });
    await expectConverged(central, [ws]);
  });

  it('the timer brings in what changed on the central server, with nothing to push', async () => {
    const { central, ws } = await setUp();
    const [id] = approvable(ws, 1);
    await central.admin.event({ kind: 'cancelled', applicationId: id!, reason: 'Скасовано громадянином' });
    await ws.advance(59_000);
    expect(ws.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id)).not.toBe('cancelled');
    await ws.advance(1_000);
    expect(ws.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id)).toBe('cancelled');
    await expectConverged(central, [ws]);
  });

  it('a card scanned before this workstation pulled `produced` is flagged here, and the central server, which has it produced, moves it; the flag here follows that outcome', async () => {
    const { central, ws } = await setUp();
    const [id] = approvable(ws, 1);
    await claimAndApprove(ws, [id!]);
    await ws.sync();
    await central.admin.event({ kind: 'produced', applicationId: id!, newLicenceNumber: 'ВХА123456' });
    // The card is at the counter before the next pull: here the application is still approved.
    const scanned = await ws.ok<FactResult>('handover.cardArrived', { id });
    expect(scanned.fact).toMatchObject({ statusSeen: 'approved', statusAfter: 'approved', moved: false, flag: 'not_yet_produced' });
    expect(localStatus(ws, id!).status).toBe('approved');
    const delivery = ws.core.db.prepare('SELECT delivery FROM applications WHERE id = ?').pluck().get(id) as string;
    const arrived = delivery === 'pickup' ? 'ready_for_pickup' : 'awaiting_shipment';

    const supervisor = ws.openWindow();
    await supervisor.signIn(SUPERVISOR);
    const reviewList = () => supervisor.ok<{ items: ReviewItem[]; open: number }>('review.list', { includeResolved: true });
    expect((await reviewList()).items).toEqual([expect.objectContaining({ applicationId: id, reason: 'not_yet_produced', resolved: null })]);

    // The push carries the fact; the server runs the same rule on its own status (produced) and moves it.
    await ws.sync();
    expect(outboxStates(ws)).toEqual({ applied: 3 });
    expect((await central.admin.application(id!))!.status).toBe(arrived);
    expect(localStatus(ws, id!).status).toBe(arrived);
    await expectConverged(central, [ws]);
    // The server took the fact without a flag and the pull brought its outcome: the flag here follows it, settled by
    // the central server (no supervisor), with a note saying so, and audited.
    const after = await reviewList();
    expect(after.open).toBe(0);
    expect(after.items).toEqual([
      expect.objectContaining({
        applicationId: id, reason: 'not_yet_produced',
        resolved: { at: expect.any(String), operatorId: null, operatorName: null, settledByCentral: true, note: `Settled by the central server: it recorded the card_arrived fact without a flag; the application there is ${arrived}.` },
      }),
    ]);
    const audit = ws.core.db.prepare("SELECT operator_id, entity_id FROM audit_log WHERE action = 'review.settled_by_central'").all();
    expect(audit).toEqual([{ operator_id: null, entity_id: after.items[0]!.id }]);
    // A supervisor cannot resolve it a second time.
    expect(await supervisor.call('review.resolve', { id: after.items[0]!.id, note: 'checked' })).toMatchObject({ ok: false, error: { code: 'review_already_resolved', message: expect.stringContaining('central server') } });
  });

  it('a card scanned before production is flagged on the central server too: the flag stays for a supervisor, even after production arrives', async () => {
    const { central, ws } = await setUp();
    const [id] = approvable(ws, 1);
    await claimAndApprove(ws, [id!]);
    await ws.sync();
    // Scanned while production has not reported it anywhere: the server sees `approved` too and flags the fact.
    const scanned = await ws.ok<FactResult>('handover.cardArrived', { id });
    expect(scanned.fact).toMatchObject({ statusSeen: 'approved', flag: 'not_yet_produced' });
    await ws.sync();
    expect(ws.core.db.prepare("SELECT json_extract(result, '$.code') FROM outbox WHERE type = 'card_arrived'").pluck().get()).toBe('not_yet_produced');
    await central.admin.event({ kind: 'produced', applicationId: id!, newLicenceNumber: 'ВХА654321' });
    await ws.sync();
    expect(localStatus(ws, id!).status).toBe('produced');

    const supervisor = ws.openWindow();
    await supervisor.signIn(SUPERVISOR);
    const list = await supervisor.ok<{ items: ReviewItem[]; open: number }>('review.list', { includeResolved: true });
    expect(list.open).toBe(1);
    expect(list.items).toEqual([expect.objectContaining({ applicationId: id, reason: 'not_yet_produced', resolved: null })]);
    expect(ws.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'review.settled_by_central'").pluck().get()).toBe(0);
    await expectConverged(central, [ws]);
  });
});
