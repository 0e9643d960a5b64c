import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushOp } from '../../shared/sync/push';
import type { OperatorIssued } from '../../shared/sync/operators';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { hashPassword } from '../operators/password-hash';
import { CENTER, OTHER_CENTER, call, push, seedWorld, verifyConsoleHash, type World } from '../test-fixtures';
import { checkExactlyOnce, startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
let ivan: OperatorIssued;
beforeEach(async () => {
  server = await startTempCentral();
  world = await seedWorld(server);
  const res = await call(server, 'POST', `/v1/admin/centers/${CENTER}/operators`, { token: server.adminToken, body: { login: 'ivanenko', displayName: 'Іван Іваненко', role: 'administrator' } });
  ivan = res.json as OperatorIssued;
});
afterEach(async () => {
  await server.dispose();
});

let seq = 0;
function passwordOp(args: Record<string, unknown>, over: Partial<PushOp> = {}): PushOp {
  return {
    opId: randomUUID(), seq: ++seq, scope: 'center', applicationId: null, type: 'operator.password_change', args, baseVersion: null,
    clientTime: '2026-11-27T09:00:00.000Z', operatorId: ivan.operator.id, ...over,
  };
}

async function published(token = world.tokens.b) {
  const data = ReferenceDataSchema.parse((await call(server, 'GET', `/v1/centers/${CENTER}/reference`, { token })).json);
  return data.operators.find((o) => o.id === ivan.operator.id)!;
}

describe('an operator\'s new password pushed from a workstation (operator.password_change)', () => {
  it('is taken once: the center\'s other workstations get the new hash with the reference data, the trail names the workstation and op', async () => {
    const hash = await hashPassword('river-stone-42');
    const op = passwordOp({ passwordHash: hash, basePasswordVersion: 1 });
    expect(await push(server, world.tokens.a, 'ws-a', [op])).toEqual([expect.objectContaining({ opId: op.opId, result: 'applied', code: null })]);
    const now = await published();
    expect(now).toMatchObject({ passwordHash: hash, mustChangePassword: false, passwordVersion: 2 });
    expect(verifyConsoleHash('river-stone-42', now.passwordHash)).toBe(true);

    // The same op again (an answer lost on the way) is a duplicate and changes nothing.
    const counts = await server.admin.counts();
    expect((await push(server, world.tokens.a, 'ws-a', [op]))[0]).toMatchObject({ result: 'duplicate' });
    expect(await server.admin.counts()).toEqual(counts);
    expect(await checkExactlyOnce(server, [op.opId])).toEqual({ lost: [], duplicated: [], unexpected: [] });

    const trail = (await call(server, 'GET', `/v1/admin/centers/${CENTER}/operators/ivanenko/events`, { token: server.adminToken })).json as { events: unknown[] };
    expect(trail.events).toEqual([
      expect.objectContaining({ kind: 'added', actor: 'admin', opId: null }),
      expect.objectContaining({ kind: 'password_changed', actor: 'ws-a', opId: op.opId, details: {} }),
    ]);
    expect(JSON.stringify(trail)).not.toContain('scrypt');
  });

  it('a change made before IT issued a newer one-time password is rejected, and the newer one stands', async () => {
    const reset = (await call(server, 'POST', `/v1/admin/centers/${CENTER}/operators/ivanenko/reset-password`, { token: server.adminToken, body: {} })).json as OperatorIssued;
    const op = passwordOp({ passwordHash: await hashPassword('river-stone-42'), basePasswordVersion: 1 });
    expect((await push(server, world.tokens.a, 'ws-a', [op]))[0]).toMatchObject({ result: 'rejected', code: 'password_superseded' });
    const now = await published();
    expect(now).toMatchObject({ mustChangePassword: true, passwordVersion: 2 });
    expect(verifyConsoleHash(reset.oneTimePassword, now.passwordHash)).toBe(true);
  });

  it('of two workstations that each took a change from the same one-time password, the first committed wins', async () => {
    const first = passwordOp({ passwordHash: await hashPassword('river-stone-42'), basePasswordVersion: 1 });
    const second = passwordOp({ passwordHash: await hashPassword('maple-cloud-17'), basePasswordVersion: 1 });
    expect((await push(server, world.tokens.a, 'ws-a', [first]))[0]).toMatchObject({ result: 'applied' });
    expect((await push(server, world.tokens.b, 'ws-b', [second]))[0]).toMatchObject({ result: 'rejected', code: 'password_superseded' });
    expect(verifyConsoleHash('river-stone-42', (await published()).passwordHash)).toBe(true);
  });

  it('refuses a disabled operator, another center\'s operator, a weak or malformed hash, and an application scope', async () => {
    const strong = await hashPassword('river-stone-42');
    const weakParams = strong.replace('scrypt$16384$8$1$', 'scrypt$1024$8$1$');
    expect((await push(server, world.tokens.a, 'ws-a', [passwordOp({ passwordHash: weakParams, basePasswordVersion: 1 })]))[0]).toMatchObject({ result: 'rejected', code: 'invalid_password_hash' });
    expect((await push(server, world.tokens.a, 'ws-a', [passwordOp({ passwordHash: 'plain-text-password', basePasswordVersion: 1 })]))[0]).toMatchObject({ result: 'rejected', code: 'invalid_password_hash' });
    expect((await push(server, world.tokens.a, 'ws-a', [passwordOp({ passwordHash: strong })]))[0]).toMatchObject({ result: 'rejected', code: 'invalid_args' });
    expect((await push(server, world.tokens.x, 'ws-x', [passwordOp({ passwordHash: strong, basePasswordVersion: 1 })], OTHER_CENTER))[0]).toMatchObject({ result: 'rejected', code: 'unknown_operator' });
    expect((await push(server, world.tokens.a, 'ws-a', [passwordOp({ passwordHash: strong, basePasswordVersion: 1 }, { scope: 'application', applicationId: 'app-000001' })]))[0]).toMatchObject({ result: 'rejected', code: 'invalid_op' });

    await call(server, 'PUT', `/v1/admin/centers/${CENTER}/operators/ivanenko`, { token: server.adminToken, body: { disabled: true } });
    expect((await push(server, world.tokens.a, 'ws-a', [passwordOp({ passwordHash: strong, basePasswordVersion: 1 })]))[0]).toMatchObject({ result: 'rejected', code: 'operator_disabled' });
    expect(await published()).toMatchObject({ mustChangePassword: true, passwordVersion: 1, disabled: true });
  });
});
