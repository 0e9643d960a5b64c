import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 006 (decision checks)', () => {
  it('upgrades a version-5 store with one row per check of an approve op, known checks only', () => {
    const db = freshDb();
    migrate(db, 5);
    expect(migrate(db, 6)).toBe(6);
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare(`INSERT INTO decision_checks (op_id, application_id, check_code, operator_id, ticked_at, recorded_at)
      VALUES ('op-1', 'app-1', ?, 'op-admin-1', '2026-01-01T10:00:00.000Z', 0)`);
    insert.run('dataConsistent');
    expect(() => insert.run('dataConsistent')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('looksFine')).toThrow(/CHECK/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT * FROM decision_checks WHERE application_id = 'app-1'").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/decision_checks_by_application/);
    db.close();
  });
});
