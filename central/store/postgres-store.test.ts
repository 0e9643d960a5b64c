import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CentralStore, type StoreDb } from './store';
import { freshStoreTarget, testStoreKind, type StoreTarget } from './store-testing';

/** What the PostgreSQL store adds to the SQL the services write: durable commits and transactions that meet again. */
describe.skipIf(testStoreKind() !== 'postgres')('the PostgreSQL store', () => {
  let target: StoreTarget;
  let store: CentralStore;
  beforeAll(async () => {
    target = await freshStoreTarget('postgres');
    // A database whose default would answer before the commit is durable: the store's connections override it.
    const setup = await openStore(target.target, { poolSize: 1 });
    await sql.raw(`ALTER DATABASE "${new URL(target.target).pathname.slice(1)}" SET synchronous_commit = off`).execute(setup.db);
    await setup.close();
    store = await openStore(target.target, { poolSize: 4 });
    await store.db.insertInto('centers').values([{ id: 'c-1', name: 'One', address: '-' }, { id: 'c-2', name: 'Two', address: '-' }]).execute();
  });
  afterAll(async () => {
    await store?.close();
    await target?.dispose();
  });

  it('commits with synchronous_commit on, whatever the database default says', async () => {
    const shown = await store.write(async (tx) => (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(tx)).rows[0]!.synchronous_commit);
    expect(shown).toBe('on');
  });

  it('two transactions that lock two rows in opposite orders deadlock once; the one PostgreSQL aborts runs again and both commit, its log rows once', async () => {
    let arrived = 0;
    let bothIn: () => void = () => {};
    const meeting = new Promise<void>((resolve) => (bothIn = resolve));
    const attempts = { first: 0, second: 0 };
    const lock = (tx: StoreDb, id: string) => store.forUpdate(tx.selectFrom('centers').select('id').where('id', '=', id)).execute();
    const worker = (name: keyof typeof attempts, order: [string, string]) =>
      store.write(async (tx) => {
        attempts[name]++;
        // A log row appended by every attempt: only the attempt that commits writes it.
        store.append(tx, 'effects', [{ op_id: `deadlock-${name}`, application_id: null, center_id: order[0], kind: 'claim', version: attempts[name], workstation_id: null, at: 0 }]);
        await lock(tx, order[0]);
        if (++arrived === 2) bothIn();
        await meeting;
        await lock(tx, order[1]);
        await tx.updateTable('centers').set({ address: name }).where('id', '=', order[1]).execute();
        return name;
      });
    expect(await Promise.all([worker('first', ['c-1', 'c-2']), worker('second', ['c-2', 'c-1'])])).toEqual(['first', 'second']);
    expect(attempts.first + attempts.second).toBe(3);
    const logged = await store.db.selectFrom('effects').select(['op_id', 'version']).where('op_id', 'like', 'deadlock-%').orderBy('op_id').execute();
    expect(logged).toEqual([{ op_id: 'deadlock-first', version: attempts.first }, { op_id: 'deadlock-second', version: attempts.second }]);
  });
});
