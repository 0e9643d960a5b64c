import { describe, expect, it } from 'vitest';
import { freshDb } from './test-db';
import { migrate } from './index';

const insertApp = `INSERT INTO applications (id, number, center_id, status, version, change_seq, birth_date, photo_hash, signature_hash, source, last_actor, record)
  VALUES (@id, @number, 'sc-1', @status, 1, @seq, '1985-03-09', 'p', 's', 'intake', 'central', @record)`;

describe('central migration 002 (applications)', () => {
  it('upgrades a version-1 store: reference rows stay, the application tables appear empty', () => {
    const db = freshDb();
    migrate(db, 1);
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-1', 'A', 'a')").run();
    expect(migrate(db, 2)).toBe(2);
    expect(db.prepare('SELECT id FROM centers').pluck().all()).toEqual(['sc-1']);
    for (const t of ['applications', 'claims', 'images']) expect(db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    db.close();
  });

  it('keeps change sequences and numbers unique, statuses to the status machine and records to valid JSON', () => {
    const db = freshDb();
    migrate(db, 2);
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-1', 'A', 'a')").run();
    const ins = db.prepare(insertApp);
    ins.run({ id: 'a1', number: 'n1', status: 'submitted', seq: 1, record: '{}' });
    expect(() => ins.run({ id: 'a2', number: 'n2', status: 'submitted', seq: 1, record: '{}' })).toThrow(/UNIQUE/);
    expect(() => ins.run({ id: 'a3', number: 'n1', status: 'submitted', seq: 3, record: '{}' })).toThrow(/UNIQUE/);
    expect(() => ins.run({ id: 'a4', number: 'n4', status: 'lost', seq: 4, record: '{}' })).toThrow(/CHECK/);
    expect(() => ins.run({ id: 'a5', number: 'n5', status: 'submitted', seq: 5, record: '{not json' })).toThrow(/CHECK/);
    db.close();
  });

  it('reads a center\'s feed and its submitted applications through indexes', () => {
    const db = freshDb();
    migrate(db, 2);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT record FROM applications WHERE center_id = 'x' AND change_seq > 5 ORDER BY change_seq LIMIT 10")).toMatch(/USING INDEX applications_feed/);
    expect(plan("SELECT id FROM applications WHERE center_id = 'x' AND status = 'submitted' AND change_seq <= 5 ORDER BY change_seq")).toMatch(/USING INDEX applications_submitted/);
    expect(plan("SELECT record FROM applications WHERE photo_hash = 'h'")).toMatch(/USING INDEX applications_photo/);
    db.close();
  });
});
