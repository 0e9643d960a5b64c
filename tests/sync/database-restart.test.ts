import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import { startPgCluster, type PgCluster } from '../../central/store/pg-cluster';
import { testStoreKind } from '../../central/store/store-testing';
import { ALL_TICKED, call, fileApplications, pushBody, seedWorld } from '../../central/test-fixtures';
import { checkExactlyOnce, startTempCentral } from '../../central/testing';
import type { SyncStatus } from '../../shared/api/sync';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, ADMIN2, approvable, CENTER, claimAndApprove, expectConverged, openWorkstation, outboxStates, type Workstation } from './support/workstation';

/*
 * The central server's database goes away under load and comes back. On PostgreSQL a cluster of this file's own is
 * stopped and restarted (`pg_ctl -m fast`, every session ended) while workstations push; on SQLite another connection
 * holds the file's write lock past the busy timeout. Either way a request that meets it is answered 503 with
 * Retry-After (never 500, never left hanging) and applies nothing, the server carries on when the database is back,
 * and the workstations' retries take effect exactly once.
 */
const kind = testStoreKind();
const TRAINING = { seed: 71, size: 60, now: TEST_NOW };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function proxiedWorkstation(central: CentralServer, proxy: FaultProxy, id: string, who: { login: string; password: string }): Promise<Workstation> {
  const ws = await openWorkstation(central, proxy.url, { id });
  cleanups.push(() => ws.dispose());
  await ws.signIn(who);
  return ws;
}

/** Lets the workstation's own backoff timer retry (the clock stepped to each next attempt) until its outbox is empty. */
async function retryUntilDrained(ws: Workstation): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const status = await ws.ok<SyncStatus>('sync.status');
    if (status.pendingOps === 0 && !status.lastError) return;
    const next = status.nextAttemptAt ? Date.parse(status.nextAttemptAt) - ws.scheduler.now() : 60_000;
    await ws.advance(Math.max(1, next));
  }
  throw new Error(`${ws.id} still has ${JSON.stringify(outboxStates(ws))} after ten retries`);
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** A connection of the test's own that holds a workstation's row, so that workstation's push waits inside its transaction. */
async function holdWorkstationRow(db: string, workstationId: string) {
  const holder = new pg.Client({ connectionString: db });
  // The restart ends this session too.
  holder.on('error', () => {});
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM workstations WHERE id = $1 FOR UPDATE', [workstationId]);
  return {
    /** Resolves once a push is waiting for the row. */
    waited: () =>
      until(async () => {
        const r = await holder.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        return Number(r.rows[0]!.n) > 0;
      }, 'a push waiting for the held row'),
    end: () => holder.end().catch(() => undefined),
  };
}

describe.skipIf(kind !== 'postgres')('the PostgreSQL database restarted under load', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  /** A central server in this process on a new database of this file's cluster. */
  async function central(options: { training?: typeof TRAINING } = {}): Promise<{ server: CentralServer; db: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'sc-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = await cluster.createDatabase();
    const server = await startCentral({ db, poolSize: 4, now: () => TEST_NOW, releasesDir: join(dir, 'releases'), ...options });
    cleanups.push(() => server.close());
    return { server, db };
  }

  it('a push waiting in its transaction when the database stops, and every request while it is down, are answered 503 with Retry-After; once it is back the pool reconnects and the workstations retry exactly once', async () => {
    const { server, db } = await central({ training: TRAINING });
    const proxy = await FaultProxy.start(server.url);
    cleanups.push(() => proxy.close());
    const a = await proxiedWorkstation(server, proxy, 'ws-a', ADMIN);
    const b = await proxiedWorkstation(server, proxy, 'ws-b', ADMIN2);
    const c = await proxiedWorkstation(server, proxy, 'ws-c', ADMIN);
    await claimAndApprove(a, approvable(a, 2));
    await claimAndApprove(b, approvable(b, 2, 2));
    await claimAndApprove(c, approvable(c, 2, 4));
    const probe = await server.admin.enrol('ws-probe', CENTER);
    const pushedBefore = proxy.pushes().length;

    const held = await holdWorkstationRow(db, 'ws-a');
    const aSync = a.sync();
    await held.waited();
    await cluster.stopServer();
    cleanups.push(() => cluster.startServer().catch(() => undefined));
    await aSync;
    await held.end();
    // While it is down: the other workstations' pushes, and any request that needs the database.
    await b.sync();
    await c.sync();
    const down = await Promise.all([
      call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: probe, body: pushBody('ws-probe', []) }),
      call(server, 'GET', `/v1/centers/${CENTER}/changes`, { token: probe }),
      call(server, 'POST', '/v1/admin/enrolment-codes', { token: server.adminToken, body: { centerId: CENTER } }),
    ]);
    expect(down.map((r) => [r.status, (r.json as { error: { code: string } }).error.code, r.headers.get('retry-after')])).toEqual(down.map(() => [503, 'unavailable', '5']));
    const pushes = proxy.pushes().slice(pushedBefore);
    expect(pushes.map((p) => [p.upstreamStatus, p.upstreamRetryAfter])).toEqual([[503, '5'], [503, '5'], [503, '5']]);
    for (const ws of [a, b, c]) {
      expect(outboxStates(ws)).toEqual({ pending: 4 });
      expect((await ws.ok<SyncStatus>('sync.status')).lastError?.code).toBe('central_unavailable');
    }

    await cluster.startServer();
    // Nothing of the refused pushes was applied.
    expect((await checkExactlyOnce(server, [])).unexpected).toEqual([]);
    for (const ws of [a, b, c]) await retryUntilDrained(ws);
    for (const ws of [a, b, c]) await ws.sync();
    await expectConverged(server, [a, b, c]);
    expect([a, b, c].map((ws) => outboxStates(ws))).toEqual([{ applied: 4 }, { applied: 4 }, { applied: 4 }]);
  });

  it('pg_ctl restart while workstations push without pause: every answer is 200 or 503 with Retry-After, and every op takes effect exactly once', async () => {
    const { server, db } = await central();
    await seedWorld(server);
    const PUSHERS = 6;
    const EACH = 25;
    const ids = await fileApplications(server, PUSHERS * EACH);
    const tokens = await Promise.all(Array.from({ length: PUSHERS }, (_, k) => server.admin.enrol(`ws-load-${k}`, CENTER)));
    const answers: { status: number; retryAfter: string | null }[] = [];
    const applied: string[] = [];
    let seq = 0;

    /** One workstation: a claim and an approval per application, each push sent again after a 503 until it is answered 200. */
    const pusher = async (k: number) => {
      for (const id of ids.slice(k * EACH, (k + 1) * EACH)) {
        const base = { scope: 'application', applicationId: id, clientTime: '2026-11-27T09:00:00.000Z', operatorId: 'op-admin-1' };
        const ops = [
          { ...base, opId: crypto.randomUUID(), seq: ++seq, type: 'claim', args: {}, baseVersion: 1 },
          { ...base, opId: crypto.randomUUID(), seq: ++seq, type: 'approve', args: { manualChecks: ALL_TICKED }, baseVersion: 2 },
        ];
        for (;;) {
          const r = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: tokens[k]!, body: pushBody(`ws-load-${k}`, ops) });
          answers.push({ status: r.status, retryAfter: r.headers.get('retry-after') });
          if (r.status === 200) {
            const results = (r.json as { results: { opId: string; result: string }[] }).results;
            expect(results.map((x) => x.result).every((x) => x === 'applied' || x === 'duplicate')).toBe(true);
            applied.push(...results.map((x) => x.opId));
            break;
          }
          if (r.status !== 503) throw new Error(`push answered ${r.status}: ${r.text}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };

    // The first workstation's first push waits in its transaction when the restart begins: it certainly meets it.
    const held = await holdWorkstationRow(db, 'ws-load-0');
    const running = Promise.all(Array.from({ length: PUSHERS }, (_, k) => pusher(k)));
    await held.waited();
    await cluster.restart();
    await held.end();
    await running;

    expect(answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.retryAfter === '5'))).toEqual([]);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(await checkExactlyOnce(server, applied)).toEqual({ lost: [], duplicated: [], unexpected: [] });
    expect(applied).toHaveLength(PUSHERS * EACH * 2);
    for (const id of [ids[0]!, ids.at(-1)!]) expect((await server.admin.application(id))?.status).toBe('approved');
  });
});

describe.skipIf(kind !== 'sqlite')('the SQLite file locked by another connection', () => {
  it('a push while another connection holds the write lock past the busy timeout is answered 503 with Retry-After, not 500; the retry applies it exactly once', async () => {
    const server = await startTempCentral({ training: TRAINING, now: () => TEST_NOW });
    cleanups.push(() => server.dispose());
    const proxy = await FaultProxy.start(server.url);
    cleanups.push(() => proxy.close());
    const a = await proxiedWorkstation(server, proxy, 'ws-a', ADMIN);
    await claimAndApprove(a, approvable(a, 2));

    // As another process would (a backup tool, a second server by mistake): the write lock, held.
    const holder = new Database(server.target);
    cleanups.push(() => holder.close());
    holder.exec('BEGIN IMMEDIATE');
    await a.sync();
    holder.exec('ROLLBACK');
    expect(proxy.pushes().map((p) => [p.upstreamStatus, p.upstreamRetryAfter])).toEqual([[503, '5']]);
    expect(outboxStates(a)).toEqual({ pending: 4 });

    await retryUntilDrained(a);
    await expectConverged(server, [a]);
  });
});
