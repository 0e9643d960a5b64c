import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../shared/api/auth';
import { ADMIN, ADMIN2, SUPERVISOR, insertOperator, openTestCore, type TestCore, type TestOperator } from '../../../tests/support/deciding';
import { verifyPassword } from './passwords';

/*
 * What the central server's operator management means for sessions at a workstation: the forced change of a one-time
 * password, and sessions held against the operator's row as pulls change it (here the rows are changed the way the
 * reference data applier writes them).
 */
let t: TestCore;
afterEach(async () => t?.dispose());

const NEWCOMER: TestOperator = { id: 'op-n', login: 'nadiia', password: 'kt4m-9vhq-x2pe', role: 'administrator' };
const NEW_PASSWORD = 'Вишня-Травень-31';

async function withNewcomer(): Promise<TestCore> {
  t = await openTestCore();
  insertOperator(t.core.db, NEWCOMER);
  t.core.db.prepare('UPDATE operators SET must_change_password = 1, password_version = 1 WHERE id = ?').run(NEWCOMER.id);
  return t;
}

describe('the first sign-in with a one-time password', () => {
  it('opens only the change of password: every other call of the session is refused until then', async () => {
    await withNewcomer();
    expect(await t.ok('auth.signIn', { login: NEWCOMER.login, password: NEWCOMER.password })).toMatchObject({ mustChangePassword: true });
    expect(await t.ok('auth.current')).toEqual({ operator: { id: 'op-n', displayName: 'Name of op-n', role: 'administrator' }, locked: false, mustChangePassword: true });
    for (const [method, input] of [['queue.page', { filter: {} }], ['forceMajeure.list', { limit: 5 }], ['sync.conflicts', {}]] as const) {
      expect(await t.call(method, input), method).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    }
    // Locking and signing out still work as for anyone.
    expect(await t.ok('auth.lock')).toMatchObject({ locked: true, mustChangePassword: true });
    expect(await t.call('auth.changePassword', { newPassword: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await t.ok('auth.unlock', { password: NEWCOMER.password })).toMatchObject({ locked: false, mustChangePassword: true });
  });

  it('refuses a password that breaks the policy or repeats the one-time password, and changes nothing', async () => {
    await withNewcomer();
    await t.signIn(NEWCOMER);
    const before = t.core.db.prepare('SELECT password_hash FROM operators WHERE id = ?').pluck().get(NEWCOMER.id);
    for (const newPassword of ['short-1', 'no-digits-at-all', 'nadiia-2026-ok', 'qwerty-2026-ok', '1111111111a']) {
      expect(await t.call('auth.changePassword', { newPassword }), newPassword).toMatchObject({ ok: false, error: { code: 'weak_password' } });
    }
    expect(await t.call('auth.changePassword', { newPassword: NEWCOMER.password })).toMatchObject({ ok: false, error: { code: 'password_unchanged' } });
    expect(t.core.db.prepare('SELECT password_hash FROM operators WHERE id = ?').pluck().get(NEWCOMER.id)).toBe(before);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });

  it('a change is one action: the row, a center op with the hash and the version it replaced, an audit entry by ids; the session goes on', async () => {
    await withNewcomer();
    await t.signIn(NEWCOMER);
    const other = t.openWindow();
    await other.signIn(NEWCOMER);
    expect(await t.ok<AuthState>('auth.changePassword', { newPassword: NEW_PASSWORD })).toEqual({ operator: { id: 'op-n', displayName: 'Name of op-n', role: 'administrator' }, locked: false });
    const row = t.core.db.prepare('SELECT password_hash, must_change_password, password_version FROM operators WHERE id = ?').get(NEWCOMER.id) as { password_hash: string; must_change_password: number; password_version: number };
    expect(verifyPassword(NEW_PASSWORD, row.password_hash)).toBe(true);
    expect(row).toMatchObject({ must_change_password: 0, password_version: 1 });
    const op = t.core.db.prepare('SELECT scope, application_id, type, operator_id, args, state FROM outbox').all();
    expect(op).toEqual([{ scope: 'center', application_id: null, type: 'operator.password_change', operator_id: 'op-n', args: JSON.stringify({ passwordHash: row.password_hash, basePasswordVersion: 1 }), state: 'pending' }]);
    const audit = t.core.db.prepare("SELECT operator_id, entity_id FROM audit_log WHERE action = 'operator.password_changed'").all();
    expect(audit).toEqual([{ operator_id: 'op-n', entity_id: 'op-n' }]);
    expect(await t.call('forceMajeure.list', { limit: 5 })).toMatchObject({ ok: true });

    // The other window signed in with the one-time password: its session ends, and says why.
    expect(await other.call('auth.changePassword', { newPassword: 'Інший-Пароль-42' })).toMatchObject({ ok: false, error: { code: 'password_changed' } });
    expect(await other.ok('auth.current')).toEqual({ operator: null, locked: false, ended: 'password_changed' });
    expect(await other.call('auth.signIn', { login: NEWCOMER.login, password: NEWCOMER.password })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    await other.signIn({ login: NEWCOMER.login, password: NEW_PASSWORD });
    expect(await other.ok('auth.current')).toMatchObject({ operator: { id: 'op-n' } });
  });

  it('an operator who did not sign in with a one-time password has nothing to change here', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    expect(await t.call('auth.changePassword', { newPassword: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'password_change_not_required' } });
    expect(await t.ok('auth.current')).toEqual({ operator: { id: ADMIN.id, displayName: 'Name of op-a', role: 'administrator' }, locked: false });
    expect(t.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});

describe('sessions follow their operator as pulls change them', () => {
  it('an operator disabled by IT: the next call of each of their sessions (locked ones too) answers operator_disabled, others go on', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    const locked = t.openWindow();
    await locked.signIn(ADMIN);
    await locked.ok('auth.lock');
    const colleague = t.openWindow();
    await colleague.signIn(ADMIN2);
    t.core.db.prepare('UPDATE operators SET disabled = 1 WHERE id = ?').run(ADMIN.id);
    expect(await t.call('forceMajeure.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'operator_disabled', message: expect.stringContaining('IT disabled this account') } });
    expect(await t.call('forceMajeure.list', { limit: 5 })).toMatchObject({ ok: false, error: { code: 'operator_disabled' } });
    expect(await locked.ok('auth.current')).toEqual({ operator: null, locked: false, ended: 'operator_disabled' });
    expect(await colleague.call('forceMajeure.list', { limit: 5 })).toMatchObject({ ok: true });
    expect(await t.call('auth.signIn', { login: ADMIN.login, password: ADMIN.password })).toMatchObject({ ok: false, error: { code: 'account_disabled' } });
    // The window signs in as someone else as usual.
    await t.signIn(SUPERVISOR);
    expect(await t.ok('auth.current')).toMatchObject({ operator: { id: SUPERVISOR.id } });
  });

  it('a new role applies from the next call', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    expect(await t.call('review.list', { includeResolved: false, limit: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    t.core.db.prepare("UPDATE operators SET role = 'supervisor' WHERE id = ?").run(ADMIN.id);
    expect(await t.call('review.list', { includeResolved: false, limit: 5 })).toMatchObject({ ok: true });
    expect(await t.ok('auth.current')).toMatchObject({ operator: { id: ADMIN.id, role: 'supervisor' } });
  });
});
