import { afterEach, describe, expect, it } from 'vitest';
import { startTempCentral, type TempCentral } from '../../central/testing';
import type { SyncConflict, SyncStatus } from '../../shared/api/sync';
import type { QueuePage } from '../../shared/api/queue';
import { DeadlineModel } from '../../electron/core/services/deadlines';
import { PullApplier } from '../../electron/core/services/pull-apply';
import { SqlRunner } from '../../electron/core/store/sql';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from './support/fault-proxy';
import { verifyAuditChain } from '../../electron/core/services/audit';
import {
  ADMIN, ADMIN2, SUPERVISOR, approvable, claimAndApprove, expectConverged, localStatus, openWorkstation, outboxStates, type Workstation,
} from './support/workstation';

/*
 * Conflicts go by the central server's commit order, never by a workstation's clock: the loser's action is marked
 * conflict with the winner named, and its store takes the server's record.
 */

let central: TempCentral | undefined;
const proxies: FaultProxy[] = [];
const stations: Workstation[] = [];
afterEach(async () => {
  for (const ws of stations.splice(0)) await ws.dispose();
  for (const p of proxies.splice(0)) await p.close();
  await central?.dispose();
  central = undefined;
});

async function workstation(id: string, who: { login: string; password: string }, clockOffsetMs = 0) {
  const proxy = await FaultProxy.start(central!.url);
  proxies.push(proxy);
  const ws = await openWorkstation(central!, proxy.url, { id, clockOffsetMs });
  stations.push(ws);
  await ws.signIn(who);
  return { ws, proxy };
}

async function startCentral() {
  central = await startTempCentral({ training: { seed: 21, size: 40, now: TEST_NOW }, now: () => TEST_NOW });
  return central;
}

describe('conflicts between workstations and with the central server', () => {
  it('two workstations decide the same applications offline: the first to commit wins, the other sees conflicts naming the winner', async () => {
    await startCentral();
    const a = await workstation('ws-a', ADMIN);
    const b = await workstation('ws-b', ADMIN2);
    a.proxy.cut();
    b.proxy.cut();
    const ids = approvable(a.ws, 2);
    await claimAndApprove(a.ws, ids);
    await claimAndApprove(b.ws, ids);
    expect(localStatus(b.ws, ids[0]!)).toEqual({ status: 'approved', claimedBy: null });
    a.proxy.heal();
    b.proxy.heal();

    await a.ws.sync();
    const status = await b.ws.sync();
    expect(status.conflicts).toBe(4);
    expect(outboxStates(b.ws)).toEqual({ conflict: 4 });
    const { conflicts } = await b.ws.ok<{ conflicts: SyncConflict[] }>('sync.conflicts', {});
    expect(conflicts.map((c) => [c.action, c.outcome, c.code, c.winner?.workstationId, c.winner?.operatorName, c.serverStatus])).toEqual([
      ['approve', 'conflict', 'earlier_decision_failed', 'ws-a', 'Олена Коваленко', 'approved'],
      ['claim', 'conflict', 'already_decided', 'ws-a', 'Олена Коваленко', 'approved'],
      ['approve', 'conflict', 'earlier_decision_failed', 'ws-a', 'Олена Коваленко', 'approved'],
      ['claim', 'conflict', 'already_decided', 'ws-a', 'Олена Коваленко', 'approved'],
    ]);
    expect(conflicts[0]!.applicationNumber).toMatch(/\d/);
    // B's store shows A's decision as the server has it: approved by A's operator.
    const detail = await b.ws.ok<{ record: { history: { status: string; operatorId: string | null }[] } }>('application.get', { id: ids[0] });
    expect(detail.record.history.at(-1)).toMatchObject({ status: 'approved', operatorId: ADMIN.id });
    await expectConverged(central!, [a.ws, b.ws]);
  });

  it('conflicts are marked seen by their author or a supervisor, all or none, audited; the header stops counting them', async () => {
    await startCentral();
    const a = await workstation('ws-a', ADMIN);
    const b = await workstation('ws-b', ADMIN2);
    b.proxy.cut();
    const ids = approvable(a.ws, 2);
    await claimAndApprove(a.ws, ids);
    await claimAndApprove(b.ws, ids);
    await a.ws.sync();
    b.proxy.heal();
    expect((await b.ws.sync()).conflicts).toBe(4);
    const list = async () => b.ws.ok<{ conflicts: SyncConflict[]; total: number }>('sync.conflicts', {});
    const all = async () => b.ws.ok<{ conflicts: SyncConflict[]; total: number }>('sync.conflicts', { includeAcknowledged: true });
    const opIds = (await list()).conflicts.map((c) => c.opId);
    const auditRows = () => b.ws.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const acknowledgedRows = () => b.ws.core.db.prepare('SELECT count(*) FROM outbox WHERE acknowledged_at IS NOT NULL').pluck().get() as number;

    // Another administrator sees them but may not mark them: nothing is written.
    await b.ws.ok('auth.signOut');
    await b.ws.signIn(ADMIN);
    expect((await list()).conflicts.map((c) => c.canAcknowledge)).toEqual([false, false, false, false]);
    const auditBefore = auditRows();
    const forbidden = await b.ws.call('sync.acknowledgeConflicts', { opIds: [opIds[0]] });
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect([acknowledgedRows(), auditRows()]).toEqual([0, auditBefore]);

    // The author: an unknown op in the request refuses the whole request.
    await b.ws.ok('auth.signOut');
    await b.ws.signIn(ADMIN2);
    expect((await list()).conflicts.every((c) => c.canAcknowledge)).toBe(true);
    const unknown = await b.ws.call('sync.acknowledgeConflicts', { opIds: [opIds[0], 'no-such-op'] });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(acknowledgedRows()).toBe(0);
    const empty = await b.ws.call('sync.acknowledgeConflicts', { opIds: [] });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const auditBeforeAck = auditRows();
    const done = await b.ws.ok<{ acknowledged: number; status: SyncStatus }>('sync.acknowledgeConflicts', { opIds: [opIds[0], opIds[0]] });
    expect(done.acknowledged).toBe(1);
    expect(done.status.conflicts).toBe(3);
    expect((await b.ws.ok<SyncStatus>('sync.status')).conflicts).toBe(3);
    expect((await list()).conflicts.map((c) => c.opId)).toEqual(opIds.slice(1));
    expect((await list()).total).toBe(3);
    const seen = (await all()).conflicts.find((c) => c.opId === opIds[0])!;
    expect(seen.acknowledged).toEqual({ at: new Date(TEST_NOW).toISOString(), operatorId: ADMIN2.id, operatorName: expect.any(String) as string });
    expect(seen.canAcknowledge).toBe(false);
    const entry = b.ws.core.db.prepare('SELECT operator_id, action, entity_id FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(entry).toEqual({ operator_id: ADMIN2.id, action: 'sync.conflict_acknowledged', entity_id: opIds[0] });
    expect(auditRows()).toBe(auditBeforeAck + 1);
    const again = await b.ws.call('sync.acknowledgeConflicts', { opIds: [opIds[0]] });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict_already_acknowledged' } });

    // An op the central server applied is not a conflict.
    const applied = a.ws.core.db.prepare("SELECT op_id FROM outbox WHERE state = 'applied' LIMIT 1").pluck().get() as string;
    const notConflict = await a.ws.call('sync.acknowledgeConflicts', { opIds: [applied] });
    expect(notConflict).toMatchObject({ ok: false, error: { code: 'not_a_conflict' } });

    // A supervisor marks the rest; the marks survive a restart and the audit chain holds.
    await b.ws.ok('auth.signOut');
    await b.ws.signIn(SUPERVISOR);
    expect((await b.ws.ok<{ acknowledged: number; status: SyncStatus }>('sync.acknowledgeConflicts', { opIds: opIds.slice(1) })).status.conflicts).toBe(0);
    await b.ws.reopen();
    expect((await b.ws.ok<SyncStatus>('sync.status')).conflicts).toBe(0);
    await b.ws.signIn(SUPERVISOR);
    expect((await list()).conflicts).toEqual([]);
    expect((await all()).conflicts.map((c) => c.acknowledged?.operatorId)).toEqual([ADMIN2.id, SUPERVISOR.id, SUPERVISOR.id, SUPERVISOR.id]);
    expect(verifyAuditChain(b.ws.core.db).ok).toBe(true);
    await expectConverged(central!, [a.ws, b.ws]);
  });

  it('a workstation clock a day behind does not win: the server commits in arrival order and client time is only recorded', async () => {
    await startCentral();
    const late = await workstation('ws-late', ADMIN, -24 * 3600_000);
    const ontime = await workstation('ws-ontime', ADMIN2);
    const [id] = approvable(late.ws, 1);
    await ontime.ws.ok('application.claim', { id });
    // The late workstation claims "a day earlier" by its clock, but reaches the server second.
    await late.ws.ok('application.claim', { id });
    await ontime.ws.sync();
    await late.ws.sync();
    const { conflicts } = await late.ws.ok<{ conflicts: SyncConflict[] }>('sync.conflicts', {});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ action: 'claim', code: 'claimed_by_other', winner: { workstationId: 'ws-ontime', operatorId: ADMIN2.id } });
    expect(Date.parse(conflicts[0]!.clientTime)).toBe(TEST_NOW - 24 * 3600_000);
    expect(localStatus(late.ws, id!)).toEqual({ status: 'in_review', claimedBy: ADMIN2.id });
    // Its other work goes through as usual.
    await claimAndApprove(late.ws, approvable(late.ws, 1, 1));
    expect((await late.ws.sync()).pendingOps).toBe(0);
    await ontime.ws.sync();
    await expectConverged(central!, [late.ws, ontime.ws]);
  });

  it('a central cancellation while a workstation is offline: its decision is pushed into a conflict and the pull shows cancelled', async () => {
    await startCentral();
    const { ws, proxy } = await workstation('ws-a', ADMIN);
    const [id] = approvable(ws, 1);
    proxy.cut();
    await claimAndApprove(ws, [id!]);
    await central!.admin.event({ kind: 'cancelled', applicationId: id!, reason: 'Заяву відкликано громадянином' });
    proxy.heal();
    await ws.sync();
    expect(localStatus(ws, id!).status).toBe('cancelled');
    const { conflicts } = await ws.ok<{ conflicts: SyncConflict[] }>('sync.conflicts', {});
    expect(conflicts.map((c) => [c.action, c.code, c.serverStatus])).toEqual([
      ['approve', 'earlier_decision_failed', 'cancelled'],
      ['claim', 'application_cancelled', 'cancelled'],
    ]);
    await expectConverged(central!, [ws]);
  });

  it('rebase: a pull while a local decision waits keeps the decision visible (and flagged) until its answer; the claim comes from the record', async () => {
    await startCentral();
    const a = await workstation('ws-a', ADMIN);
    const b = await workstation('ws-b', ADMIN2);
    const [mine, theirs] = approvable(a.ws, 2);
    // B claims one and syncs: A's next pull names B's operator as the holder, from the record's claim.
    await b.ws.ok('application.claim', { id: theirs });
    await b.ws.sync();
    // A claims another while offline for pushes only: the push fails, the next cycle's pull comes first.
    await a.ws.ok('application.claim', { id: mine });
    a.proxy.plan({ kind: 'status', status: 503 }, { match: (r) => r.path.endsWith('/push'), times: 1 });
    await central!.admin.event({ kind: 'cancelled', applicationId: mine!, reason: 'Скасовано центральним сервером' });
    await a.ws.sync();
    // Pull the cancelled record by hand while the claim still waits: stored, but the claim stays on top.
    const record = (await central!.admin.application(mine!))!;
    const sql = new SqlRunner(a.ws.core.db);
    new PullApplier(sql, new DeadlineModel(sql)).applyRecords([record]);
    expect(localStatus(a.ws, mine!)).toEqual({ status: 'in_review', claimedBy: ADMIN.id });
    const page = await a.ws.ok<QueuePage>('queue.page', { filter: { search: record.number }, limit: 5 });
    expect(page.rows.map((r) => [r.id, r.status, r.awaitingSync])).toEqual([[mine, 'in_review', true]]);

    const status = await a.ws.advance(10 * 60_000).then(() => a.ws.ok<SyncStatus>('sync.status'));
    expect(status.pendingOps).toBe(0);
    expect(localStatus(a.ws, mine!).status).toBe('cancelled');
    expect(localStatus(a.ws, theirs!)).toEqual({ status: 'in_review', claimedBy: ADMIN2.id });
    const after = await a.ws.ok<QueuePage>('queue.page', { filter: { search: record.number }, limit: 5 });
    expect(after.rows[0]!.awaitingSync).toBe(false);

    // A supervisor releases B's claim on the central server: the next pull clears it here.
    await central!.services.events.releaseClaim(theirs!);
    await a.ws.sync();
    expect(localStatus(a.ws, theirs!)).toEqual({ status: 'received', claimedBy: null });
    await b.ws.sync();
    await expectConverged(central!, [a.ws, b.ws]);
  });
});
