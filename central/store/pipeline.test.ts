import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type CentralStore } from './store';
import { freshStoreTarget, type StoreTarget } from './store-testing';

/**
 * `store.pipeline`: several statements in one round trip on PostgreSQL, in turn on SQLite. What a push relies on:
 * each statement runs after the one before has finished and sees what it waited for, a failure fails the whole
 * transaction and leaves the connection usable, and the statements' prepared names never outlive a failure.
 */
let target: StoreTarget;
let store: CentralStore;
beforeEach(async () => {
  target = await freshStoreTarget();
  store = await openStore(target.target, { poolSize: 3 });
  await store.db.insertInto('centers').values([{ id: 'sc-1', name: 'one', address: 'a' }, { id: 'sc-2', name: 'two', address: 'b' }]).execute();
});
afterEach(async () => {
  await store.close();
  await target.dispose();
});

async function waitForLockWait(): Promise<void> {
  for (;;) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(store.db);
    if (r.rows[0]!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const centerNames = (tx = store.db) => tx.selectFrom('centers').select(['id', 'name']).orderBy('id');

describe(`store.pipeline (${process.env.CENTRAL_STORE ?? 'sqlite'})`, () => {
  it("gives each statement's rows in order, an update's effect seen by the read after it, and commits as one transaction", async () => {
    const [updated, names, one] = await store.write((tx) =>
      store.pipeline(tx, [
        tx.updateTable('centers').set({ name: 'renamed' }).where('id', '=', 'sc-1').returning('id'),
        centerNames(tx),
        tx.selectFrom('centers').select('address').where('id', '=', 'sc-2'),
      ] as const),
    );
    expect(updated).toEqual([{ id: 'sc-1' }]);
    expect(names).toEqual([{ id: 'sc-1', name: 'renamed' }, { id: 'sc-2', name: 'two' }]);
    expect(one).toEqual([{ address: 'b' }]);
    expect(await centerNames().execute()).toEqual(names);
  });

  it('a read after a locking statement sees the change the lock waited for (a statement of its own, not one snapshot)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // The first transaction holds sc-1 and renames sc-2 meanwhile; it commits only once the pipeline waits on it.
    const first = store.write(async (tx) => {
      await store.forUpdate(tx.selectFrom('centers').select('id').where('id', '=', 'sc-1')).execute();
      await tx.updateTable('centers').set({ name: 'changed while locked' }).where('id', '=', 'sc-2').execute();
      locked();
      await held;
    });
    await isLocked;
    const second = store.kind === 'sqlite'
      ? first.then(() => store.write((tx) => store.pipeline(tx, [store.forUpdate(tx.selectFrom('centers').select('id').where('id', '=', 'sc-1')), centerNames(tx)] as const)))
      : store.write((tx) => store.pipeline(tx, [store.forUpdate(tx.selectFrom('centers').select('id').where('id', '=', 'sc-1')), centerNames(tx)] as const));
    // The first commits only once the pipeline waits on its lock (PostgreSQL says so; SQLite's writer waits in turn).
    if (store.kind === 'postgres') await waitForLockWait();
    release();
    await first;
    const [lockedRows, names] = await second;
    expect(lockedRows).toEqual([{ id: 'sc-1' }]);
    expect(names).toEqual([{ id: 'sc-1', name: 'one' }, { id: 'sc-2', name: 'changed while locked' }]);
  });

  it('a failing statement fails the transaction (nothing of it stays), the statements after it do not run, and the same pipeline runs later', async () => {
    const failing = (tx: typeof store.db, id: string) =>
      store.pipeline(tx, [
        tx.updateTable('centers').set({ name: 'never' }).where('id', '=', 'sc-1'),
        tx.insertInto('centers').values({ id, name: 'dup', address: 'x' }),
        tx.updateTable('centers').set({ address: 'never' }).where('id', '=', 'sc-2').returning('id'),
      ] as const);
    await expect(store.write((tx) => failing(tx, 'sc-2'))).rejects.toThrow();
    expect(await store.db.selectFrom('centers').selectAll().orderBy('id').execute()).toEqual([
      { id: 'sc-1', name: 'one', address: 'a' },
      { id: 'sc-2', name: 'two', address: 'b' },
    ]);
    // Every connection of the pool runs it again (statements named on a failed pipeline are named afresh).
    for (let i = 0; i < 4; i++) {
      const [, , last] = await store.write((tx) => failing(tx, `sc-new-${i}`));
      expect(last).toEqual([{ id: 'sc-2' }]);
    }
    expect(await store.db.selectFrom('centers').select('id').where('address', '=', 'never').execute()).toEqual([{ id: 'sc-2' }]);
  });

  it('runs as the first statement of a transaction and after others, and an empty pipeline is no statement', async () => {
    const out = await store.write(async (tx) => {
      const empty = await store.pipeline(tx, [] as const);
      const [a] = await store.pipeline(tx, [centerNames(tx)] as const);
      await tx.updateTable('centers').set({ name: 'later' }).where('id', '=', 'sc-2').execute();
      const [b, c] = await store.pipeline(tx, [centerNames(tx), tx.selectFrom('centers').select('id').where('id', '=', 'none')] as const);
      return { empty, a, b, c };
    });
    expect(out).toEqual({
      empty: [],
      a: [{ id: 'sc-1', name: 'one' }, { id: 'sc-2', name: 'two' }],
      b: [{ id: 'sc-1', name: 'one' }, { id: 'sc-2', name: 'later' }],
      c: [],
    });
  });
});
