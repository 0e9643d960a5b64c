import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { migrate } from './index';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';

const fresh = useBareDatabases({ foreignKeys: true });

function flaggedFact(db: Database.Database, n: number): void {
  const info = db
    .prepare(`INSERT INTO paperwork_facts (op_id, application_id, kind, at, operator_id, status_seen, status_after, flag)
      VALUES (?, 'app-1', 'card_arrived', 0, 'op-a', 'approved', 'approved', 'not_yet_produced')`)
    .run(`op-${n}`);
  db.prepare("INSERT INTO review_flags (id, fact_seq, application_id, reason, flagged_at, operator_id) VALUES (?, ?, 'app-1', 'not_yet_produced', ?, 'op-a')")
    .run(`flag-${n}`, info.lastInsertRowid, n);
}

describe('migration 007 (review settlement)', () => {
  it('upgrades a version-5 store with open and resolved flags, keeping every row as it was', () => {
    const db = fresh();
    migrate(db, 5);
    flaggedFact(db, 1);
    flaggedFact(db, 2);
    db.prepare("UPDATE review_flags SET resolved_at = 5, resolved_by = 'op-s', resolution_note = 'checked' WHERE id = 'flag-2'").run();
    const before = db.prepare('SELECT * FROM review_flags ORDER BY id').all();
    expect(migrate(db, 7)).toBe(7);
    const after = db.prepare('SELECT * FROM review_flags ORDER BY id').all() as Record<string, unknown>[];
    expect(after.map((r) => r.settled_by_central)).toEqual([0, 0]);
    expect(after.map(({ settled_by_central: _settled, ...rest }) => rest)).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('a resolution is a supervisor with a note, or the central server with a note, never neither nor both', () => {
    const db = fresh();
    migrate(db, 7);
    for (let n = 1; n <= 5; n++) flaggedFact(db, n);
    const resolve = (id: string, by: string | null, note: string | null, central: 0 | 1) =>
      db.prepare('UPDATE review_flags SET resolved_at = 9, resolved_by = ?, resolution_note = ?, settled_by_central = ? WHERE id = ?').run(by, note, central, id);
    resolve('flag-1', 'op-s', 'checked', 0);
    resolve('flag-2', null, 'Settled by the central server', 1);
    expect(() => resolve('flag-3', null, 'nobody', 0)).toThrow(/CHECK/);
    expect(() => resolve('flag-4', 'op-s', 'both', 1)).toThrow(/CHECK/);
    expect(() => resolve('flag-5', 'op-s', null, 0)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE review_flags SET settled_by_central = 1 WHERE id = 'flag-5'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('keeps reading the open flags through the partial index', () => {
    const db = fresh();
    migrate(db, 7);
    expect(queryPlan(db, 'SELECT count(*) FROM review_flags WHERE resolved_at IS NULL')).toContain('review_flags_open');
    db.close();
  });
});
