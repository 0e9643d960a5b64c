import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../server';
import { CENTER, NOW, OTHER_CENTER, appOp, call, fileApplications, push, sampleIntake, seedWorld } from '../test-fixtures';
import { ApplicationStore } from '../services/applications';
import { startTempCentral, withStore, type TempCentral } from '../testing';
import { openStore, type StoreDb } from './store';
import { freshStoreTarget, testStoreKind, type StoreTarget } from './store-testing';

/**
 * The feed's positions per center on PostgreSQL (pg-feed-counters.ts): a center's counter serialises that center's
 * commits only, the split kept every cursor issued before it, a center first seen later starts above them all, and a
 * transaction of several centers numbers each one's changes from its own counter. SQLite keeps one sequence.
 */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempCentral(): Promise<TempCentral> {
  const server = await startTempCentral({ now: () => NOW });
  cleanups.push(() => server.dispose());
  return server;
}

/** Sessions of this database waiting for a lock (a row lock another transaction holds). */
async function lockWaiters(db: StoreDb): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
  return r.rows[0]!.n;
}

/**
 * Holds a write transaction of `CENTER` open with its counter taken (its change given a position, not committed),
 * runs `other` meanwhile, and ends when `other` settles or a session of the database is seen waiting for a lock
 * (then the hold commits, which lets a waiting `other` finish). Says which came first.
 */
async function whileCenterHeld(server: CentralServer, held: string, other: () => Promise<unknown>): Promise<{ waited: boolean; heldSeq: number; visibleMeanwhile: number }> {
  const { store } = server;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding: () => void = () => {};
  const taken = new Promise<void>((resolve) => (holding = resolve));
  let heldSeq = 0;
  const hold = store.write(async (tx) => {
    await tx.updateTable('applications').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', held).execute();
    store.feedChanged(tx, held, CENTER);
    await store.flushFeed(tx);
    heldSeq = (await tx.selectFrom('applications').select('change_seq').where('id', '=', held).executeTakeFirstOrThrow()).change_seq;
    holding();
    await released;
  });
  await taken;
  let settled = false;
  const running = other().finally(() => void (settled = true));
  let waited = false;
  while (!settled && !waited) {
    waited = (await lockWaiters(store.db)) > 0;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // What a reader sees while the hold is open: the held change has no committed position yet.
  const visibleMeanwhile = (await store.db.selectFrom('applications').select('change_seq').where('id', '=', held).executeTakeFirstOrThrow()).change_seq;
  release();
  await hold;
  await running;
  return { waited, heldSeq, visibleMeanwhile };
}

describe.skipIf(testStoreKind() !== 'postgres')('feed counters per center (postgres)', () => {
  it('a push of one center commits while a transaction of another center holds its counter open; one of the same center waits for it', async () => {
    const server = await tempCentral();
    const { tokens } = await seedWorld(server);
    const [held, mine] = await fileApplications(server, 2);
    const theirs = (await server.admin.intake(sampleIntake(50, { centerId: OTHER_CENTER, delivery: { method: 'pickup', centerId: OTHER_CENTER } }))).id;
    const heldBefore = await server.store.maxChangeSeq(CENTER);

    const across = await whileCenterHeld(server, held!, () => push(server, tokens.x, 'ws-x', [appOp('claim', theirs, { operatorId: 'op-lviv-1' })], OTHER_CENTER));
    expect(across.waited).toBe(false);
    expect(across.heldSeq).toBe(heldBefore + 1);
    expect(await server.admin.application(theirs)).toMatchObject({ status: 'in_review' });

    // The test of the test: a push of the held center queues behind the held counter, and the probe sees it waiting.
    const same = await whileCenterHeld(server, held!, () => push(server, tokens.a, 'ws-a', [appOp('claim', mine!)]));
    expect(same.waited).toBe(true);
    expect(same.visibleMeanwhile).toBe(across.heldSeq);
    expect(await server.admin.application(mine!)).toMatchObject({ status: 'in_review' });
    // The center's positions stay gapless and in commit order: the held change, then the push that waited for it.
    const rows = await server.store.db.selectFrom('applications').select(['id', 'change_seq']).where('center_id', '=', CENTER).orderBy('change_seq').execute();
    expect(rows).toEqual([{ id: held, change_seq: heldBefore + 2 }, { id: mine, change_seq: heldBefore + 3 }]);
  });

  it('a cursor issued before the counters were split stays valid after the migration: no reset, nothing skipped; a center first seen later starts above every earlier cursor', async () => {
    const t = await freshStoreTarget('postgres');
    cleanups.push(() => t.dispose());
    let server = await startCentral({ db: t.target, poolSize: 2, now: () => NOW });
    const { tokens } = await seedWorld(server);
    const ours = await fileApplications(server, 3);
    await server.admin.intake(sampleIntake(50, { centerId: OTHER_CENTER, delivery: { method: 'pickup', centerId: OTHER_CENTER } }));
    await server.admin.intake(sampleIntake(51, { centerId: OTHER_CENTER, delivery: { method: 'pickup', centerId: OTHER_CENTER } }));
    await server.close();
    const epoch = await withStore(t.target, async (s) => (await s.db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value);
    await toVersion10(t);

    server = await startCentral({ db: t.target, poolSize: 2, now: () => NOW });
    cleanups.push(() => server.close());
    const counters = await sql<{ center_id: string; seq: number }>`SELECT center_id, seq FROM feed_counters ORDER BY center_id`.execute(server.store.db);
    expect(counters.rows).toEqual([{ center_id: OTHER_CENTER, seq: 5 }, { center_id: CENTER, seq: 5 }].sort((a, b) => a.center_id.localeCompare(b.center_id)));
    // ws-a had pulled its center whole (its last position, 3); ws-b holds the feed's head then (5), above its center's own.
    const page = async (token: string, cursor: string | null) => {
      const r = await call(server, 'GET', `/v1/centers/${CENTER}/changes${cursor ? `?cursor=${cursor}` : ''}`, { token });
      expect(r.status, r.text).toBe(200);
      return r.json as { changes: { id: string; status: string }[]; cursor: string };
    };
    const fromOwn = await page(tokens.a, `c1.${epoch}.3`);
    // The pull marks the center's applications received: they come again, above every position issued before.
    expect(fromOwn.changes.map((c) => [c.id, c.status])).toEqual(ours.map((id) => [id, 'received']));
    expect(fromOwn.cursor).toBe(`c1.${epoch}.8`);
    const fromHead = await page(tokens.b, `c1.${epoch}.5`);
    expect(fromHead.changes.map((c) => c.id)).toEqual(ours);
    const [next] = await fileApplications(server, 1, 9);
    expect((await page(tokens.a, fromOwn.cursor)).changes.map((c) => c.id)).toEqual([next]);

    // A center no counter knew: its head is the floor until its first change, which takes the floor's next position.
    const NEW_CENTER = 'sc-0001';
    await server.admin.addCenter({ id: NEW_CENTER, name: 'ТСЦ МВС № 0001', address: 'Одеса' });
    const token = await server.admin.enrol('ws-new', NEW_CENTER);
    expect(await server.store.maxChangeSeq(NEW_CENTER)).toBe(5);
    const before = await call(server, 'GET', `/v1/centers/${NEW_CENTER}/changes?cursor=c1.${epoch}.5`, { token });
    expect(before.json).toMatchObject({ changes: [], cursor: `c1.${epoch}.5` });
    const filed = await server.admin.intake(sampleIntake(70, { centerId: NEW_CENTER, delivery: { method: 'pickup', centerId: NEW_CENTER } }));
    const after = await call(server, 'GET', `/v1/centers/${NEW_CENTER}/changes?cursor=c1.${epoch}.5`, { token });
    expect(after.json).toMatchObject({ changes: [{ id: filed.id }], cursor: `c1.${epoch}.6` });
  });
});

/**
 * The store as the server before migration 11 left it, with the feed numbered by the one global counter: the first
 * center's applications at 1..3, the other's at 4..5 (as they were filed), the counter at 5.
 */
async function toVersion10(t: StoreTarget): Promise<void> {
  const store = await openStore(t.target, { poolSize: 1 });
  try {
    await store.db.transaction().execute(async (tx) => {
      await sql`UPDATE applications SET change_seq = change_seq + 3 WHERE center_id = ${OTHER_CENTER}`.execute(tx);
      await sql.raw(`
        DROP TABLE feed_counters;
        DROP INDEX applications_feed;
        CREATE INDEX applications_feed ON applications (center_id, change_seq);
        ALTER TABLE applications ADD CONSTRAINT applications_change_seq_key UNIQUE (change_seq);
        UPDATE feed_counter SET seq = 5 WHERE id = 1;
        DELETE FROM schema_version WHERE version = 11;`).execute(tx);
    });
    const seqs = await store.db.selectFrom('applications').select(['center_id', 'change_seq']).orderBy('change_seq').execute();
    expect(seqs.map((r) => `${r.center_id}@${r.change_seq}`)).toEqual([1, 2, 3].map((n) => `${CENTER}@${n}`).concat([4, 5].map((n) => `${OTHER_CENTER}@${n}`)));
  } finally {
    await store.close();
  }
}

describe(`a transaction of several centers (${testStoreKind()})`, () => {
  it('new applications of two centers filed in one transaction, and changes of two centers in one write, take each center\'s own next positions', async () => {
    const server = await tempCentral();
    await seedWorld(server);
    const base = await server.admin.intake(sampleIntake(1));
    await server.admin.intake(sampleIntake(2, { centerId: OTHER_CENTER, delivery: { method: 'pickup', centerId: OTHER_CENTER } }));
    const { store } = server;
    const head = async () => ({ ours: await store.maxChangeSeq(CENTER), theirs: await store.maxChangeSeq(OTHER_CENTER), mark: await store.feedMark() });
    const seqOf = async (id: string) => (await store.db.selectFrom('applications').select('change_seq').where('id', '=', id).executeTakeFirstOrThrow()).change_seq;

    // Filed as the store's callers file them (ApplicationStore.insert), the centers interleaved.
    const was = await head();
    const items = [0, 1, 2, 3].map((k) => {
      const centerId = k % 2 === 0 ? CENTER : OTHER_CENTER;
      return { record: { ...base, id: `multi-${k}`, number: `2026-90000${k}`, centerId, delivery: { method: 'pickup' as const, centerId } }, source: 'intake' as const };
    });
    await store.write((tx) => new ApplicationStore(store).insert(tx, items));
    const filed = await Promise.all(items.map((i) => seqOf(i.record.id)));
    if (store.kind === 'postgres') {
      expect(filed).toEqual([was.ours + 1, was.theirs + 1, was.ours + 2, was.theirs + 2]);
    } else {
      // One sequence: a block per center (in center-id order), each center's in the order given.
      expect([...filed].sort((x, y) => x - y)).toEqual([1, 2, 3, 4].map((k) => was.mark + k));
      expect([filed[0]! < filed[2]!, filed[1]! < filed[3]!]).toEqual([true, true]);
    }

    // Changed in one write (the positions taken as it commits, in the statement that carries the COMMIT on PostgreSQL).
    const now = await head();
    await store.write(async (tx) => {
      for (const id of ['multi-1', 'multi-0']) {
        await tx.updateTable('applications').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).execute();
        store.feedChanged(tx, id, id === 'multi-0' ? CENTER : OTHER_CENTER);
      }
    });
    const changed = [await seqOf('multi-0'), await seqOf('multi-1')];
    expect(changed).toEqual(store.kind === 'postgres' ? [now.ours + 1, now.theirs + 1] : [now.mark + 2, now.mark + 1]);
  });
});
