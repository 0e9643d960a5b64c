import { afterEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../shared/api/auth';
import type { SyncStatus } from '../../shared/api/sync';
import type { ApplicationWorkflow } from '../../shared/api/decisions';
import type { ReportResult } from '../../shared/reports/result';
import type { OperatorIssued } from '../../shared/sync/operators';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { call } from '../../central/test-fixtures';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { DeadlineModel } from '../../electron/core/services/deadlines';
import { verifyPassword } from '../../electron/core/services/passwords';
import { SqlRunner } from '../../electron/core/store/sql';
import { FaultProxy } from './support/fault-proxy';
import { ReferenceApplier } from '../../electron/core/sync/reference-apply';
import { TEST_NOW } from '../support/deciding';
import { ADMIN, CENTER, MANUAL_CHECKS, SUPERVISOR, approvable, expectConverged, openWorkstation, outboxStates, type Workstation } from './support/workstation';

/*
 * Operators managed by IT, end to end against the real central server (run once per store): IT adds an operator with
 * a one-time password, the center's workstations take them with their pull, the operator must choose their own
 * password at the first sign-in (offline, it holds at once on that workstation), it reaches the center's other
 * workstations through the central server, and once IT disables the operator nobody can sign in as them and their
 * open session ends, while their past decision keeps their name.
 */
let central: TempCentral | undefined;
let proxy: FaultProxy | undefined;
const workstations: Workstation[] = [];
afterEach(async () => {
  for (const ws of workstations.splice(0)) await ws.dispose();
  await proxy?.close();
  await central?.dispose();
  central = proxy = undefined;
});

const NEW_PASSWORD = 'Каштан-Липень-2026';

async function admin(method: string, path: string, body?: unknown) {
  const res = await call(central!, method, path, { token: central!.adminToken, body });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return res.json;
}

async function openAt(id: string, url = central!.url): Promise<Workstation> {
  const ws = await openWorkstation(central!, url, { id });
  workstations.push(ws);
  return ws;
}

describe('operators of a center, managed by IT on the central server', () => {
  it('added with a one-time password, changed at the first sign-in, taken by the other workstation, then disabled: refused, session ended, name kept', async () => {
    central = await startTempCentral({ training: { seed: 12, size: 300, now: TEST_NOW }, now: () => TEST_NOW });
    // A reaches the central server through a proxy whose link the test cuts.
    proxy = await FaultProxy.start(central.url);
    const a = await openAt('ws-a', proxy.url);
    const b = await openAt('ws-b');

    // IT adds the operator; both workstations take them with their next pull.
    const issued = (await admin('POST', `/v1/admin/centers/${CENTER}/operators`, { login: 'hnatiuk', displayName: 'Ганна Гнатюк', role: 'administrator' })) as OperatorIssued;
    const hanna = { id: issued.operator.id, login: 'hnatiuk', password: issued.oneTimePassword };
    for (const ws of [a, b]) {
      expect(await ws.call('auth.signIn', { login: hanna.login, password: hanna.password })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
      await ws.sync();
    }
    expect(a.core.db.prepare('SELECT must_change_password, password_version, disabled FROM operators WHERE id = ?').get(hanna.id)).toEqual({ must_change_password: 1, password_version: 1, disabled: 0 });

    // The first sign-in with the one-time password opens nothing but the change of password.
    const first = await a.ok<{ mustChangePassword?: boolean }>('auth.signIn', { login: hanna.login, password: hanna.password });
    expect(first.mustChangePassword).toBe(true);
    expect(await a.ok<AuthState>('auth.current')).toMatchObject({ operator: { id: hanna.id }, mustChangePassword: true });
    const someApp = approvable(a, 1)[0]!;
    for (const [method, input] of [['queue.counts', { filter: {} }], ['application.get', { id: someApp }], ['application.claim', { id: someApp }]] as const) {
      expect(await a.call(method, input), method).toMatchObject({ ok: false, error: { code: 'password_change_required' } });
    }
    expect(await a.call('auth.changePassword', { newPassword: 'short1' })).toMatchObject({ ok: false, error: { code: 'weak_password' } });
    expect(await a.call('auth.changePassword', { newPassword: 'hnatiuk-2026-x' })).toMatchObject({ ok: false, error: { code: 'weak_password' } });
    expect(await a.call('auth.changePassword', { newPassword: hanna.password })).toMatchObject({ ok: false, error: { code: 'password_unchanged' } });

    // Offline: the change holds on this workstation at once, the one-time password stops working here, and the op waits.
    proxy.cut();
    const changed = await a.ok<AuthState>('auth.changePassword', { newPassword: NEW_PASSWORD });
    await a.sync();
    expect(await a.ok<SyncStatus>('sync.status')).toMatchObject({ online: false });
    expect(changed).toEqual({ operator: { id: hanna.id, displayName: 'Ганна Гнатюк', role: 'administrator' }, locked: false });
    expect(await a.call('auth.changePassword', { newPassword: 'Другий-Пароль-77' })).toMatchObject({ ok: false, error: { code: 'password_change_not_required' } });
    const op = a.core.db.prepare("SELECT op_id, scope, state, operator_id, args FROM outbox WHERE type = 'operator.password_change'").get() as { op_id: string; scope: string; state: string; operator_id: string; args: string };
    expect(op).toMatchObject({ scope: 'center', state: 'pending', operator_id: hanna.id });
    const args = JSON.parse(op.args) as { passwordHash: string; basePasswordVersion: number };
    expect(args.basePasswordVersion).toBe(1);
    expect(verifyPassword(NEW_PASSWORD, args.passwordHash)).toBe(true);
    expect(op.args).not.toContain(NEW_PASSWORD);
    const audit = a.core.db.prepare("SELECT operator_id, entity_id FROM audit_log WHERE action = 'operator.password_changed'").all();
    expect(audit).toEqual([{ operator_id: hanna.id, entity_id: hanna.id }]);
    const other = a.openWindow();
    expect(await other.call('auth.signIn', { login: hanna.login, password: hanna.password })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    // Workstation B has not heard of the change yet: the one-time password still opens the change screen there.
    const bWindow = b.openWindow();
    expect((await bWindow.ok<{ mustChangePassword?: boolean }>('auth.signIn', { login: hanna.login, password: hanna.password })).mustChangePassword).toBe(true);

    // Reference data that reaches A before its push (a change committed while a cycle was between its push and its
    // pull, or an op quarantined) still names the one-time password: the change made here is kept over it.
    const served = ReferenceDataSchema.parse((await call(central, 'GET', `/v1/centers/${CENTER}/reference`, { token: a.core.sync.connection!.token()! })).json);
    expect(served.operators.find((o) => o.id === hanna.id)).toMatchObject({ mustChangePassword: true, passwordVersion: 1 });
    const sql = new SqlRunner(a.core.db);
    new ReferenceApplier(sql, new DeadlineModel(sql), CENTER, 'central').apply(served);
    expect(a.core.db.prepare('SELECT password_hash, must_change_password, password_version FROM operators WHERE id = ?').get(hanna.id)).toEqual({
      password_hash: args.passwordHash, must_change_password: 0, password_version: 1,
    });
    expect(await a.ok<AuthState>('auth.current')).toMatchObject({ operator: { id: hanna.id } });

    // The link is back and the op is pushed: the central server holds the new hash; its trail names the workstation
    // and op, never a password.
    proxy.heal();
    await a.sync();
    expect(outboxStates(a)).toMatchObject({ applied: 1 });
    const after = ReferenceDataSchema.parse((await call(central, 'GET', `/v1/centers/${CENTER}/reference`, { token: a.core.sync.connection!.token()! })).json);
    expect(after.operators.find((o) => o.id === hanna.id)).toMatchObject({ mustChangePassword: false, passwordVersion: 2, passwordHash: args.passwordHash });
    const trail = (await admin('GET', `/v1/admin/centers/${CENTER}/operators/${hanna.login}/events`)) as { events: { kind: string; actor: string; opId: string | null }[] };
    expect(trail.events.map((e) => [e.kind, e.actor, e.opId])).toEqual([['added', 'admin', null], ['password_changed', 'ws-a', op.op_id]]);
    expect(JSON.stringify(trail)).not.toContain('scrypt');

    // Signing in again with the new password opens the console; Hanna decides an application.
    await a.ok('auth.signOut');
    expect((await a.ok<{ mustChangePassword?: boolean }>('auth.signIn', { login: hanna.login, password: NEW_PASSWORD })).mustChangePassword).toBeUndefined();
    await a.ok('application.claim', { id: someApp });
    await a.ok('application.approve', { id: someApp, manualChecks: MANUAL_CHECKS });
    await a.sync();

    // B pulls: its window still on the one-time password ends (and says why), the one-time password no longer works
    // there, the new one does.
    await b.sync();
    expect(await bWindow.ok<AuthState>('auth.current')).toEqual({ operator: null, locked: false, ended: 'password_changed' });
    expect(await bWindow.call('queue.counts', { filter: {} })).toMatchObject({ ok: false, error: { code: 'password_changed' } });
    expect(await bWindow.call('auth.signIn', { login: hanna.login, password: hanna.password })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect((await bWindow.ok<{ mustChangePassword?: boolean }>('auth.signIn', { login: hanna.login, password: NEW_PASSWORD })).mustChangePassword).toBeUndefined();
    await bWindow.ok('auth.signOut');

    // IT disables her. A's open session of hers ends with A's next pull; she can no longer sign in anywhere.
    await admin('PUT', `/v1/admin/centers/${CENTER}/operators/${hanna.login}`, { disabled: true });
    expect(await a.ok('queue.counts', { filter: {} })).toBeDefined();
    const told: unknown[] = [];
    const stop = a.core.onEvent((name, payload) => name === 'auth.changed' && told.push(payload));
    await a.sync();
    stop();
    // The pull itself ended the session and told its window, before the window's next call.
    expect(told).toEqual([{ operator: null, locked: false, ended: 'operator_disabled' }]);
    expect(await a.call('queue.counts', { filter: {} })).toMatchObject({ ok: false, error: { code: 'operator_disabled', message: expect.stringContaining('IT disabled this account') } });
    expect(await a.ok<AuthState>('auth.current')).toEqual({ operator: null, locked: false, ended: 'operator_disabled' });
    const ended = a.core.db.prepare("SELECT operator_id FROM audit_log WHERE action = 'session.sign_out' ORDER BY seq DESC LIMIT 1").pluck().get();
    expect(ended).toBe(hanna.id);
    for (const ws of [a, b]) {
      if (ws === b) await b.sync();
      expect(await ws.call('auth.signIn', { login: hanna.login, password: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'account_disabled' } });
    }

    // Her decision keeps her name: in the application's history at both workstations and in the supervisor's report.
    for (const ws of [a, b]) {
      await ws.signIn(SUPERVISOR);
      const workflow = await ws.ok<ApplicationWorkflow>('application.workflow', { id: someApp });
      expect(workflow.steps.find((h) => h.status === 'approved')).toMatchObject({ source: 'server', operatorId: hanna.id, operatorName: 'Ганна Гнатюк' });
      const day = new Date(TEST_NOW).toISOString().slice(0, 10);
      const report = await ws.ok<ReportResult>('reports.get', { period: { from: day, to: day } });
      expect(report.throughput.find((r) => r.operatorId === hanna.id)).toMatchObject({ name: 'Ганна Гнатюк', approved: 1 });
    }
    expect((await a.ok<AuthState>('auth.current')).operator?.id).toBe('op-supervisor-1');
    await a.ok('auth.signOut');
    await a.signIn(ADMIN);
    await expectConverged(central, [a, b]);
  });

  it('IT issues a new one-time password: an open session of the operator ends with the next pull, and a change made offline before it is refused and undone', async () => {
    central = await startTempCentral({ training: { seed: 13, size: 120, now: TEST_NOW }, now: () => TEST_NOW });
    const a = await openAt('ws-a');
    const issued = (await admin('POST', `/v1/admin/centers/${CENTER}/operators`, { login: 'savchuk', displayName: 'Остап Савчук', role: 'supervisor' })) as OperatorIssued;
    await a.sync();
    await a.signIn({ login: 'savchuk', password: issued.oneTimePassword });
    await a.ok('auth.changePassword', { newPassword: NEW_PASSWORD });

    // Before A pushes, IT resets the password (the operator phoned in, say): the reset wins over the offline change.
    const reset = (await admin('POST', `/v1/admin/centers/${CENTER}/operators/savchuk/reset-password`, {})) as OperatorIssued;
    await a.sync();
    const result = a.core.db.prepare("SELECT state, result FROM outbox WHERE type = 'operator.password_change'").get() as { state: string; result: string };
    expect(result.state).toBe('rejected');
    expect(JSON.parse(result.result)).toMatchObject({ code: 'password_superseded' });
    expect(await a.ok<AuthState>('auth.current')).toEqual({ operator: null, locked: false, ended: 'password_changed' });
    expect(await a.call('auth.signIn', { login: 'savchuk', password: NEW_PASSWORD })).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect((await a.ok<{ mustChangePassword?: boolean }>('auth.signIn', { login: 'savchuk', password: reset.oneTimePassword })).mustChangePassword).toBe(true);
  });
});
