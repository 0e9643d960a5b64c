import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CentralStore, type StoreDb } from './store';
import { freshStoreTarget, testStoreKind } from './store-testing';

/**
 * The changes feed is gapless and in commit order: 20 workstations push decisions and intake files new applications
 * for one center while a reader pulls without pause. Every change must reach the reader (its last view of each
 * application is the committed one), none twice, positions strictly rising. One pusher holds its last transaction
 * open after taking its position (until the reader passes it, or 200 more polls) while intake files one more: with a plain sequence, later numbers
 * commit first, the reader moves past the held one and never sees it, which the naive variant proves.
 */
const CENTER = 'c-feed';
const PUSHERS = 20;
const DECISIONS_EACH = 8;
const INTAKE = 60;

type SeqSource = (tx: StoreDb) => Promise<number>;

interface FeedReport {
  lost: string[];
  seenTwice: string[];
  outOfOrder: number;
  changes: number;
}

/**
 * `deferred`: the pushers change their application as the services do (`feedChanged`, the position taken when the
 * transaction ends, or at `flushFeed`); otherwise each change takes its position at once from `nextSeq`.
 */
async function runWorkload(store: CentralStore, nextSeq: SeqSource, hold: boolean, deferred = false): Promise<FeedReport> {
  const db = store.db;
  const committed = new Map<string, number>();
  const row = (id: string, seq: number) => ({
    id, number: id, center_id: CENTER, status: 'submitted', version: 1, change_seq: seq, birth_date: '1990-01-01',
    photo_hash: 'p', signature_hash: 's', source: 'intake' as const, last_actor: 'central', last_operator: null,
    last_op_id: null, decided_by: null, decided_operator: null, decided_op_id: null, record: '{}',
  });
  // Each workstation's own application, filed before the run.
  for (let p = 0; p < PUSHERS; p++) {
    const id = `ws${p}`;
    await store.write(async (tx) => {
      await tx.insertInto('applications').values(row(id, await nextSeq(tx))).execute();
    });
    committed.set(id, 1);
  }

  let polls = 0;
  let done = false;
  let cursor = 0;
  const lastSeen = new Map<string, number>();
  const seenPairs = new Set<string>();
  const seenTwice: string[] = [];
  let outOfOrder = 0;
  const reader = (async () => {
    for (;;) {
      const finished = done;
      const rows = await db.selectFrom('applications').select(['id', 'version', 'change_seq']).where('center_id', '=', CENTER).where('change_seq', '>', cursor).orderBy('change_seq').limit(50).execute();
      polls++;
      for (const r of rows) {
        if (r.change_seq <= cursor) outOfOrder++;
        cursor = r.change_seq;
        const key = `${r.id}@${r.version}`;
        if (seenPairs.has(key)) seenTwice.push(key);
        seenPairs.add(key);
        lastSeen.set(r.id, r.version);
      }
      if (finished && rows.length === 0) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  // The held transaction waits until the reader has moved past its position (possible only with a plain sequence)
  // or has polled 200 more times; intake files its last application while it is held.
  let markHolding: () => void = () => {};
  const holding = new Promise<void>((resolve) => (markHolding = resolve));
  const holdAt = async (seq: number) => {
    markHolding();
    const target = polls + 200;
    while (polls < target && cursor <= seq) await new Promise((resolve) => setImmediate(resolve));
  };

  const pusher = async (p: number) => {
    const id = `ws${p}`;
    for (let k = 0; k < DECISIONS_EACH; k++) {
      await store.write(async (tx) => {
        const version = committed.get(id)! + 1;
        const held = hold && p === 0 && k === DECISIONS_EACH - 1;
        if (deferred) {
          await tx.updateTable('applications').set({ version, status: 'in_review' }).where('id', '=', id).execute();
          store.feedChanged(tx, id, CENTER);
          if (held) {
            await store.flushFeed(tx);
            await holdAt((await tx.selectFrom('applications').select('change_seq').where('id', '=', id).executeTakeFirstOrThrow()).change_seq);
          }
        } else {
          const seq = await nextSeq(tx);
          await tx.updateTable('applications').set({ version, change_seq: seq, status: 'in_review' }).where('id', '=', id).execute();
          if (held) await holdAt(seq);
        }
        return version;
      }).then((v) => committed.set(id, v));
    }
  };
  const intake = async () => {
    for (let i = 0; i < INTAKE; i++) {
      const id = `new${i}`;
      if (hold && i === INTAKE - 1) await holding;
      await store.write(async (tx) => {
        await tx.insertInto('applications').values(row(id, await nextSeq(tx))).execute();
      });
      committed.set(id, 1);
    }
  };
  await Promise.all([...Array.from({ length: PUSHERS }, (_, p) => pusher(p)), intake()]);
  done = true;
  await reader;
  const lost = [...committed].filter(([id, v]) => lastSeen.get(id) !== v).map(([id, v]) => `${id}@${v}`);
  return { lost, seenTwice, outOfOrder, changes: PUSHERS * (DECISIONS_EACH + 1) + INTAKE };
}

const kind = testStoreKind();
describe(`changes feed order (${kind})`, () => {
  let store: CentralStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const t = await freshStoreTarget(kind);
    dispose = t.dispose;
    store = await openStore(t.target, { poolSize: PUSHERS + 4 });
    await store.db.insertInto('centers').values({ id: CENTER, name: 'Feed', address: '-' }).execute();
  });
  /** The center's next position, as intake takes it. */
  const nextOfCenter: SeqSource = async (tx) => (await store.nextChangeSeq(tx, [{ centerId: CENTER, count: 1 }])).get(CENTER)!;
  afterAll(async () => {
    await store?.close();
    await dispose?.();
  });

  it('20 concurrent pushers and intake against a reader pulling without pause: every change seen exactly once, none skipped', async () => {
    // On SQLite the write transaction holds the only connection, so the reader cannot poll during the hold.
    const report = await runWorkload(store, nextOfCenter, kind === 'postgres');
    expect(report).toEqual({ lost: [], seenTwice: [], outOfOrder: 0, changes: report.changes });
    expect(await store.maxChangeSeq(CENTER)).toBe(report.changes);
  });

  it('the same with positions taken when the transaction ends (as the services change applications)', async () => {
    await sql`DELETE FROM applications`.execute(store.db);
    const before = await store.maxChangeSeq(CENTER);
    const report = await runWorkload(store, nextOfCenter, kind === 'postgres', true);
    expect(report).toEqual({ lost: [], seenTwice: [], outOfOrder: 0, changes: report.changes });
    expect(await store.maxChangeSeq(CENTER)).toBe(before + report.changes);
  });

  if (kind === 'postgres') {
    it('test of the test: the same workload over a plain sequence loses the change committed late', async () => {
      await sql`DELETE FROM applications`.execute(store.db);
      await sql`CREATE SEQUENCE naive_feed_seq`.execute(store.db);
      const report = await runWorkload(store, async (tx) => Number((await sql<{ n: string }>`SELECT nextval('naive_feed_seq') AS n`.execute(tx)).rows[0]!.n), true);
      expect(report.lost).toContain(`ws0@${DECISIONS_EACH + 1}`);
    });
  }
});
