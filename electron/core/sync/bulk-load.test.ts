import { afterEach, describe, expect, it } from 'vitest';
import { makeRecord } from '../../../tests/support/records';
import { tempStore } from '../../../tests/support/store';
import { beginBulkLoad, restoreQueueIndexes } from './bulk-load';
import { PullApplier } from '../services/pull-apply';

let store: ReturnType<typeof tempStore>;
afterEach(() => store?.dispose());

const triggerNames = () => store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'applications' ORDER BY name").pluck().all();
const facets = () => store.db.prepare('SELECT status, service, delivery, due_day, n FROM queue_facets WHERE n <> 0 ORDER BY 1, 2, 3, 4').all() as { n: number }[];
const countedFacets = () =>
  store.db.prepare('SELECT status, service, delivery, due_day, count(*) AS n FROM applications GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4').all();

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

  it('puts the queue count triggers back with the counts of what was loaded, a record sent again mid-load included', () => {
    store = tempStore();
    const triggers = triggerNames();
    expect(triggers).toEqual(expect.arrayContaining(['queue_facets_insert', 'queue_facets_update', 'queue_facets_delete']));
    expect(store.applier.beginBulkLoad()).toBe(true);
    expect(triggerNames()).toEqual(triggers.filter((t) => !String(t).startsWith('queue_facets_')));
    store.applier.apply({ changes: [makeRecord(1), makeRecord(2), makeRecord(3, { status: 'refused' })], cursor: 'a', hasMore: true });
    store.applier.apply({ changes: [makeRecord(2, { version: 5, status: 'cancelled' }), makeRecord(4, { delivery: { method: 'pickup', centerId: 'sc-8041' } })], cursor: 'b', hasMore: false });
    store.applier.finishBulkLoad();
    expect(triggerNames()).toEqual(triggers);
    expect(facets()).toEqual(countedFacets());
    // The record sent again mid-load replaced the first version (inserted at once while loading, found when it came again).
    expect(store.db.prepare("SELECT status, version FROM applications WHERE id = 'app-000002'").get()).toEqual({ status: 'cancelled', version: 5 });
    expect(facets().reduce((n, f) => n + f.n, 0)).toBe(4);
    // The triggers keep the counts again from here on.
    store.applier.apply({ changes: [makeRecord(1, { version: 5, status: 'in_review' }), makeRecord(5)], cursor: 'c', hasMore: false });
    expect(facets()).toEqual(countedFacets());
  });

  it('a process killed half-way gets its indexes back at the next start', () => {
    store = tempStore();
    const before = indexNames();
    const triggers = triggerNames();
    beginBulkLoad(store.db);
    store.load([makeRecord(1)]);
    // The next start constructs the applier, which restores what the interrupted load dropped.
    new PullApplier(store.sql, store.deadlines);
    expect(indexNames()).toEqual(before);
    expect(triggerNames()).toEqual(triggers);
    expect(facets()).toEqual(countedFacets());
    expect(store.db.prepare("SELECT count(*) FROM meta WHERE key = 'bulk_load.indexes'").pluck().get()).toBe(0);
  });
});
