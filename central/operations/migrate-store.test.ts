import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { publishAppImage } from '../releases/release-testing';
import { startCentral } from '../server';
import { freshStoreTarget, testStoreKind, type StoreTarget } from '../store/store-testing';
import type { CentralStore } from '../store/store';
import type { PushOp } from '../../shared/sync/push';
import { CENTER, NOW, appOp, call, fileApplications, periodOp, push, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, withStore } from '../testing';
import { runStoreCli } from './cli';
import { migrateStore, MigrateStoreError } from './migrate-store';

/*
 * migrate-store moves a SQLite central store into an empty PostgreSQL database: every table row for row, the epoch
 * and the feed's position, so what workstations hold (cursors, op ids, tokens) stays true. It needs both stores, so it
 * runs in the PostgreSQL run.
 */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function target(kind: 'sqlite' | 'postgres'): Promise<StoreTarget> {
  const t = await freshStoreTarget(kind);
  cleanups.push(() => t.dispose());
  return t;
}

/** A SQLite store a few weeks into its life: every kind of row the server writes, then the server stopped. */
async function storeMidLife(): Promise<{ file: string; ops: PushOp[]; tokens: World['tokens'] }> {
  const server = await startTempCentral({ store: 'sqlite', now: () => NOW, rateLimit: { burst: 50, perSecond: 10 } });
  cleanups.push(() => server.dispose());
  const { tokens } = await seedWorld(server);
  const ids = await fileApplications(server, 6);
  const claim = appOp('claim', ids[0]!);
  const ops = [claim, appOp('approve', ids[0]!, { baseVersion: 2 }), appOp('claim', ids[1]!), appOp('refuse', ids[1]!, { baseVersion: 2 }), appOp('claim', ids[2]!)];
  await push(server, tokens.a, 'ws-a', ops);
  await push(server, tokens.b, 'ws-b', [appOp('claim', ids[0]!, { operatorId: 'op-admin-2' })]);
  await push(server, tokens.a, 'ws-a', [periodOp()]);
  await server.admin.event({ kind: 'produced', applicationId: ids[0]!, newLicenceNumber: 'ВХА654321' });
  const arrived = { ...appOp('claim', ids[0]!), type: 'card_arrived', args: { statusSeen: 'produced', statusAfter: 'ready_for_pickup', flag: null, scannedBy: 'number', delivery: 'pickup' } };
  await push(server, tokens.a, 'ws-a', [arrived]);
  await server.admin.issueEnrolmentCode(CENTER);
  // A pull with a cursor marks the center's submitted applications received.
  const first = await call(server, 'GET', `/v1/centers/${CENTER}/changes?limit=2`, { token: tokens.a });
  await call(server, 'GET', `/v1/centers/${CENTER}/changes?cursor=${(first.json as { cursor: string }).cursor}`, { token: tokens.a });
  await call(server, 'POST', `/v1/centers/${CENTER}/fleet-report`, {
    token: tokens.a,
    body: { workstation: 'ws-a', version: '0.1.0', channel: 'stable', os: 'linux', freeDiskBytes: 1e9, outboxSize: 0, quarantinedOps: 0, clientTime: new Date(NOW).toISOString(), lastError: null },
  });
  await publishAppImage(server, '0.2.0', { percent: 10 });
  await server.close();
  return { file: server.target, ops, tokens };
}

/** Every table's rows in a stable order, as plain JSON (numbers, strings, base64 for bytes). */
async function dump(store: CentralStore): Promise<Record<string, unknown[]>> {
  const tables =
    store.kind === 'sqlite'
      ? (await sql<{ t: string }>`SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(store.db)).rows
      : (await sql<{ t: string }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_version', 'feed_counter', 'feed_counters')`.execute(store.db)).rows;
  const out: Record<string, unknown[]> = {};
  for (const { t } of tables) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(t)}`.execute(store.db)).rows;
    const plain = rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v]))));
    out[t] = plain.sort();
  }
  return out;
}

describe.skipIf(testStoreKind() !== 'postgres')('migrate-store: a SQLite central store into PostgreSQL', () => {
  it('moves every table row for row, with the epoch, the feed position and the effects log numbered as it was', async () => {
    const { file } = await storeMidLife();
    const to = await target('postgres');
    const report = await migrateStore({ from: file, to: to.target });
    const [lite, moved] = await Promise.all([withStore(file, dump), withStore(to.target, dump)]);
    expect(Object.keys(moved).sort()).toEqual(Object.keys(lite).sort());
    expect(moved).toEqual(lite);
    for (const table of ['applications', 'claims', 'receipts', 'effects', 'facts', 'decision_checks', 'force_majeure_periods', 'workstations', 'enrolment_codes', 'fleet_reports', 'throttle_buckets', 'releases', 'release_files']) {
      expect(report.tables[table], table).toBeGreaterThan(0);
    }
    const feed = await withStore(file, (s) => s.maxChangeSeq(CENTER));
    expect(report.feedPosition).toBe(feed);
    expect(await withStore(to.target, (s) => s.maxChangeSeq(CENTER))).toBe(feed);
    // SQLite numbers every center from one sequence, so any center's cursor may be at its newest position: every
    // center's counter starts there.
    const counters = await withStore(to.target, async (s) => (await sql<{ center_id: string; seq: number }>`SELECT center_id, seq FROM feed_counters ORDER BY center_id`.execute(s.db)).rows);
    const centers = await withStore(file, async (s) => (await s.db.selectFrom('centers').select('id').orderBy('id').execute()).map((c) => c.id));
    expect(counters).toEqual(centers.map((id) => ({ center_id: id, seq: feed })));
    expect(report.epoch).toMatch(/^[0-9a-f]{12}$/);
  });

  it('a server on the moved store carries on: old cursors and tokens work, a retried op is a duplicate, new changes and effects follow the old ones', async () => {
    const { file, ops, tokens } = await storeMidLife();
    const maxEffect = (s: CentralStore) => s.db.selectFrom('effects').select((eb) => eb.fn.max('seq').as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
    const before = await withStore(file, async (s) => ({ seq: await s.maxChangeSeq(CENTER), effect: await maxEffect(s) }));
    const to = await target('postgres');
    await migrateStore({ from: file, to: to.target });
    const server = await startCentral({ db: to.target, poolSize: 2, now: () => NOW });
    cleanups.push(() => server.close());
    const epoch = await withStore(file, async (s) => (await s.db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value);

    // A cursor the SQLite server issued, at its newest position: no reset; the applications still submitted are
    // marked received and come next, numbered after the moved ones.
    const page = await call(server, 'GET', `/v1/centers/${CENTER}/changes?cursor=c1.${epoch}.${before.seq}`, { token: tokens.a });
    expect(page.status).toBe(200);
    const marked = page.json as { changes: { id: string; status: string }[]; cursor: string; hasMore: boolean };
    expect(marked.changes.length).toBeGreaterThan(0);
    expect(marked.changes.every((c) => c.status === 'received')).toBe(true);
    expect(marked.cursor).toBe(`c1.${epoch}.${before.seq + marked.changes.length}`);
    // The first batch again (its answer lost before the move): answered from the receipts, nothing applied twice.
    const again = await push(server, tokens.a, 'ws-a', ops);
    expect(again.map((r) => r.result)).toEqual(ops.map(() => 'duplicate'));
    // New changes and effects follow the old ones.
    const [id] = await fileApplications(server, 1, 7);
    expect(await withStore(to.target, async (s) => ({ seq: await s.maxChangeSeq(CENTER), effect: await maxEffect(s) }))).toEqual({
      seq: before.seq + marked.changes.length + 1,
      effect: before.effect + marked.changes.length + 1,
    });
    const next = await call(server, 'GET', `/v1/centers/${CENTER}/changes?cursor=${marked.cursor}`, { token: tokens.a });
    expect((next.json as { changes: { id: string }[] }).changes.map((c) => c.id)).toEqual([id]);
  });

  it('refuses a target that already holds a store, with a clear message, and changes nothing in it', async () => {
    const { file } = await storeMidLife();
    const to = await target('postgres');
    const occupied = await startCentral({ db: to.target, poolSize: 2, now: () => NOW });
    await seedWorld(occupied);
    await occupied.close();
    const counts = async () => withStore(to.target, async (s) => (await sql<{ n: number }>`SELECT (SELECT count(*) FROM centers) + (SELECT count(*) FROM workstations) + (SELECT count(*) FROM meta) AS n`.execute(s.db)).rows[0]!.n);
    const was = await counts();
    const refused = await migrateStore({ from: file, to: to.target }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(MigrateStoreError);
    expect(refused).toMatchObject({ code: 'target_not_empty', message: expect.stringMatching(/already holds a central store \(centers: 2 rows; .*workstations: 3 rows.*nothing was moved/) as string });
    expect(await counts()).toBe(was);
  });

  it('the command line: a refusal exits 1 with its code and sentence, a missing argument exits 2, a SQLite target is refused', async () => {
    const lines: string[] = [];
    const io = { env: {}, out: (l: string) => lines.push(l), err: (l: string) => lines.push(`ERR ${l}`) };
    expect(await runStoreCli(['migrate-store', '--from', 'central.sqlite'], io)).toBe(2);
    expect(lines.pop()).toMatch(/^ERR central: migrate-store needs --from central\.sqlite and --to postgres/);
    const other = await target('sqlite');
    expect(await runStoreCli(['migrate-store', '--from', other.target, '--to', '/tmp/other.sqlite'], io)).toBe(1);
    expect(lines.pop()).toMatch(/^ERR central: migrate-store refused \(not_postgres_target\): --to must be a postgres/);
    expect(await runStoreCli(['migrate-store', '--from', '/no/such/central.sqlite', '--to', 'postgres://x@127.0.0.1:1/none'], io)).toBe(1);
    expect(lines.pop()).toMatch(/refused \(source_missing\)/);
  });
});
