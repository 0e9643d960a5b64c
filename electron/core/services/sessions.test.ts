import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../shared/api/auth';
import { ADMIN, ADMIN2, openTestCore, SUPERVISOR, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';
import { digestOf } from './audit';
import { sessionKey, SessionRegistry, MAX_SESSIONS, type SessionLimits } from './sessions';

let t: TestCore;
afterEach(async () => t?.dispose());

const TICKED = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };
const MINUTE = 60_000;

const audit = () =>
  t.core.db.prepare('SELECT operator_id, action, entity_id, digest FROM audit_log ORDER BY seq').all() as {
    operator_id: string | null;
    action: string;
    entity_id: string | null;
    digest: string;
  }[];

describe('one core, several windows: each window is its own session', () => {
  it('two windows signed in as two operators act each as its own operator: outbox, audit and claim say who', async () => {
    t = await openTestCore({ records: [makeRecord(1), makeRecord(2)] });
    const anna = t.window;
    const bohdan = t.openWindow();
    await anna.signIn(ADMIN);
    await bohdan.signIn(ADMIN2);
    expect(await anna.ok('auth.current')).toMatchObject({ operator: { id: ADMIN.id } });
    expect(await bohdan.ok('auth.current')).toMatchObject({ operator: { id: ADMIN2.id } });

    await anna.ok('application.claim', { id: 'app-000001' });
    await bohdan.ok('application.claim', { id: 'app-000002' });
    await anna.ok('application.approve', { id: 'app-000001', manualChecks: TICKED });
    await bohdan.ok('application.get', { id: 'app-000001' });

    const ops = t.core.db.prepare('SELECT application_id, type, operator_id FROM outbox ORDER BY seq').all();
    expect(ops).toEqual([
      { application_id: 'app-000001', type: 'claim', operator_id: ADMIN.id },
      { application_id: 'app-000002', type: 'claim', operator_id: ADMIN2.id },
      { application_id: 'app-000001', type: 'approve', operator_id: ADMIN.id },
    ]);
    const actions = audit().filter((e) => e.action.startsWith('application.'));
    expect(actions.map((e) => [e.action, e.entity_id, e.operator_id])).toEqual([
      ['application.claim', 'app-000001', ADMIN.id],
      ['application.claim', 'app-000002', ADMIN2.id],
      ['application.approve', 'app-000001', ADMIN.id],
      ['application.open', 'app-000001', ADMIN2.id],
    ]);
    // Each window sees the claim it holds as its own, and the other's as someone else's.
    const wf = (w: typeof anna, id: string) => w.ok<{ claim: { operatorId: string; mine: boolean } | null }>('application.workflow', { id });
    expect((await wf(bohdan, 'app-000002')).claim).toMatchObject({ operatorId: ADMIN2.id, mine: true });
    expect((await wf(anna, 'app-000002')).claim).toMatchObject({ operatorId: ADMIN2.id, mine: false });
  });

  it('signing out in one window leaves the other signed in as it was, never switched', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    const first = t.window;
    const second = t.openWindow();
    await first.signIn(ADMIN);
    await second.signIn(SUPERVISOR);
    expect(await first.ok('auth.signOut')).toEqual({ signedOut: true });
    expect(await first.ok('auth.current')).toEqual({ operator: null, locked: false });
    expect(await second.ok('auth.current')).toEqual({ operator: expect.objectContaining({ id: SUPERVISOR.id }), locked: false });
    await second.ok('application.claim', { id: 'app-000001' });
    expect(t.core.db.prepare('SELECT operator_id FROM outbox').pluck().all()).toEqual([SUPERVISOR.id]);
    expect(await first.call('application.release', { id: 'app-000001' })).toMatchObject({ ok: false, error: { code: 'session_required' } });
  });

  it('a sign-in in one window does not change the operator of another; the same operator may work in both', async () => {
    t = await openTestCore();
    const first = t.window;
    const second = t.openWindow();
    await first.signIn(ADMIN);
    await second.signIn(ADMIN2);
    await second.signIn(SUPERVISOR);
    expect(await first.ok('auth.current')).toMatchObject({ operator: { id: ADMIN.id } });
    const third = t.openWindow();
    await third.signIn(ADMIN);
    await third.ok('auth.signOut');
    expect(await first.ok('auth.current')).toMatchObject({ operator: { id: ADMIN.id }, locked: false });
    // Only the replaced session of the second window was ended by its new sign-in.
    const signOuts = audit().filter((e) => e.action === 'session.sign_out');
    expect(signOuts.map((e) => [e.operator_id, e.digest])).toEqual([[ADMIN2.id, digestOf({ reason: 'replaced' })], [ADMIN.id, digestOf({})]]);
  });

  it('a lock covers only its own window', async () => {
    t = await openTestCore();
    const first = t.window;
    const second = t.openWindow();
    await first.signIn(ADMIN);
    await second.signIn(ADMIN2);
    await first.ok('auth.lock');
    expect(await first.call('queue.counts', { filter: {} })).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await second.call('queue.counts', { filter: {} })).toMatchObject({ ok: true });
    expect(await second.ok('auth.current')).toMatchObject({ locked: false });
  });
});

describe('a credential the core does not know', () => {
  it.each([
    ['forged', () => 'x'.repeat(43)],
    ['absurdly long', () => 'x'.repeat(100_000)],
  ])('a %s credential gets session_required with a sentence saying to sign in again', async (_name, forge) => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    const intruder = t.openWindow();
    intruder.credential = forge();
    const r = await intruder.call('application.claim', { id: 'app-000001' });
    expect(r).toEqual({ ok: false, error: { code: 'session_required', message: expect.stringMatching(/not known to the console.*Sign in again/) } });
    expect(await intruder.ok('auth.current')).toEqual({ operator: null, locked: false });
    expect(await intruder.ok('auth.signOut')).toEqual({ signedOut: false });
    expect(t.core.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });

  it('a stale credential (signed out, or from before a restart) opens nothing', async () => {
    t = await openTestCore({ records: [makeRecord(1)] });
    await t.signIn(ADMIN);
    const kept = t.window.credential;
    await t.ok('auth.signOut', {});
    const replay = t.openWindow();
    replay.credential = kept;
    expect(await replay.call('queue.counts', { filter: {} })).toMatchObject({ ok: false, error: { code: 'session_required' } });

    await t.signIn(ADMIN);
    const beforeRestart = t.window.credential;
    const dir = t.dir;
    await t.core.close();
    t = await openTestCore({ dir, operators: [] });
    try {
      const restored = t.openWindow();
      restored.credential = beforeRestart;
      expect(await restored.call('application.claim', { id: 'app-000001' })).toMatchObject({ ok: false, error: { code: 'session_required' } });
    } finally {
      await t.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a call with no credential at all is asked to sign in first', async () => {
    t = await openTestCore();
    expect(await t.call('queue.counts', { filter: {} })).toEqual({ ok: false, error: { code: 'session_required', message: 'Sign in first.' } });
  });
});

describe('time: the idle lock and the expiry are per session, on the core clock', () => {
  it('a window idle past the lock time (plus the reporting grace) is locked at its next call; an active one is not', async () => {
    t = await openTestCore();
    const idle = t.window;
    const busy = t.openWindow();
    await idle.signIn(ADMIN);
    await busy.signIn(ADMIN2);
    // Just under the lock time (10 minutes) plus the reporting grace (1 minute): nothing has happened.
    t.clock.now += 11 * MINUTE - 1;
    expect(await idle.ok('auth.current')).toMatchObject({ locked: false });
    expect(await busy.ok('auth.current')).toMatchObject({ locked: false });
    // Then the busy window reports activity every 5 minutes; the idle one says nothing for 11 minutes.
    for (let i = 0; i < 2; i++) {
      t.clock.now += 5 * MINUTE;
      await busy.ok('auth.current');
    }
    t.clock.now += MINUTE;
    expect(await busy.ok('auth.current')).toMatchObject({ operator: { id: ADMIN2.id }, locked: false });
    expect(await idle.call('queue.counts', { filter: {} })).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(await idle.ok('auth.current')).toMatchObject({ operator: { id: ADMIN.id }, locked: true });
    expect(audit().filter((e) => e.action === 'session.lock').map((e) => [e.operator_id, e.digest])).toEqual([[ADMIN.id, digestOf({ reason: 'idle' })]]);
    // The operator's own password unlocks it, as after the window's own lock.
    expect(await idle.ok('auth.unlock', { password: ADMIN.password })).toMatchObject({ locked: false });
  });

  it('the idle lock follows the setting, and calls of a locked session do not keep it alive', async () => {
    t = await openTestCore();
    t.core.db.prepare("INSERT INTO settings (key, value) VALUES ('auth.idleLockMinutes', '2'), ('auth.sessionExpiryMinutes', '30')").run();
    await t.signIn(ADMIN);
    t.clock.now += 3 * MINUTE;
    expect(await t.ok('auth.current')).toMatchObject({ locked: true });
    // Polling a locked window for half an hour is not activity: the session ends at its expiry.
    for (let i = 0; i < 5; i++) {
      t.clock.now += 5 * MINUTE;
      expect(await t.ok('auth.current')).toMatchObject({ operator: { id: ADMIN.id }, locked: true });
    }
    t.clock.now += 2 * MINUTE;
    expect(await t.ok('auth.current')).toEqual({ operator: null, locked: false });
    expect(await t.call('auth.unlock', { password: ADMIN.password })).toMatchObject({ ok: false, error: { code: 'session_required' } });
    expect(audit().at(-1)).toMatchObject({ operator_id: ADMIN.id, action: 'session.sign_out', digest: digestOf({ reason: 'expired' }) });
  });

  it('a session unused for a working day ends by itself, while one used all along stays', async () => {
    t = await openTestCore();
    const left = t.window;
    const used = t.openWindow();
    await left.signIn(ADMIN);
    await used.signIn(ADMIN2);
    for (let step = 0; step < 48; step++) {
      t.clock.now += 10 * MINUTE;
      await used.ok('auth.current');
    }
    expect(await left.call('queue.counts', { filter: {} })).toMatchObject({ ok: false, error: { code: 'session_required' } });
    expect(await used.ok('auth.current')).toMatchObject({ operator: { id: ADMIN2.id }, locked: false });
  });

  it('tells the window holding a session when it changed, and no other window', async () => {
    t = await openTestCore();
    const heard: { key: string | undefined; state: AuthState }[] = [];
    t.core.onEvent((name, payload, audience) => {
      if (name === 'auth.changed') heard.push({ key: audience?.sessionKey, state: payload as AuthState });
    });
    const first = t.window;
    const second = t.openWindow();
    await first.signIn(ADMIN);
    await second.signIn(ADMIN2);
    const firstKey = sessionKey(first.credential!);
    await first.ok('auth.lock');
    await first.ok('auth.unlock', { password: ADMIN.password });
    await first.ok('auth.signOut');
    expect(heard).toEqual([
      { key: firstKey, state: { operator: expect.objectContaining({ id: ADMIN.id }), locked: true } },
      { key: firstKey, state: { operator: expect.objectContaining({ id: ADMIN.id }), locked: false } },
      { key: firstKey, state: { operator: null, locked: false } },
    ]);
  });
});

describe('the registry', () => {
  const limits: SessionLimits = { idleLockMs: 10 * MINUTE, expiryMs: 480 * MINUTE };
  const operator = { id: 'op', displayName: 'Op', role: 'administrator' as const };
  const signedInWith = { passwordHash: 'scrypt$h', mustChangePassword: false };

  it('issues unguessable credentials and keeps only their digests', () => {
    const registry = new SessionRegistry();
    const a = registry.create(operator, signedInWith, 0);
    const b = registry.create(operator, signedInWith, 0);
    expect(a.credential).toMatch(/^[\w-]{43}$/);
    expect(a.credential).not.toBe(b.credential);
    expect(a.session.key).toBe(sessionKey(a.credential));
    expect(JSON.stringify(registry.all())).not.toContain(a.credential);
    expect(registry.find(a.credential)).toBe(a.session);
    expect(registry.find(a.credential.slice(1))).toBeNull();
  });

  it('past the cap, a new sign-in ends the session idle the longest; expired ones go first', () => {
    const registry = new SessionRegistry();
    const expired = registry.create(operator, signedInWith, 0).session;
    const sessions = Array.from({ length: MAX_SESSIONS - 1 }, (_, i) => registry.create(operator, signedInWith, 500 * MINUTE + i).session);
    const now = 500 * MINUTE + MAX_SESSIONS;
    expect(registry.surplus(now, limits, 1)).toEqual([{ session: expired, reason: 'expired' }]);
    registry.remove(expired);
    registry.create(operator, signedInWith, now);
    expect(registry.surplus(now, limits, 1)).toEqual([{ session: sessions[0], reason: 'evicted' }]);
  });
});
