import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { useBareDatabases } from '../../../../tests/support/migrations';

const fresh = useBareDatabases();

describe('migration 010 (operator passwords)', () => {
  it('upgrades a version-9 store: every operator keeps their password and lockout counters and needs no change', () => {
    const db = fresh();
    migrate(db, 9);
    db.prepare(`INSERT INTO operators (id, login, display_name, role, password_hash, failed_attempts, locked_until, source)
      VALUES ('op-1', 'ivan', 'Іван', 'administrator', 'scrypt$x', 2, 99, 'central')`).run();
    expect(migrate(db, 10)).toBe(10);
    expect(db.prepare('SELECT password_hash, failed_attempts, locked_until, must_change_password, password_version FROM operators').get()).toEqual({
      password_hash: 'scrypt$x', failed_attempts: 2, locked_until: 99, must_change_password: 0, password_version: 0,
    });
    expect(() => db.prepare('UPDATE operators SET must_change_password = 3').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE operators SET password_version = -1').run()).toThrow(/CHECK/);
    db.close();
  });
});
