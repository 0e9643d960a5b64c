import { describe, expect, it } from 'vitest';
import { expectSeededRefusalCatalogue } from '../../../tests/support/refusal-catalogue';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 001 (reference)', () => {
  it('seeds the nine refusal reasons with the workstation catalogue\'s codes, titles in both languages and suggesting checks', () => {
    const db = freshDb();
    expect(migrate(db, 1)).toBe(1);
    expectSeededRefusalCatalogue(db);
    db.close();
  });

  it('starts the reference version at 1 with the fees in kopiykas, and an empty calendar', () => {
    const db = freshDb();
    migrate(db, 1);
    const meta = Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    expect(meta.reference_version).toBe('1');
    expect(JSON.parse(meta.fees!)).toEqual({ blankFee: 25_400, adminFee: 2_600, deliveryFee: 29_400 });
    expect(db.prepare('SELECT count(*) FROM non_working_days').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses an operator of an unknown center or role, a login twice in one center, and a malformed day', () => {
    const db = freshDb();
    migrate(db, 1);
    db.pragma('foreign_keys = ON');
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-1', 'A', 'a'), ('sc-2', 'B', 'b')").run();
    const op = db.prepare("INSERT INTO operators (id, center_id, login, display_name, role, password_hash) VALUES (?, ?, ?, 'N', ?, 'h')");
    op.run('op-1', 'sc-1', 'anna', 'administrator');
    op.run('op-2', 'sc-2', 'anna', 'administrator');
    expect(() => op.run('op-3', 'sc-1', 'anna', 'supervisor')).toThrow(/UNIQUE/);
    expect(() => op.run('op-4', 'sc-9', 'bohdan', 'administrator')).toThrow(/FOREIGN KEY/);
    expect(() => op.run('op-5', 'sc-1', 'root', 'superuser')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO non_working_days (day) VALUES ('1 May')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, note, recorded_at) VALUES ('p', 'sc-1', 'flood', 'a', 'b', '', 0)").run()).toThrow(/CHECK/);
    db.close();
  });
});
