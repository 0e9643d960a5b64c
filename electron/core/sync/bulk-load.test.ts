import { afterEach, describe, expect, it } from 'vitest';
import { makeRecord } from '../../../tests/support/records';
import { tempStore } from '../../../tests/support/store';
import { beginBulkLoad, restoreQueueIndexes } from './bulk-load';
import { PullApplier } from '../services/pull-apply';

let store: ReturnType<typeof tempStore>;
afterEach(() => store?.dispose());

const indexNames = () =>
  (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('applications', 'report_facts') AND sql IS NOT NULL ORDER BY name").pluck().all() as string[]);

describe('bulk load of a first pull', () => {
  it('drops the queue and report indexes only for an empty store and builds the same ones again', () => {
    store = tempStore();
    const before = indexNames();
    expect(before.length).toBeGreaterThan(15);
    expect(beginBulkLoad(store.db)).toBe(true);
    expect(indexNames()).toEqual([]);
    store.load([makeRecord(1), makeRecord(2)]);
    expect(restoreQueueIndexes(store.db)).toBe(before.length);
    expect(indexNames()).toEqual(before);
    expect(beginBulkLoad(store.db)).toBe(false); // not empty any more
    expect(indexNames()).toEqual(before);
  });

  it('a process killed half-way gets its indexes back at the next start', () => {
    store = tempStore();
    const before = indexNames();
    beginBulkLoad(store.db);
    store.load([makeRecord(1)]);
    // The next start constructs the applier, which restores what the interrupted load dropped.
    new PullApplier(store.sql, store.deadlines);
    expect(indexNames()).toEqual(before);
    expect(store.db.prepare("SELECT count(*) FROM meta WHERE key = 'bulk_load.indexes'").pluck().get()).toBe(0);
  });
});
