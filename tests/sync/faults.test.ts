import { describe, expect, it } from 'vitest';
import { checkExactlyOnce } from '../../central/testing';
import type { SyncStatus } from '../../shared/api/sync';
import { proxiedRig } from './support/proxied-rig';
import {
  appliedOpIds, approvable, claimAndApprove, expectConverged, outboxStates,
} from './support/workstation';

/*
 * Network faults between one workstation and the real central server, through a fault proxy on loopback. Every
 * scenario ends with zero lost and zero duplicated effects (the server's effects log against the ops the
 * workstation recorded as taken) and the workstation's store equal to the server's.
 */

const setUp = proxiedRig({ seed: 11, size: 60 });

const isPush = (r: { path: string }) => r.path.endsWith('/push');
/** The client tries a request a second time at once when its connection fails: a fault has to hit both tries. */
const BOTH_TRIES = { match: isPush, times: 2 };
const TEN_MINUTES = 10 * 60_000;

describe('sync through a faulty link', () => {
  it('a push whose answer is lost after the server committed is sent again and answered duplicate: nothing lost, nothing twice', async () => {
    const { central, proxy, ws } = await setUp();
    await claimAndApprove(ws, approvable(ws, 3));
    proxy.plan({ kind: 'drop_after_commit' }, BOTH_TRIES);
    const failed = await ws.sync();
    expect(failed.lastError?.code).toBe('central_unreachable');
    expect(failed.pendingOps).toBe(6);
    // The server has all six effects although the workstation heard nothing.
    expect((await checkExactlyOnce(central, [])).unexpected).toHaveLength(6);

    await ws.advance(TEN_MINUTES);
    expect(outboxStates(ws)).toEqual({ duplicate: 6 });
    expect((await ws.ok<SyncStatus>('sync.status')).lastError).toBeNull();
    await expectConverged(central, [ws]);
  });

  it('a connection reset before the server saw the push, and one while it commits anyway, both end exactly once', async () => {
    const { central, proxy, ws } = await setUp();
    const ids = approvable(ws, 4);
    await claimAndApprove(ws, ids.slice(0, 2));
    proxy.plan({ kind: 'reset' }, BOTH_TRIES);
    expect((await ws.sync()).lastError?.code).toBe('central_unreachable');
    expect((await checkExactlyOnce(central, [])).unexpected).toEqual([]);
    await ws.advance(TEN_MINUTES);
    expect(outboxStates(ws)).toEqual({ applied: 4 });

    await claimAndApprove(ws, ids.slice(2));
    proxy.plan({ kind: 'reset_while_committing' }, BOTH_TRIES);
    expect((await ws.sync()).lastError?.code).toBe('central_unreachable');
    await proxy.upstreamSettled();
    await ws.advance(TEN_MINUTES);
    expect(outboxStates(ws)).toEqual({ applied: 4, duplicate: 4 });
    await expectConverged(central, [ws]);
  });

  it('a push that times out while the server commits is retried after the timeout on the injected clock', async () => {
    const { central, proxy, ws } = await setUp();
    await claimAndApprove(ws, approvable(ws, 2));
    proxy.plan({ kind: 'hold' }, { match: isPush });
    const before = proxy.log.length;
    const syncing = ws.call('sync.now');
    await proxy.seen(before + 1);
    await proxy.upstreamSettled();
    expect((await checkExactlyOnce(central, [])).unexpected).toHaveLength(4);
    // Nothing happens until the request's timeout (10 s here) passes on the workstation's clock.
    ws.scheduler.advance(9_999);
    expect((await ws.ok<SyncStatus>('sync.status')).syncing).toBe(true);
    ws.scheduler.advance(1);
    const answer = await syncing;
    expect(answer).toMatchObject({ ok: true, value: { lastError: { code: 'central_unreachable' }, pendingOps: 4 } });
    await ws.advance(TEN_MINUTES);
    expect(outboxStates(ws)).toEqual({ duplicate: 4 });
    await expectConverged(central, [ws]);
  });

  it('server faults (503) count against the ops and shrink the batch; the retry after the backoff drains them', async () => {
    const { central, proxy, ws } = await setUp();
    await claimAndApprove(ws, approvable(ws, 3));
    proxy.plan({ kind: 'status', status: 503 }, { match: isPush, times: 2 });
    expect((await ws.sync()).lastError?.code).toBe('central_unavailable');
    const attempts = ws.core.db.prepare('SELECT max(attempts) FROM outbox').pluck().get();
    expect(attempts).toBe(1);
    await ws.advance(TEN_MINUTES);
    await ws.advance(TEN_MINUTES);
    expect(outboxStates(ws)).toEqual({ applied: 6 });
    // The second try went with half the batch; after a success the batch is whole again.
    const sizes = proxy.pushes().map((r) => (JSON.parse(r.body) as { ops: unknown[] }).ops.length);
    expect(sizes.slice(0, 2)).toEqual([6, 3]);
    await expectConverged(central, [ws]);
  });

  it('429 with Retry-After: the engine waits at least that long on the injected clock, then succeeds', async () => {
    const { central, proxy, ws } = await setUp();
    await claimAndApprove(ws, approvable(ws, 1));
    proxy.plan({ kind: 'status', status: 429, headers: { 'retry-after': '120' } }, { match: isPush });
    const failed = await ws.sync();
    expect(failed.lastError?.code).toBe('central_throttled');
    expect(Date.parse(failed.nextAttemptAt!) - ws.scheduler.now()).toBeGreaterThanOrEqual(120_000);
    const pushes = proxy.pushes().length;
    await ws.advance(119_999);
    expect(proxy.pushes().length).toBe(pushes);
    await ws.advance(Date.parse(failed.nextAttemptAt!) - ws.scheduler.now());
    expect(proxy.pushes().length).toBe(pushes + 1);
    expect(outboxStates(ws)).toEqual({ applied: 2 });
    await expectConverged(central, [ws]);
  });

  it("the link coming back (the window's online event) starts a cycle at once instead of waiting out the backoff", async () => {
    const { central, proxy, ws } = await setUp();
    await claimAndApprove(ws, approvable(ws, 2));
    proxy.cut();
    const failed = await ws.sync();
    expect(failed.lastError?.code).toBe('central_unreachable');
    expect(failed.online).toBe(false);
    expect(Date.parse(failed.nextAttemptAt!)).toBeGreaterThan(ws.scheduler.now());
    proxy.heal();
    // No clock step: only the hint can start this cycle.
    const hinted = await ws.ok<SyncStatus>('sync.linkUp');
    expect(hinted.pendingOps).toBe(4);
    await ws.core.sync.engine.whenIdle();
    const after = await ws.ok<SyncStatus>('sync.status');
    expect([after.online, after.pendingOps, after.lastError, after.nextAttemptAt]).toEqual([true, 0, null, null]);
    expect(outboxStates(ws)).toEqual({ applied: 4 });
    await expectConverged(central, [ws]);
  });

  it('a reference request the server never answers ends the cycle at the timeout: the status leaves «Довідники 0/1» and names the failure', async () => {
    const { central, proxy, ws } = await setUp();
    const isReference = (r: { path: string }) => r.path.includes('/reference');
    proxy.plan({ kind: 'hold' }, { match: isReference });
    const syncing = ws.call('sync.now');
    await expect.poll(() => proxy.log.filter((r) => r.fault === 'hold').length, { timeout: 20_000 }).toBe(1);
    expect(await ws.ok<SyncStatus>('sync.status')).toMatchObject({ syncing: true, progress: { phase: 'reference', done: 0, total: 1 } });
    // Nothing happens until the request's timeout (10 s here) passes on the workstation's clock.
    ws.scheduler.advance(9_999);
    expect((await ws.ok<SyncStatus>('sync.status')).syncing).toBe(true);
    ws.scheduler.advance(1);
    const answer = await syncing;
    expect(answer).toMatchObject({ ok: true, value: { syncing: false, progress: null, lastError: { code: 'central_unreachable' } } });
    expect((answer as { value: SyncStatus }).value.lastError!.message).toMatch(/did not answer in time/);
    // The backoff's retry fetches the reference data and the failure is gone.
    await ws.advance(TEN_MINUTES);
    expect(proxy.log.filter((r) => isReference(r) && r.fault === 'pass').length).toBeGreaterThan(0);
    expect(await ws.ok<SyncStatus>('sync.status')).toMatchObject({ syncing: false, progress: null, lastError: null });
    await expectConverged(central, [ws]);
  });

  it('the checker fails when the server does not deduplicate: a replayed claim and release take effect twice', async () => {
    const { central, proxy, ws } = await setUp({ disableDedupe: true });
    const [id] = approvable(ws, 1);
    await ws.ok('application.claim', { id });
    await ws.ok('application.release', { id });
    proxy.plan({ kind: 'drop_after_commit' }, BOTH_TRIES);
    await ws.sync();
    await ws.advance(TEN_MINUTES);
    const report = await checkExactlyOnce(central, appliedOpIds(ws));
    expect(report.duplicated).toHaveLength(2);
    for (const d of report.duplicated) expect(d.count).toBeGreaterThan(1);
  });
});
