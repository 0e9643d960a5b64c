import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_OPS, PushResponseSchema } from '../../shared/sync/push';
import { AUDIT_HEAD, CENTER, NOW, appOp, call, fileApplications, periodOp, push, pushBody, sampleIntake, seedWorld, type World } from '../test-fixtures';
import { effectCounts, startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  server = await startTempCentral({ now: () => clock });
  world = await seedWorld(server);
  await fileApplications(server, 5);
});
afterEach(() => server.dispose());

const pushA = (ops: unknown[]) => push(server, world.tokens.a, 'ws-a', ops);

describe('push: applied and duplicate', () => {
  it('applies a claim and an approval in seq order: versions move, the claim follows, effects are logged once', async () => {
    const claim = appOp('claim', 'app-000001');
    const approve = appOp('approve', 'app-000001', { baseVersion: 2 });
    const results = await pushA([claim, approve]);
    expect(results.map((r) => [r.result, r.serverVersion])).toEqual([['applied', 2], ['applied', 3]]);
    const rec = (await server.admin.application('app-000001'))!;
    expect(rec).toMatchObject({ status: 'approved', version: 3, claim: null });
    expect(rec.history.map((h) => [h.status, h.operatorId])).toEqual([['submitted', null], ['in_review', 'op-admin-1'], ['approved', 'op-admin-1']]);
    expect(await effectCounts(server)).toEqual(new Map([[claim.opId, 1], [approve.opId, 1]]));
  });

  it('the same op pushed again answers duplicate with the version it produced, and takes no second effect', async () => {
    const claim = appOp('claim', 'app-000001');
    await pushA([claim]);
    const again = await pushA([claim]);
    expect(again).toEqual([{ opId: claim.opId, result: 'duplicate', code: null, message: null, serverVersion: 2, winner: null, record: null }]);
    // Twice in one push too.
    const release = appOp('release', 'app-000001', { baseVersion: 2 });
    const twice = await pushA([release, { ...release, seq: release.seq + 1000 }]);
    expect(twice.map((r) => r.result)).toEqual(['applied', 'duplicate']);
    expect([...(await effectCounts(server)).values()]).toEqual([1, 1]);
    expect((await server.admin.application('app-000001'))!.version).toBe(3);
  });

  it('an op that failed is answered the same way when pushed again (the failure is recorded, never retried)', async () => {
    const bad = appOp('refuse', 'app-000001', { args: { reasonCode: 'not_in_register', explanation: 'short' } });
    await pushA([appOp('claim', 'app-000001')]);
    const first = await pushA([bad]);
    const second = await pushA([bad]);
    expect(first[0]).toMatchObject({ result: 'rejected', code: 'explanation_too_short' });
    expect(second).toEqual(first);
  });
});

describe('push: rejected', () => {
  it('an op id reused with another payload is rejected and the first op stands', async () => {
    const claim = appOp('claim', 'app-000001');
    await pushA([claim]);
    const reused = await pushA([{ ...claim, applicationId: 'app-000002' }]);
    expect(reused[0]).toMatchObject({ result: 'rejected', code: 'op_id_reused' });
    expect((await server.admin.application('app-000002'))!.status).toBe('submitted');
    // Another workstation reusing the id (same payload otherwise) is a reuse as well.
    const fromB = await push(server, world.tokens.b, 'ws-b', [{ ...claim, operatorId: 'op-admin-1' }]);
    expect(fromB[0]).toMatchObject({ result: 'rejected', code: 'op_id_reused' });
  });

  it('rejects an unknown application, an application of another center, an unknown operator and invalid args', async () => {
    await server.admin.intake({ ...sampleIntake(50), centerId: 'sc-4641', delivery: { method: 'pickup', centerId: 'sc-4641' } });
    const results = await pushA([
      appOp('claim', 'app-999999'),
      appOp('claim', 'app-000050'),
      appOp('claim', 'app-000001', { operatorId: 'op-lviv-1' }),
      appOp('claim', 'app-000002', { operatorId: 'op-nobody' }),
      appOp('approve', 'app-000003', { args: { manualChecks: 'all' } }),
      appOp('refuse', 'app-000004', { args: {} }),
    ]);
    expect(results.map((r) => [r.result, r.code])).toEqual([
      ['rejected', 'unknown_application'], ['rejected', 'unknown_application'], ['rejected', 'unknown_operator'],
      ['rejected', 'unknown_operator'], ['rejected', 'invalid_args'], ['rejected', 'invalid_args'],
    ]);
    expect((await server.admin.counts()).effects).toBe(6); // intakes only
  });

  it('rejects a decision the rules refuse for its own inputs (unticked check, unknown reason, failed automatic check)', async () => {
    await server.admin.intake(sampleIntake(60, { autoChecks: { paymentConfirmed: false, identityMatches: true, noDrivingBan: true, licenceInRegister: true } }));
    await pushA([appOp('claim', 'app-000001'), appOp('claim', 'app-000002'), appOp('claim', 'app-000060')]);
    const results = await pushA([
      appOp('approve', 'app-000001', { args: { manualChecks: { photoSignatureSuitable: true, dataConsistent: false, deliveryDetailsComplete: true } } }),
      appOp('refuse', 'app-000002', { args: { reasonCode: 'no_such_reason', explanation: 'Пояснення для громадянина достатньої довжини.' } }),
      appOp('approve', 'app-000060'),
    ]);
    expect(results.map((r) => [r.result, r.code])).toEqual([
      ['rejected', 'manual_check_missing'], ['rejected', 'unknown_refusal_reason'], ['rejected', 'automatic_check_failed'],
    ]);
  });

  it('a malformed op is rejected on its own (a poison op never blocks the ops after it)', async () => {
    const good1 = appOp('claim', 'app-000001');
    const poison = { ...appOp('claim', 'app-000002'), type: 'teleport', clientTime: 'yesterday' };
    const good2 = appOp('claim', 'app-000003');
    const results = await pushA([good1, poison, good2]);
    expect(results.map((r) => [r.opId, r.result, r.code])).toEqual([
      [good1.opId, 'applied', null], [poison.opId, 'rejected', 'invalid_op'], [good2.opId, 'applied', null],
    ]);
    expect(results[1]!.code).toBe('invalid_op');
    expect((await pushA([poison]))[0]).toMatchObject({ result: 'rejected', code: 'invalid_op' });
  });
});

describe('push: order, versions and limits', () => {
  it('applies in seq order even when opIds and client times run the other way', async () => {
    // The release was made after the claim, but its opId sorts first and its client clock had jumped back.
    const claim = appOp('claim', 'app-000001', { opId: 'ffffffff-ffff-7fff-bfff-ffffffffffff', seq: 10, clientTime: '2026-11-27T09:00:00.000Z' });
    const release = appOp('release', 'app-000001', { opId: '00000000-0000-7000-8000-000000000000', seq: 11, clientTime: '2026-11-20T09:00:00.000Z' });
    const results = await pushA([release, claim]);
    expect(results.map((r) => [r.opId, r.result])).toEqual([[claim.opId, 'applied'], [release.opId, 'applied']]);
    expect((await server.admin.application('app-000001'))!.status).toBe('received');
  });

  it('drains a schema-version-1 batch (ops without scope): the same results as version 2', async () => {
    const { scope: _s1, ...claim } = appOp('claim', 'app-000001');
    const { scope: _s2, ...period } = periodOp();
    const res = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-a', [claim, period], 1) });
    expect(res.status).toBe(200);
    expect(PushResponseSchema.parse(res.json).results.map((r) => r.result)).toEqual(['applied', 'applied']);
    // Pushed again as version 2 after the update: the receipts recognise them.
    const v2 = await pushA([{ ...claim, scope: 'application' }, { ...period, scope: 'center' }]);
    expect(v2.map((r) => r.result)).toEqual(['duplicate', 'duplicate']);
  });

  it('keeps the workstation\'s audit head from each push', async () => {
    await pushA([]);
    expect(await server.admin.workstation('ws-a')).toMatchObject({ audit_head: AUDIT_HEAD, audit_head_at: NOW });
    const head = 'b'.repeat(64);
    clock += 1000;
    await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: { ...pushBody('ws-a', []), auditHead: head } });
    expect(await server.admin.workstation('ws-a')).toMatchObject({ audit_head: head, audit_head_at: NOW + 1000 });
  });

  it('answers 413 for more than 500 ops or more than 1 MB, 409 for an unknown schema version, 403 for another workstation\'s name', async () => {
    const before = await server.admin.counts();
    const many = Array.from({ length: MAX_PUSH_OPS + 1 }, () => appOp('claim', 'app-000001'));
    const tooMany = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-a', many) });
    expect(tooMany).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } });
    const big = [{ ...appOp('claim', 'app-000001'), args: { pad: 'x'.repeat(1024 * 1024) } }];
    const tooBig = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-a', big) });
    expect(tooBig).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } });
    const v3 = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-a', [appOp('claim', 'app-000001')], 3) });
    expect(v3).toMatchObject({ status: 409, json: { error: { code: 'unsupported_schema_version' } } });
    const impostor = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-b', [appOp('claim', 'app-000001')]) });
    expect(impostor).toMatchObject({ status: 403, json: { error: { code: 'workstation_mismatch' } } });
    const dupSeq = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-a', [appOp('claim', 'app-000001', { seq: 7 }), appOp('claim', 'app-000002', { seq: 7 })]) });
    expect(dupSeq).toMatchObject({ status: 400, json: { error: { code: 'invalid_request' } } });
    expect(await server.admin.counts()).toEqual(before);
  });

  it('an injected fault answers 503 with Retry-After and writes nothing; the retry applies', async () => {
    const claim = appOp('claim', 'app-000001');
    server.admin.failNextPushes(1);
    const before = await server.admin.counts();
    const failed = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: pushBody('ws-a', [claim]) });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('1');
    expect(await server.admin.counts()).toEqual(before);
    expect((await pushA([claim]))[0]!.result).toBe('applied');
  });
});

describe('push: throttling', () => {
  it('answers 429 with Retry-After once a workstation\'s bucket is empty, per workstation, and refills with time', async () => {
    await server.dispose();
    server = await startTempCentral({ now: () => clock, rateLimit: { burst: 2, perSecond: 0.5 } });
    world = await seedWorld(server);
    const p = (token: string, ws: string) => call(server, 'POST', `/v1/centers/${CENTER}/push`, { token, body: pushBody(ws, []) });
    expect((await p(world.tokens.a, 'ws-a')).status).toBe(200);
    expect((await p(world.tokens.a, 'ws-a')).status).toBe(200);
    const throttled = await p(world.tokens.a, 'ws-a');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('2');
    expect(throttled.json).toMatchObject({ error: { code: 'too_many_requests' } });
    expect((await p(world.tokens.b, 'ws-b')).status).toBe(200);
    clock += 2000;
    expect((await p(world.tokens.a, 'ws-a')).status).toBe(200);
  });
});

describe('push: force majeure (center scope)', () => {
  it('stores the period once per period id, bumps the reference version and publishes it to every center', async () => {
    const ref = async (token: string, center: string) => (await call(server, 'GET', `/v1/centers/${center}/reference`, { token })).json as { version: string; forceMajeurePeriods: { id: string; centerId: string }[] };
    const before = await ref(world.tokens.x, 'sc-4641');
    const period = periodOp();
    expect((await pushA([period]))[0]).toMatchObject({ result: 'applied' });
    const after = await ref(world.tokens.x, 'sc-4641');
    expect(after.version).not.toBe(before.version);
    expect(after.forceMajeurePeriods).toEqual([{ id: period.args.periodId, centerId: CENTER, kind: 'air_alarm', startsAt: '2026-11-26T08:00:00.000Z', endsAt: '2026-11-26T11:00:00.000Z', note: 'Повітряна тривога' }]);
    // The same period under a new op id is a duplicate; another period with the same id is refused.
    expect((await pushA([{ ...period, opId: randomUUID(), seq: period.seq + 500 }]))[0]).toMatchObject({ result: 'duplicate', code: 'period_already_recorded' });
    expect((await pushA([periodOp({}, { periodId: period.args.periodId, note: 'інше' })]))[0]).toMatchObject({ result: 'rejected', code: 'period_id_reused' });
    expect((await ref(world.tokens.x, 'sc-4641')).version).toBe(after.version);
  });

  it('refuses a period from an administrator, one that ends before it starts, or one longer than 7 days', async () => {
    const results = await pushA([
      periodOp({ operatorId: 'op-admin-1' }),
      periodOp({}, { endsAt: '2026-11-26T07:00:00.000Z' }),
      periodOp({}, { startsAt: '2026-11-01T00:00:00.000Z' }),
      periodOp({ scope: 'application', applicationId: 'app-000001' }),
    ]);
    expect(results.map((r) => r.code)).toEqual(['forbidden', 'period_end_before_start', 'period_too_long', 'invalid_op']);
    expect((await server.admin.counts()).force_majeure_periods).toBe(0);
  });
});
