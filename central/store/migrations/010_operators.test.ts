import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { freshDb } from './test-db';

describe('central migration 010 (operators)', () => {
  it('upgrades a version-8 store: existing operators keep their passwords and need no change; events keep ids only', () => {
    const db = freshDb();
    migrate(db, 8);
    db.prepare("INSERT INTO centers (id, name, address) VALUES ('sc-1', 'ТСЦ 1', 'Київ')").run();
    db.prepare("INSERT INTO operators (id, center_id, login, display_name, role, password_hash) VALUES ('op-1', 'sc-1', 'ivan', 'Іван', 'administrator', 'scrypt$x')").run();
    expect(migrate(db, 10)).toBe(10);
    db.pragma('foreign_keys = ON');
    expect(db.prepare('SELECT must_change_password, password_version, password_set_at FROM operators').get()).toEqual({
      must_change_password: 0, password_version: 0, password_set_at: null,
    });
    expect(() => db.prepare("UPDATE operators SET must_change_password = 2 WHERE id = 'op-1'").run()).toThrow(/CHECK/);

    const event = db.prepare('INSERT INTO operator_events (operator_id, center_id, kind, actor, details, at) VALUES (?, ?, ?, ?, ?, 0)');
    event.run('op-1', 'sc-1', 'added', 'admin', '{}');
    event.run('op-1', 'sc-1', 'role_changed', 'admin', '{"from":"administrator","to":"supervisor"}');
    expect(() => event.run('op-1', 'sc-1', 'deleted', 'admin', '{}')).toThrow(/CHECK/);
    expect(() => event.run('op-9', 'sc-1', 'added', 'admin', '{}')).toThrow(/FOREIGN KEY/);
    expect(() => event.run('op-1', 'sc-1', 'added', 'admin', 'not json')).toThrow(/CHECK/);
    expect(db.prepare('SELECT seq, kind FROM operator_events ORDER BY seq').all()).toEqual([{ seq: 1, kind: 'added' }, { seq: 2, kind: 'role_changed' }]);
    db.close();
  });
});
