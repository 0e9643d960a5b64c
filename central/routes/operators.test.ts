import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../shared/domain/password-policy';
import type { AdminOperator, OperatorIssued } from '../../shared/sync/operators';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { COUNTED_TABLES } from '../admin';
import { CENTER, OTHER_CENTER, call, seedWorld, verifyConsoleHash, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeEach(async () => {
  server = await startTempCentral();
  world = await seedWorld(server);
});
afterEach(async () => {
  await server.dispose();
});

const admin = (method: string, path: string, body?: unknown) => call(server, method, path, { token: server.adminToken, body });
const add = (body: Record<string, unknown>, center = CENTER) => admin('POST', `/v1/admin/centers/${center}/operators`, body);
const IVAN = { login: 'Ivanenko', displayName: '  Іван Іваненко ', role: 'administrator' };

async function reference(token = world.tokens.a, center = CENTER) {
  const res = await call(server, 'GET', `/v1/centers/${center}/reference`, { token });
  expect(res.status).toBe(200);
  return ReferenceDataSchema.parse(res.json);
}

/** Every row of every table, as text: what a look at the store would find. */
async function everythingStored(): Promise<string> {
  const tables = [...COUNTED_TABLES, 'receipts', 'effects'];
  const parts: string[] = [];
  for (const t of tables) parts.push(JSON.stringify((await sql`SELECT * FROM ${sql.table(t)}`.execute(server.store.db)).rows));
  return parts.join('\n');
}

describe('IT manages the operators of every center (admin routes)', () => {
  it('adds an operator with a generated one-time password that meets the policy; only its scrypt hash is kept, and the center\'s workstations get it with the reference data', async () => {
    const before = (await reference()).version;
    const res = await add(IVAN);
    expect(res.status).toBe(201);
    const { operator, oneTimePassword } = res.json as OperatorIssued;
    expect(operator).toMatchObject({ centerId: CENTER, login: 'ivanenko', displayName: 'Іван Іваненко', role: 'administrator', disabled: false, mustChangePassword: true, source: 'central' });
    expect(operator.id).toMatch(/^op-[0-9a-f-]{36}$/);
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(passwordProblems(oneTimePassword, { login: 'ivanenko' })).toEqual([]);

    const data = await reference();
    expect(data.version).not.toBe(before);
    const published = data.operators.find((o) => o.id === operator.id)!;
    expect(published).toMatchObject({ login: 'ivanenko', disabled: false, mustChangePassword: true, passwordVersion: 1 });
    expect(published.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(verifyConsoleHash(oneTimePassword, published.passwordHash)).toBe(true);
    // Another center's workstations do not receive them.
    expect((await reference(world.tokens.x, OTHER_CENTER)).operators.map((o) => o.id)).not.toContain(operator.id);

    // The one-time password is in the answer and nowhere in the store, nor in the SQLite file itself.
    expect(await everythingStored()).not.toContain(oneTimePassword);
    if (server.kind === 'sqlite') {
      for (const file of [server.target, `${server.target}-wal`].filter((f) => existsSync(f))) {
        expect(readFileSync(file).includes(Buffer.from(oneTimePassword))).toBe(false);
      }
    }
  });

  it('IT may choose the one-time password itself when it meets the policy; a weak one is refused with the policy named and nothing written', async () => {
    const counts = await server.admin.counts();
    for (const password of ['short1', 'onlyletterslong', 'ivanenko-2026-x', 'qwerty-2026-zz']) {
      const res = await add({ ...IVAN, password });
      expect(res.status, password).toBe(422);
      expect(res.json).toMatchObject({ error: { code: 'weak_password' } });
      expect((res.json as { error: { message: string } }).error.message).toContain('at least 10 characters');
    }
    expect(await server.admin.counts()).toEqual(counts);
    const ok = await add({ ...IVAN, password: 'Сонях-Ґанок-2026' });
    expect(ok.status).toBe(201);
    expect((ok.json as OperatorIssued).oneTimePassword).toBe('Сонях-Ґанок-2026');
  });

  it('answers each bad request with its own code and writes nothing', async () => {
    await add(IVAN);
    const counts = await server.admin.counts();
    const cases: [Promise<Awaited<ReturnType<typeof call>>>, number, string][] = [
      [add(IVAN), 409, 'duplicate_login'],
      [add({ ...IVAN, login: ' IVANENKO ' }), 409, 'duplicate_login'],
      [add(IVAN, 'sc-0000'), 404, 'unknown_center'],
      [add({ ...IVAN, login: 'ів' }), 422, 'invalid_login'],
      [add({ ...IVAN, login: 'a b' }), 422, 'invalid_login'],
      [add({ ...IVAN, login: 'petro', role: 'director' }), 422, 'invalid_role'],
      [add({ ...IVAN, login: 'petro', displayName: ' ' }), 422, 'invalid_display_name'],
      [add({ ...IVAN, login: 'petro', displayName: 'Петро\u0007' }), 422, 'invalid_display_name'],
      [add({ login: 'petro' }), 400, 'invalid_request'],
      [admin('PUT', `/v1/admin/centers/${CENTER}/operators/nobody`, { disabled: true }), 404, 'unknown_operator'],
      [admin('PUT', `/v1/admin/centers/sc-0000/operators/ivanenko`, { disabled: true }), 404, 'unknown_center'],
      [admin('PUT', `/v1/admin/centers/${OTHER_CENTER}/operators/ivanenko`, { disabled: true }), 404, 'unknown_operator'],
      [admin('PUT', `/v1/admin/centers/${CENTER}/operators/ivanenko`, { role: 'root' }), 422, 'invalid_role'],
      [admin('PUT', `/v1/admin/centers/${CENTER}/operators/ivanenko`, {}), 422, 'nothing_to_change'],
      [admin('POST', `/v1/admin/centers/${CENTER}/operators/nobody/reset-password`, {}), 404, 'unknown_operator'],
      [admin('POST', `/v1/admin/centers/${CENTER}/operators/ivanenko/reset-password`, { password: '1234567890' }), 422, 'weak_password'],
      [admin('GET', '/v1/admin/operators?center=sc-0000'), 404, 'unknown_center'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      expect([res.status, (res.json as { error?: { code: string } }).error?.code], res.text).toEqual([status, code]);
    }
    expect(await server.admin.counts()).toEqual(counts);
  });

  it('a disabled operator keeps their login: adding it again is a duplicate, enabling them again is the way back', async () => {
    await add(IVAN);
    expect((await admin('PUT', `/v1/admin/centers/${CENTER}/operators/ivanenko`, { disabled: true })).status).toBe(200);
    const again = await add(IVAN);
    expect(again.status).toBe(409);
    expect((again.json as { error: { message: string } }).error.message).toContain('enable them again');
  });

  it('disables, re-enables and sets the role; each change moves the reference version, one that changes nothing writes nothing', async () => {
    const { operator } = (await add(IVAN)).json as OperatorIssued;
    const path = `/v1/admin/centers/${CENTER}/operators/ivanenko`;
    const v0 = (await reference()).version;
    const disabled = await admin('PUT', path, { disabled: true });
    expect((disabled.json as { operator: AdminOperator }).operator).toMatchObject({ disabled: true, role: 'administrator' });
    const v1 = await reference();
    expect(v1.version).not.toBe(v0);
    expect(v1.operators.find((o) => o.id === operator.id)).toMatchObject({ disabled: true });

    const counts = await server.admin.counts();
    expect((await admin('PUT', path, { disabled: true })).status).toBe(200);
    expect(await server.admin.counts()).toEqual(counts);

    const both = await admin('PUT', path, { disabled: false, role: 'supervisor' });
    expect((both.json as { operator: AdminOperator }).operator).toMatchObject({ disabled: false, role: 'supervisor' });
    expect((await reference()).operators.find((o) => o.id === operator.id)).toMatchObject({ disabled: false, role: 'supervisor' });

    const listed = (await admin('GET', `/v1/admin/operators?center=${CENTER}`)).json as { operators: AdminOperator[] };
    expect(listed.operators.map((o) => o.login)).toEqual(['ivanenko', 'op-admin-1', 'op-admin-2', 'op-supervisor-1']);
    expect(JSON.stringify(listed)).not.toContain('scrypt$');
    const all = (await admin('GET', '/v1/admin/operators')).json as { operators: AdminOperator[] };
    expect(all.operators.map((o) => o.centerId).sort()).toEqual([CENTER, CENTER, CENTER, CENTER, OTHER_CENTER].sort());

    const trail = (await admin('GET', `${path}/events`)).json as { events: { kind: string; actor: string; details: unknown }[] };
    expect(trail.events.map((e) => [e.kind, e.actor, e.details])).toEqual([
      ['added', 'admin', { role: 'administrator' }],
      ['disabled', 'admin', {}],
      ['enabled', 'admin', {}],
      ['role_changed', 'admin', { from: 'administrator', to: 'supervisor' }],
    ]);
  });

  it('a new one-time password replaces the old one, must be changed again, and is kept only as a hash', async () => {
    const first = (await add(IVAN)).json as OperatorIssued;
    const res = await admin('POST', `/v1/admin/centers/${CENTER}/operators/ivanenko/reset-password`, {});
    expect(res.status).toBe(200);
    const second = res.json as OperatorIssued;
    expect(second.oneTimePassword).not.toBe(first.oneTimePassword);
    expect(second.operator).toMatchObject({ mustChangePassword: true });
    const published = (await reference()).operators.find((o) => o.id === first.operator.id)!;
    expect(published.passwordVersion).toBe(2);
    expect(verifyConsoleHash(second.oneTimePassword, published.passwordHash)).toBe(true);
    expect(verifyConsoleHash(first.oneTimePassword, published.passwordHash)).toBe(false);
    const stored = await everythingStored();
    expect(stored).not.toContain(first.oneTimePassword);
    expect(stored).not.toContain(second.oneTimePassword);
  });

  it('needs the admin token: none, or a workstation\'s, is 401', async () => {
    for (const token of [undefined, world.tokens.a]) {
      const res = await call(server, 'POST', `/v1/admin/centers/${CENTER}/operators`, { token, body: IVAN });
      expect(res.status).toBe(401);
      expect((await call(server, 'GET', '/v1/admin/operators', { token })).status).toBe(401);
    }
  });
});
