import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { useBareDatabases } from '../../../../tests/support/migrations';
import { expectSeededRefusalCatalogue } from '../../../../tests/support/refusal-catalogue';

const fresh = useBareDatabases();

describe('migration 002 (deciding)', () => {
  it('upgrades a version-1 store with applications in it: they gain an empty claim and keep everything else', () => {
    const db = fresh();
    migrate(db, 1);
    loadRecords(db, [makeRecord(1), makeRecord(2, { status: 'in_review' })]);
    const before = db.prepare('SELECT a.id, a.status, r.record FROM applications a JOIN application_records r ON r.rowid = a.rowid ORDER BY a.id').all();
    expect(migrate(db, 2)).toBe(2);
    expect(db.prepare('SELECT a.id, a.status, r.record FROM applications a JOIN application_records r ON r.rowid = a.rowid ORDER BY a.id').all()).toEqual(before);
    expect(db.prepare('SELECT claimed_by, claimed_at FROM applications').all()).toEqual([
      { claimed_by: null, claimed_at: null },
      { claimed_by: null, claimed_at: null },
    ]);
    for (const t of ['operators', 'refusal_reasons', 'outbox', 'audit_log']) {
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(t)).toBe(1);
    }
    db.close();
  });

  it('seeds the refusal catalogue with stable codes, Ukrainian and English titles, and the flags that suggest them', () => {
    const db = fresh();
    migrate(db, 2);
    expectSeededRefusalCatalogue(db);
    db.close();
  });

  it('makes the audit log append-only: UPDATE and DELETE raise', () => {
    const db = fresh();
    migrate(db, 2);
    db.prepare("INSERT INTO audit_log (seq, at, operator_id, action, entity_id, digest, prev_hash, hash) VALUES (1, 0, NULL, 'x', NULL, 'd', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET digest = 'other'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT digest FROM audit_log').pluck().get()).toBe('d');
    db.close();
  });

  it('never reuses an outbox seq, keeps op ids unique and ties application ops to an application', () => {
    const db = fresh();
    migrate(db, 2);
    const insert = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, client_time, operator_id)
      VALUES (?, ?, ?, 'sc-1', 'claim', '{}', 0, 'op')`);
    insert.run('op-1', 'application', 'app-1');
    insert.run('op-2', 'application', 'app-1');
    expect(() => insert.run('op-2', 'application', 'app-1')).toThrow(/UNIQUE/);
    expect(() => insert.run('op-3', 'application', null)).toThrow(/CHECK/);
    expect(() => insert.run('op-4', 'center', 'app-1')).toThrow(/CHECK/);
    // Pruning acknowledged ops later must not let a new op take an old seq.
    db.exec('DELETE FROM outbox');
    insert.run('op-5', 'application', 'app-1');
    expect(db.prepare('SELECT seq FROM outbox').pluck().get()).toBe(3);
    db.close();
  });

  it('refuses an operator with an unknown role or a duplicate login', () => {
    const db = fresh();
    migrate(db, 2);
    const insert = db.prepare("INSERT INTO operators (id, login, display_name, role, password_hash) VALUES (?, ?, 'N', ?, 'h')");
    insert.run('op-1', 'anna', 'administrator');
    expect(() => insert.run('op-2', 'anna', 'supervisor')).toThrow(/UNIQUE/);
    expect(() => insert.run('op-3', 'root', 'superuser')).toThrow(/CHECK/);
    db.close();
  });
});
