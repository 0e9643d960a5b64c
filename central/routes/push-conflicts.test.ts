import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationRecordSchema } from '../../shared/domain/application';
import { NOW, appOp, call, fileApplications, push, seedWorld, type World } from '../test-fixtures';
import { checkExactlyOnce, effectCounts, startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeEach(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  await fileApplications(server, 3);
});
afterEach(() => server.dispose());

const pushA = (ops: unknown[]) => push(server, world.tokens.a, 'ws-a', ops);
const pushB = (ops: unknown[]) => push(server, world.tokens.b, 'ws-b', ops);

describe('conflicts by server commit order', () => {
  it('two workstations claim the same application offline: the first committed wins, the second is told who won', async () => {
    const claimA = appOp('claim', 'app-000001', { operatorId: 'op-admin-1' });
    const claimB = appOp('claim', 'app-000001', { operatorId: 'op-admin-2', clientTime: '2026-11-27T08:00:00.000Z' });
    expect((await pushA([claimA]))[0]!.result).toBe('applied');
    // B's clock says it claimed earlier; the server goes by commit order.
    const [lost] = await pushB([claimB]);
    expect(lost).toMatchObject({ result: 'conflict', code: 'claimed_by_other', winner: { workstationId: 'ws-a', operatorId: 'op-admin-1', opId: claimA.opId } });
    const record = ApplicationRecordSchema.parse(lost!.record);
    expect(record).toMatchObject({ status: 'in_review', version: 2, claim: { operatorId: 'op-admin-1', workstationId: 'ws-a' } });
  });

  it('the loser\'s later decisions in the same batch answer conflict too, while its ops on other applications apply', async () => {
    await pushA([appOp('claim', 'app-000001')]);
    const results = await pushB([
      appOp('claim', 'app-000001', { operatorId: 'op-admin-2' }),
      appOp('approve', 'app-000001', { operatorId: 'op-admin-2', baseVersion: 2 }),
      appOp('claim', 'app-000002', { operatorId: 'op-admin-2' }),
      appOp('release', 'app-000001', { operatorId: 'op-admin-2', baseVersion: 2 }),
    ]);
    expect(results.map((r) => [r.result, r.code])).toEqual([
      ['conflict', 'claimed_by_other'], ['conflict', 'earlier_decision_failed'], ['applied', null], ['conflict', 'earlier_decision_failed'],
    ]);
    expect(await server.admin.application('app-000001')).toMatchObject({ status: 'in_review', version: 2 });
  });

  it('deciding without holding the server claim is a conflict naming the holder', async () => {
    await pushA([appOp('claim', 'app-000001')]);
    const [r] = await pushB([appOp('refuse', 'app-000001', { operatorId: 'op-admin-2', baseVersion: 1 })]);
    expect(r).toMatchObject({ result: 'conflict', code: 'claimed_by_other', winner: { workstationId: 'ws-a', operatorId: 'op-admin-1' } });
    expect(r!.record).toMatchObject({ status: 'in_review' });
  });

  it('decided on one workstation, then decided on another: the second is a conflict naming the decider', async () => {
    const claim = appOp('claim', 'app-000001');
    const approve = appOp('approve', 'app-000001', { baseVersion: 2 });
    await pushA([claim, approve]);
    // op-admin-1 at ws-b had claimed and refused offline on the version it pulled.
    const [c, r] = await pushB([appOp('claim', 'app-000001', { baseVersion: 1 }), appOp('refuse', 'app-000001', { baseVersion: 2 })]);
    expect(c).toMatchObject({ result: 'conflict', code: 'already_decided', winner: { workstationId: 'ws-a', operatorId: 'op-admin-1', opId: approve.opId } });
    expect(c!.record).toMatchObject({ status: 'approved', version: 3 });
    expect(r).toMatchObject({ result: 'conflict', code: 'earlier_decision_failed' });
  });

  it('a central cancellation, then a decision: conflict, the canceller is the central server', async () => {
    await pushA([appOp('claim', 'app-000001')]);
    const cancelled = await call(server, 'POST', '/v1/events/cancelled', { token: server.adminToken, body: { applicationId: 'app-000001', reason: 'Заяву відкликано заявником' } });
    expect(cancelled.status).toBe(200);
    const [r] = await pushA([appOp('approve', 'app-000001', { baseVersion: 2 })]);
    expect(r).toMatchObject({ result: 'conflict', code: 'application_cancelled', winner: { workstationId: 'central', operatorId: null, opId: null } });
    expect(r!.record).toMatchObject({ status: 'cancelled', version: 3, claim: null });
  });

  it('a change by someone else since the op\'s base version does not matter when the rules still allow the op', async () => {
    // B claimed and released; the server also marked it received. A claims on its old base version: allowed.
    await pushB([appOp('claim', 'app-000001', { operatorId: 'op-admin-2' }), appOp('release', 'app-000001', { operatorId: 'op-admin-2', baseVersion: 2 })]);
    const [r] = await pushA([appOp('claim', 'app-000001', { baseVersion: 1 })]);
    expect(r).toMatchObject({ result: 'applied', serverVersion: 4 });
  });

  it('a supervisor releases another operator\'s claim; that operator\'s decision made offline then conflicts', async () => {
    await pushA([appOp('claim', 'app-000001')]);
    const [rel] = await pushB([appOp('release', 'app-000001', { operatorId: 'op-supervisor-1', baseVersion: 2 })]);
    expect(rel!.result).toBe('applied');
    const [late] = await pushA([appOp('approve', 'app-000001', { baseVersion: 2 })]);
    expect(late).toMatchObject({ result: 'conflict', code: 'claim_required', winner: { workstationId: 'ws-b', operatorId: 'op-supervisor-1' } });
    // An administrator may not release someone else's claim.
    await pushA([appOp('claim', 'app-000002')]);
    const [denied] = await pushB([appOp('release', 'app-000002', { operatorId: 'op-admin-2' })]);
    expect(denied).toMatchObject({ result: 'conflict', code: 'claimed_by_other' });
  });

  it('the admin can release a dead workstation\'s claim; the application goes back to received and shows in pulls', async () => {
    await pushA([appOp('claim', 'app-000001')]);
    const res = await call(server, 'POST', '/v1/admin/applications/app-000001/release-claim', { token: server.adminToken });
    expect(res).toMatchObject({ status: 200, json: { released: true, application: { status: 'received', version: 3, claim: null } } });
    const again = await call(server, 'POST', '/v1/admin/applications/app-000001/release-claim', { token: server.adminToken });
    expect(again).toMatchObject({ status: 200, json: { released: false } });
    expect((await pushB([appOp('claim', 'app-000001', { operatorId: 'op-admin-2' })]))[0]!.result).toBe('applied');
  });
});

describe('the exactly-once checker', () => {
  it('finds no lost and no duplicated effects when receipts deduplicate a replayed push', async () => {
    const ops = [appOp('claim', 'app-000001'), appOp('release', 'app-000001', { baseVersion: 2 }), appOp('claim', 'app-000002')];
    await pushA(ops);
    // The answer was "lost": the workstation pushes the same batch again.
    expect((await pushA(ops)).map((r) => r.result)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await checkExactlyOnce(server, ops.map((o) => o.opId))).toEqual({ lost: [], duplicated: [], unexpected: [] });
  });

  it('with deduplication switched off, a replayed push applies twice and the checker reports it', async () => {
    await server.dispose();
    server = await startTempCentral({ now: () => NOW, faults: { disableDedupe: true } });
    world = await seedWorld(server);
    await fileApplications(server, 1);
    const claim = appOp('claim', 'app-000001');
    const release = appOp('release', 'app-000001', { baseVersion: 2 });
    await pushA([claim, release]);
    const replay = await pushA([claim, release]);
    expect(replay.map((r) => r.result)).toEqual(['applied', 'applied']);
    expect((await server.admin.application('app-000001'))!.version).toBe(5);
    const report = await checkExactlyOnce(server, [claim.opId, release.opId]);
    expect(report.duplicated).toEqual([{ opId: claim.opId, count: 2 }, { opId: release.opId, count: 2 }].sort((a, b) => a.opId.localeCompare(b.opId)));
    expect((await effectCounts(server)).get(claim.opId)).toBe(2);
  });

  it('reports an op the workstation holds as applied but the server never applied, and the reverse', async () => {
    const claim = appOp('claim', 'app-000001');
    await pushA([claim]);
    const ghost = '0190a8b0-0000-7000-8000-00000000dead';
    expect(await checkExactlyOnce(server, [ghost])).toEqual({ lost: [ghost], duplicated: [], unexpected: [claim.opId] });
  });
});
