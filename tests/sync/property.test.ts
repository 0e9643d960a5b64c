import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/api/errors';
import type { PushOp } from '../../shared/sync/push';
import { OutboxSync } from '../../electron/core/sync/outbox-sync';
import { makeRecord } from '../support/records';
import { tempStore } from '../support/store';

/*
 * Whatever the central server (or something pretending to be it) sends, a pull page or a push answer that does not
 * hold is refused with a clear error and changes nothing: not a row, not the cursor, not an op's state.
 */

const stores: ReturnType<typeof tempStore>[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.dispose()));

function storeWithOps() {
  const store = tempStore();
  stores.push(store);
  store.load([makeRecord(1), makeRecord(2, { status: 'received', version: 3 }), makeRecord(3)]);
  const insert = store.db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
    VALUES (?, 'application', ?, 'sc-8041', ?, ?, 1, 0, 'op-a')`);
  insert.run(uuidv7(), 'app-000001', 'claim', '{}');
  insert.run(uuidv7(), 'app-000001', 'approve', JSON.stringify({ manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } }));
  insert.run(uuidv7(), 'app-000002', 'claim', '{}');
  return store;
}

function snapshot(db: ReturnType<typeof tempStore>['db']) {
  return {
    applications: db.prepare('SELECT * FROM applications ORDER BY id').all(),
    records: db.prepare('SELECT * FROM application_records ORDER BY rowid').all(),
    outbox: db.prepare('SELECT * FROM outbox ORDER BY seq').all(),
    meta: db.prepare('SELECT * FROM meta ORDER BY key').all(),
    facets: db.prepare('SELECT * FROM queue_facets ORDER BY status, service, delivery, due_day').all(),
  };
}

/** A JSON value with a random part replaced: most are invalid, some happen to stay valid. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.anything(), fc.constant(undefined), fc.string(), fc.integer())).map(([path, value]) => {
    if (path.length === 0) return value;
    const copy = structuredClone(base) as Record<string | number, unknown>;
    let at = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path[path.length - 1]!] = value;
    return copy;
  });
}

describe('untrusted answers from the central server', () => {
  it('pull-apply: a random or damaged page is refused as invalid_pull_page and nothing changes', () => {
    const store = storeWithOps();
    const valid = { changes: [makeRecord(1, { version: 9, status: 'cancelled' }), makeRecord(7)], cursor: 'c1.abc.9', hasMore: false };
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated(valid)), (raw) => {
        const before = snapshot(store.db);
        try {
          store.applier.applyUntrusted(raw);
        } catch (err) {
          refused++;
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('invalid_pull_page');
          expect(snapshot(store.db)).toEqual(before);
          return;
        }
        // It happened to be valid: then it was applied, with its cursor. Put the store back for the next run.
        store.db.prepare("DELETE FROM meta WHERE key = 'pull.cursor'").run();
      }),
      { seed: 4242, numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(250);
  });

  it('push answers: anything but one result per op sent is refused as invalid_central_answer and no op changes state', () => {
    const store = storeWithOps();
    const outbox = new OutboxSync(store.sql, store.applier);
    const batch: PushOp[] = outbox.takeBatch(500, 0).ops;
    expect(batch).toHaveLength(3);
    const result = (op: PushOp, i: number) => ({
      opId: op.opId, result: 'applied', code: null, message: null, serverVersion: 10 + i, winner: null, record: null,
    });
    const valid = { results: batch.map(result), serverTime: '2026-11-27T08:00:00.000Z' };
    const wrongShapes = fc.constantFrom<unknown>(
      { ...valid, results: valid.results.slice(1) },
      { ...valid, results: [...valid.results, valid.results[0]] },
      { ...valid, results: valid.results.map((r, i) => (i === 0 ? { ...r, opId: uuidv7() } : r)) },
      { ...valid, results: valid.results.map((r, i) => (i === 0 ? { ...r, result: 'conflict', record: makeRecord(3, { version: 5 }) } : r)) },
    );
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated(valid), wrongShapes), (raw) => {
        const before = snapshot(store.db);
        try {
          outbox.recordResponse(batch, raw, 1);
        } catch (err) {
          refused++;
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('invalid_central_answer');
          expect((err as AppError).message).toMatch(/could not be read .*nothing was recorded/);
          expect(snapshot(store.db)).toEqual(before);
          return;
        }
        // A valid answer was recorded; put the ops back to pending for the next run.
        store.db.prepare("UPDATE outbox SET state = 'pending', result = NULL, acked_version = NULL, resolved_at = NULL").run();
        store.applier.rederive(['app-000001', 'app-000002']);
      }),
      { seed: 4243, numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(250);
  });
});
