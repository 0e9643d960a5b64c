import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 004 (facts)', () => {
  it('upgrades a version-3 store and keeps one fact per op, of a known kind, tied to an application', () => {
    const db = freshDb();
    migrate(db, 3);
    expect(migrate(db, 4)).toBe(4);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-1', 'A', 'a')").run();
    db.prepare(`INSERT INTO applications (id, number, center_id, status, version, change_seq, birth_date, photo_hash, signature_hash, source, last_actor, record)
      VALUES ('a1', 'n1', 'sc-1', 'produced', 5, 1, '1985-03-09', 'p', 's', 'intake', 'central', '{}')`).run();
    const fact = db.prepare(`INSERT INTO facts (op_id, application_id, center_id, kind, args, status_seen, status_after, flag, workstation_id, operator_id, recorded_at)
      VALUES (?, ?, 'sc-1', ?, '{}', 'produced', 'ready_for_pickup', NULL, 'ws', 'op', 0)`);
    fact.run('op-1', 'a1', 'card_arrived');
    expect(() => fact.run('op-1', 'a1', 'card_arrived')).toThrow(/UNIQUE/);
    expect(() => fact.run('op-2', 'a1', 'teleported')).toThrow(/CHECK/);
    expect(() => fact.run('op-3', 'a-missing', 'printed')).toThrow(/FOREIGN KEY/);
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT op_id FROM facts WHERE center_id = 'sc-1' AND flag IS NOT NULL ORDER BY recorded_at DESC").all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan).toMatch(/facts_flagged/);
    db.close();
  });
});
