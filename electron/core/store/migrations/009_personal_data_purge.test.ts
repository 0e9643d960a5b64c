import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';

const fresh = useBareDatabases();

describe('migration 009 (personal-data purge)', () => {
  it('adds purged_at, empty for every application, and changes nothing else', () => {
    const db = fresh();
    migrate(db, 8);
    loadRecords(db, [makeRecord(1), makeRecord(2, { status: 'issued' })]);
    const before = db.prepare('SELECT * FROM applications ORDER BY rowid').all();
    expect(migrate(db, 9)).toBe(9);
    const after = db.prepare('SELECT * FROM applications ORDER BY rowid').all() as Record<string, unknown>[];
    expect(after.map(({ purged_at, ...rest }) => ({ purged_at, rest }))).toEqual(before.map((rest) => ({ purged_at: null, rest })));
    db.close();
  });

  it('the daily run reads only the finished applications not purged yet, from their own index', () => {
    const db = fresh();
    migrate(db, 9);
    const plan = queryPlan(db, `SELECT a.rowid FROM applications a WHERE a.purged_at IS NULL AND a.status IN ('issued', 'delivered', 'refused', 'cancelled')`);
    expect(plan).toContain('applications_purge_due');
    db.close();
  });
});
