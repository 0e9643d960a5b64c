import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';

const fresh = useBareDatabases();

describe('migration 005 (acknowledge)', () => {
  it('upgrades a version-4 store with conflicts recorded: every op keeps its state and result, none acknowledged', () => {
    const db = fresh();
    migrate(db, 4);
    loadRecords(db, [makeRecord(1), makeRecord(2)]);
    const insert = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id, state, result)
      VALUES (?, 'application', ?, 'sc-8041', 'claim', '{}', 1, 0, 'op-a', ?, ?)`);
    insert.run('op-1', 'app-000001', 'conflict', '{"code":"already_decided"}');
    insert.run('op-2', 'app-000002', 'pending', null);
    const before = db.prepare('SELECT seq, op_id, state, result FROM outbox ORDER BY seq').all();
    expect(migrate(db, 5)).toBe(5);
    expect(db.prepare('SELECT seq, op_id, state, result FROM outbox ORDER BY seq').all()).toEqual(before);
    expect(db.prepare('SELECT acknowledged_at, acknowledged_by FROM outbox').all()).toEqual([
      { acknowledged_at: null, acknowledged_by: null },
      { acknowledged_at: null, acknowledged_by: null },
    ]);
    db.close();
  });

  it('counts the unacknowledged conflicts through the partial index', () => {
    const db = fresh();
    migrate(db, 5);
    const plan = queryPlan(db, "SELECT count(*) FROM outbox WHERE state IN ('conflict', 'rejected') AND acknowledged_at IS NULL");
    expect(plan).toContain('outbox_unacknowledged');
    db.close();
  });
});
