import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN2, DISABLED, insertOperator, openTestCore, SUPERVISOR, type TestCore } from '../../../tests/support/deciding';
import { hashPassword, verifyPassword } from './passwords';

let t: TestCore;
afterEach(async () => t?.dispose());

const auditActions = () => t.core.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];
const failed = (login: string, password: string) => t.call('auth.signIn', { login, password });

describe('passwords', () => {
  it('hashes with scrypt in the scrypt$N$r$p$salt$hash form and checks in constant time', () => {
    const h = hashPassword('пароль-1', { N: 1024, r: 8, p: 1 });
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(verifyPassword('пароль-1', h)).toBe(true);
    expect(verifyPassword('пароль-2', h)).toBe(false);
    expect(hashPassword('пароль-1', { N: 1024, r: 8, p: 1 })).not.toBe(h);
    for (const bad of ['', 'plain', 'scrypt$3$8$1$AAAA$AAAA', 'scrypt$1048577$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA', h.replace('scrypt', 'md5')]) {
      expect(verifyPassword('пароль-1', bad)).toBe(false);
    }
  });
});

describe('signing in', () => {
  it('signs an operator in with login and password and reports them as current', async () => {
    t = await openTestCore();
    expect(await t.ok('auth.current', {})).toEqual({ operator: null, locked: false });
    const r = await t.ok('auth.signIn', { login: ' Anna ', password: ADMIN.password });
    expect(r).toEqual({ operator: { id: 'op-a', displayName: 'Name of op-a', role: 'administrator' }, session: expect.stringMatching(/^[\w-]{43}$/) });
    expect(await t.ok('auth.current', {})).toEqual({ operator: r.operator, locked: false });
    expect(auditActions()).toEqual(['session.sign_in']);
  });

  it('answers a wrong password and an unknown login alike, with invalid_credentials', async () => {
    t = await openTestCore();
    const wrong = await failed(ADMIN.login, 'nope');
    const unknown = await failed('nobody', 'nope');
    expect(wrong).toEqual({ ok: false, error: { code: 'invalid_credentials', message: 'The login or the password is wrong.' } });
    expect(unknown).toEqual(wrong);
    expect(await t.ok('auth.current', {})).toEqual({ operator: null, locked: false });
  });

  it('locks an account for 15 minutes after 5 failed sign-ins, then lets it in again', async () => {
    t = await openTestCore();
    for (let i = 1; i <= 4; i++) expect(await failed(ADMIN.login, `wrong-${i}`)).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(await failed(ADMIN.login, 'wrong-5')).toMatchObject({ error: { code: 'account_locked', message: expect.stringMatching(/15 more minutes/) } });
    // The right password does not help while the lock lasts.
    expect(await failed(ADMIN.login, ADMIN.password)).toMatchObject({ error: { code: 'account_locked' } });
    // Another account is not affected.
    await t.signIn(ADMIN2);
    t.clock.now += 14 * 60_000;
    expect(await failed(ADMIN.login, ADMIN.password)).toMatchObject({ error: { code: 'account_locked', message: expect.stringMatching(/1 more minute\b/) } });
    t.clock.now += 60_000;
    await t.signIn(ADMIN);
    expect(t.core.db.prepare('SELECT failed_attempts, locked_until FROM operators WHERE id = ?').get('op-a')).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('takes the lockout threshold and duration from the settings table', async () => {
    t = await openTestCore();
    t.core.db.prepare("INSERT INTO settings (key, value) VALUES ('auth.maxFailedSignIns', '2'), ('auth.lockoutMinutes', '1')").run();
    expect(await failed(ADMIN.login, 'x')).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(await failed(ADMIN.login, 'x')).toMatchObject({ error: { code: 'account_locked', message: expect.stringMatching(/1 more minute\b/) } });
    t.clock.now += 60_001;
    await t.signIn(ADMIN);
    expect(await t.ok('settings.get', {})).toMatchObject({ maxFailedSignIns: 2, lockoutMinutes: 1, idleLockMinutes: 10 });
  });

  it('a successful sign-in resets the count of failures', async () => {
    t = await openTestCore();
    for (let i = 0; i < 4; i++) await failed(ADMIN.login, 'x');
    await t.signIn(ADMIN);
    for (let i = 0; i < 4; i++) expect(await failed(ADMIN.login, 'x')).toMatchObject({ error: { code: 'invalid_credentials' } });
  });

  it('refuses a disabled operator even with the right password, and names the reason', async () => {
    t = await openTestCore();
    expect(await failed(DISABLED.login, DISABLED.password)).toMatchObject({ error: { code: 'account_disabled' } });
    expect(await failed(DISABLED.login, 'wrong')).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(await t.ok('auth.current', {})).toEqual({ operator: null, locked: false });
  });

  it('audits sign-ins by operator id and a digest, never the login typed or the password', async () => {
    t = await openTestCore();
    await failed('someone-typed-this', 'secret-password');
    await t.signIn(ADMIN);
    const dump = JSON.stringify(t.core.db.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain('someone-typed-this');
    expect(dump).not.toContain('secret-password');
    expect(dump).not.toContain('anna');
    expect(auditActions()).toEqual(['session.sign_in_failed', 'session.sign_in']);
  });
});

describe('before the first sync has brought the operators', () => {
  it('a sign-in answers operators_not_synced, counts nothing against any account and locks nothing', async () => {
    t = await openTestCore({ operators: [] });
    expect(await t.ok('auth.readiness', {})).toEqual({ operatorsReady: false, operators: 0, enrolled: false, applications: 0, referenceLoaded: false });
    // Many more attempts than the lockout allows, with the right password and with wrong ones.
    for (let i = 0; i < 8; i++) {
      const r = await failed(ADMIN.login, i % 2 ? ADMIN.password : `wrong-${i}`);
      expect(r).toEqual({ ok: false, error: { code: 'operators_not_synced', message: expect.stringMatching(/have not arrived from the central server yet/) } });
    }
    expect(auditActions()).toEqual(Array(8).fill('session.sign_in_refused'));
    // The operators arrive (as the reference data of the first sync brings them): the first attempt signs in.
    insertOperator(t.core.db, ADMIN);
    expect(await t.ok('auth.readiness', {})).toMatchObject({ operatorsReady: true, operators: 1, applications: null });
    await t.signIn(ADMIN);
    expect(t.core.db.prepare('SELECT failed_attempts, locked_until FROM operators WHERE id = ?').get(ADMIN.id)).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('training operators in a production store do not count as arrived', async () => {
    t = await openTestCore({ operators: [] });
    insertOperator(t.core.db, ADMIN, 'training');
    expect(await failed(ADMIN.login, ADMIN.password)).toMatchObject({ error: { code: 'operators_not_synced' } });
    expect((await t.ok('auth.readiness', {})).operatorsReady).toBe(false);
  });
});

describe('the session', () => {
  it('signs out at once, with no network, and a second sign-out is not an error', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    expect(await t.ok('auth.signOut', {})).toEqual({ signedOut: true });
    expect(await t.ok('auth.current', {})).toEqual({ operator: null, locked: false });
    expect(await t.ok('auth.signOut', {})).toEqual({ signedOut: false });
    expect(await t.call('application.claim', { id: 'app-000001' })).toMatchObject({ error: { code: 'session_required' } });
  });

  it('locks on idle and unlocks only with the same operator’s password; the idle time is a setting', async () => {
    t = await openTestCore();
    expect(await t.ok('settings.get', {})).toMatchObject({ idleLockMinutes: 10 });
    expect(await t.call('auth.lock', {})).toMatchObject({ error: { code: 'session_required' } });
    await t.signIn(ADMIN);
    expect(await t.ok('auth.lock', {})).toMatchObject({ operator: { id: 'op-a' }, locked: true });
    expect(await t.call('application.claim', { id: 'app-000001' })).toMatchObject({ error: { code: 'session_locked' } });
    // Another operator's password does not unlock this session.
    expect(await t.call('auth.unlock', { password: ADMIN2.password })).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(await t.ok('auth.unlock', { password: ADMIN.password })).toMatchObject({ operator: { id: 'op-a' }, locked: false });
    expect(auditActions()).toEqual(['session.sign_in', 'session.lock', 'session.unlock_failed', 'session.unlock']);
  });

  it('ends a locked session after too many wrong unlock passwords and locks the account', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    await t.ok('auth.lock', {});
    for (let i = 0; i < 4; i++) expect(await t.call('auth.unlock', { password: 'x' })).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(await t.call('auth.unlock', { password: 'x' })).toMatchObject({ error: { code: 'account_locked' } });
    expect(await t.ok('auth.current', {})).toEqual({ operator: null, locked: false });
    expect(await failed(ADMIN.login, ADMIN.password)).toMatchObject({ error: { code: 'account_locked' } });
  });

  it('another operator signing in at a locked window replaces the session', async () => {
    t = await openTestCore();
    await t.signIn(ADMIN);
    await t.ok('auth.lock', {});
    await t.signIn(SUPERVISOR);
    expect(await t.ok('auth.current', {})).toMatchObject({ operator: { id: 'op-s', role: 'supervisor' }, locked: false });
    expect(auditActions().slice(-2)).toEqual(['session.sign_out', 'session.sign_in']);
  });
});
