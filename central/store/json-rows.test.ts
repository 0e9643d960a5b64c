import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowsDelete, rowsInsert } from './json-rows';
import { openStore, type CentralStore } from './store';
import { freshStoreTarget, type StoreTarget } from './store-testing';

/**
 * Rows written as one JSON parameter: what the kysely multi-row INSERT gave (order, column types, nulls, upserts),
 * with one statement text for any number of rows.
 */
let target: StoreTarget;
let store: CentralStore;
beforeEach(async () => {
  target = await freshStoreTarget();
  store = await openStore(target.target, { poolSize: 2 });
});
afterEach(async () => {
  await store.close();
  await target.dispose();
});

const effect = (opId: string, version: number | null) => ({
  op_id: opId, application_id: null, center_id: 'sc-1', kind: 'claim', version, workstation_id: 'ws-1', at: 1_765_000_000_123,
});
const count = (key: string, n: number) => ({ center_id: 'sc-1', tier: 'day', metric: 'received', day: 20_000, service: '', delivery: '', key, n });

describe(`rows written as JSON (${process.env.CENTRAL_STORE ?? 'sqlite'})`, () => {
  it('inserts in the order given, numbering an identity column that way, with numbers, nulls and large millisecond times intact', async () => {
    const rows = ['op-c', 'op-a', 'op-b'].map((id, i) => effect(id, i === 1 ? null : i + 1));
    await store.write(async (tx) => void (await rowsInsert(store.kind, 'effects', rows).execute(tx)));
    const stored = await store.db.selectFrom('effects').select(['op_id', 'version', 'at', 'application_id']).orderBy('seq').execute();
    expect(stored).toEqual([
      { op_id: 'op-c', version: 1, at: 1_765_000_000_123, application_id: null },
      { op_id: 'op-a', version: null, at: 1_765_000_000_123, application_id: null },
      { op_id: 'op-b', version: 3, at: 1_765_000_000_123, application_id: null },
    ]);
  });

  it('has one statement text for one row and for many', () => {
    const text = (n: number) => rowsInsert(store.kind, 'effects', Array.from({ length: n }, (_, i) => effect(`op-${i}`, i))).compile(store.db).sql;
    expect(text(1)).toBe(text(300));
  });

  it('upserts: every other column replaced, or one column added to, and deletes by key', async () => {
    await store.write(async (tx) => {
      await rowsInsert(store.kind, 'meta', [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]).execute(tx);
      await rowsInsert(store.kind, 'meta', [{ key: 'b', value: 'two' }, { key: 'c', value: '3' }], { key: ['key'], replace: true }).execute(tx);
      await rowsInsert(store.kind, 'report_counts', [count('x', 2), count('y', 1)]).execute(tx);
      const key = ['center_id', 'tier', 'metric', 'day', 'service', 'delivery', 'key'];
      await rowsInsert(store.kind, 'report_counts', [count('x', -1), count('z', 5)], { key, add: 'n' }).execute(tx);
      await rowsDelete(store.kind, 'meta', 'key', ['a', 'c', 'none']).execute(tx);
    });
    expect(await store.db.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['a', 'b', 'c']).execute()).toEqual([{ key: 'b', value: 'two' }]);
    expect(await store.db.selectFrom('report_counts').select(['key', 'n']).orderBy('key').execute()).toEqual([
      { key: 'x', n: 1 },
      { key: 'y', n: 1 },
      { key: 'z', n: 5 },
    ]);
  });

  it('refuses rows that differ in their columns, and names that are not plain identifiers', () => {
    expect(() => rowsInsert(store.kind, 'meta', [{ key: 'a', value: '1' }, { key: 'b' }])).toThrow('rows of meta differ in their columns');
    expect(() => rowsInsert(store.kind, 'meta; drop table meta', [{ key: 'a' }])).toThrow('not a column or table name');
  });
});
