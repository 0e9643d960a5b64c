import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';

const fresh = useBareDatabases();

describe('migration 003 (sync)', () => {
  it('upgrades a version-2 store with a non-empty outbox: every op keeps its seq, state and payload, with no failures counted', async () => {
    const db = fresh();
    migrate(db, 2);
    loadRecords(db, [makeRecord(1), makeRecord(2)]);
    const insert = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES (?, 'application', ?, 'sc-8041', ?, '{}', 1, 0, 'op-a')`);
    insert.run('op-1', 'app-000001', 'claim');
    insert.run('op-2', 'app-000002', 'claim');
    const before = db.prepare('SELECT seq, op_id, state, args, base_version FROM outbox ORDER BY seq').all();
    expect(migrate(db, 3)).toBe(3);
    expect(db.prepare('SELECT seq, op_id, state, args, base_version FROM outbox ORDER BY seq').all()).toEqual(before);
    expect(db.prepare('SELECT attempts, first_failed_at, next_attempt_at, last_error, resolved_at FROM outbox').all()).toEqual([
      { attempts: 0, first_failed_at: null, next_attempt_at: null, last_error: null, resolved_at: null },
      { attempts: 0, first_failed_at: null, next_attempt_at: null, last_error: null, resolved_at: null },
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('resync_seen', 'outbox_by_state')").pluck().get()).toBe(2);
    db.close();
  });

  it('lists and counts ops by state through an index, not a scan of the whole outbox', () => {
    const db = fresh();
    migrate(db, 3);
    const plan = queryPlan(db, "SELECT seq FROM outbox WHERE state IN ('conflict', 'rejected') ORDER BY seq DESC LIMIT 50");
    expect(plan).toContain('outbox_by_state');
    db.close();
  });
});
