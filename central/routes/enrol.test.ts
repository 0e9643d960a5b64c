import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnrolResponseSchema } from '../../shared/sync/reference';
import { EnrolmentCodeSchema } from '../../shared/sync/central-api';
import { CENTER, NOW, OTHER_CENTER, call, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  server = await startTempCentral({ now: () => clock, adminToken: 'adm_test-admin-token-0123456789' });
  world = await seedWorld(server);
});
afterEach(() => server.dispose());

const admin = () => ({ token: server.adminToken });
const reference = (token: string | undefined, center = CENTER) => call(server, 'GET', `/v1/centers/${center}/reference`, { token });

describe('enrolment and tokens', () => {
  it('an admin issues a one-time code; a workstation enrols with it once and its token opens the center\'s endpoints', async () => {
    const issued = await call(server, 'POST', '/v1/admin/enrolment-codes', { ...admin(), body: { centerId: CENTER } });
    expect(issued.status).toBe(201);
    const code = EnrolmentCodeSchema.parse(issued.json);
    expect(code.centerId).toBe(CENTER);
    expect(Date.parse(code.expiresAt)).toBe(NOW + 86_400_000);

    const enrolled = await call(server, 'POST', '/v1/enrol', { body: { code: code.code, workstationId: 'ws-new', centerId: CENTER } });
    expect(enrolled.status).toBe(200);
    const { token } = EnrolResponseSchema.parse(enrolled.json);
    expect((await reference(token)).status).toBe(200);
    // Stored hashed: neither the token nor the code appears in the store.
    const db = server.store.db;
    const dump = JSON.stringify(await db.selectFrom('workstations').selectAll().execute()) + JSON.stringify(await db.selectFrom('enrolment_codes').selectAll().execute());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(code.code);

    const again = await call(server, 'POST', '/v1/enrol', { body: { code: code.code, workstationId: 'ws-other', centerId: CENTER } });
    expect(again.status).toBe(401);
    expect(again.json).toMatchObject({ error: { code: 'enrolment_code_invalid' } });
  });

  it('an expired code, a code of another center and a workstation id taken at another center are refused', async () => {
    const code = await server.admin.issueEnrolmentCode(CENTER, 60);
    expect((await call(server, 'POST', '/v1/enrol', { body: { code, workstationId: 'ws-n', centerId: OTHER_CENTER } })).status).toBe(403);
    expect((await call(server, 'POST', '/v1/enrol', { body: { code, workstationId: 'ws-x', centerId: CENTER } })).status).toBe(409);
    clock += 61_000;
    const expired = await call(server, 'POST', '/v1/enrol', { body: { code, workstationId: 'ws-n', centerId: CENTER } });
    expect(expired.status).toBe(401);
    expect(await call(server, 'POST', '/v1/admin/enrolment-codes', { ...admin(), body: { centerId: 'sc-none' } })).toMatchObject({ status: 404 });
  });

  it('rotation answers a new token and the old one stops working at once (both rotation paths)', async () => {
    const rotated = await call(server, 'POST', '/v1/workstations/ws-a/rotate', { token: world.tokens.a });
    expect(rotated.status).toBe(200);
    const fresh = EnrolResponseSchema.parse(rotated.json).token;
    expect(fresh).not.toBe(world.tokens.a);
    expect((await reference(world.tokens.a)).status).toBe(401);
    expect((await reference(fresh)).status).toBe(200);

    const again = await call(server, 'POST', '/v1/token/rotate', { token: fresh, body: {} });
    expect(again.status).toBe(200);
    expect((await reference(fresh)).status).toBe(401);
    expect((await reference(EnrolResponseSchema.parse(again.json).token)).status).toBe(200);
  });

  it('a workstation cannot rotate another workstation\'s token', async () => {
    const res = await call(server, 'POST', '/v1/workstations/ws-b/rotate', { token: world.tokens.a });
    expect(res.status).toBe(403);
    expect((await reference(world.tokens.b)).status).toBe(200);
  });

  it('revocation answers 401 from then on, until IT enrols the workstation again with a new code', async () => {
    const res = await call(server, 'POST', '/v1/admin/workstations/ws-a/revoke', admin());
    expect(res).toMatchObject({ status: 200, json: { workstationId: 'ws-a', revoked: true } });
    expect((await reference(world.tokens.a)).status).toBe(401);
    expect((await call(server, 'POST', '/v1/workstations/ws-a/rotate', { token: world.tokens.a })).status).toBe(401);
    expect((await call(server, 'POST', '/v1/admin/workstations/ws-none/revoke', admin())).status).toBe(404);
    const token = await server.admin.enrol('ws-a', CENTER);
    expect((await reference(token)).status).toBe(200);
  });

  it('answers 401 for a missing, unknown or malformed token and for the admin token on workstation endpoints', async () => {
    for (const token of [undefined, 'wst_unknown', 'x'.repeat(600)]) {
      const res = await reference(token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.json).toMatchObject({ error: { code: 'unauthorized' } });
    }
    expect((await reference(server.adminToken)).status).toBe(401);
    expect((await call(server, 'GET', '/v1/centers/sc-8041/reference', { headers: { authorization: `Basic ${world.tokens.a}` } })).status).toBe(401);
  });

  it('answers 403 when the token\'s center is not the center in the path', async () => {
    const res = await reference(world.tokens.x, CENTER);
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'wrong_center' } });
    expect((await call(server, 'GET', `/v1/centers/${CENTER}/changes`, { token: world.tokens.x })).status).toBe(403);
  });

  it('admin endpoints refuse workstation tokens and no token', async () => {
    for (const token of [undefined, world.tokens.a]) {
      expect((await call(server, 'POST', '/v1/admin/enrolment-codes', { token, body: { centerId: CENTER } })).status).toBe(401);
      expect((await call(server, 'POST', '/v1/admin/workstations/ws-b/revoke', { token })).status).toBe(401);
    }
    expect((await reference(world.tokens.b)).status).toBe(200);
  });
});

describe('enrolment retried after a lost answer', () => {
  const enrol = (code: string, workstationId: string, centerId = CENTER) => call(server, 'POST', '/v1/enrol', { body: { code, workstationId, centerId } });

  it('the same code, workstation and center within 10 minutes get the same workstation back with a fresh token; the earlier one stops', async () => {
    const code = await server.admin.issueEnrolmentCode(CENTER);
    const first = EnrolResponseSchema.parse((await enrol(code, 'ws-new')).json).token;
    clock += 10 * 60_000;
    const retried = await enrol(code, 'ws-new');
    expect(retried.status).toBe(200);
    const second = EnrolResponseSchema.parse(retried.json);
    expect(second).toMatchObject({ workstationId: 'ws-new', centerId: CENTER });
    expect(second.token).not.toBe(first);
    expect((await reference(first)).status).toBe(401);
    expect((await reference(second.token)).status).toBe(200);
    // One workstation, and the code's first use still counts: the window does not move with retries.
    expect((await server.admin.counts()).workstations).toBe(4);
    clock += 1;
    expect(await enrol(code, 'ws-new')).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    expect((await reference(second.token)).status).toBe(200);
  });

  it('a spent code stays refused to another workstation id, to another center, and to a workstation revoked since', async () => {
    const code = await server.admin.issueEnrolmentCode(CENTER);
    expect((await enrol(code, 'ws-new')).status).toBe(200);
    expect(await enrol(code, 'ws-other')).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    expect(await enrol(code, 'ws-new', OTHER_CENTER)).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    expect(await server.admin.workstation('ws-other')).toBeUndefined();
    expect(await server.admin.revoke('ws-new')).toBe(true);
    expect(await enrol(code, 'ws-new')).toMatchObject({ status: 401, json: { error: { code: 'enrolment_code_invalid' } } });
    expect(await server.admin.workstation('ws-new')).toMatchObject({ revoked: 1 });
  });

  it('the window is the server\'s setting', async () => {
    await server.dispose();
    server = await startTempCentral({ now: () => clock, enrolmentRetryWindowMs: 60_000 });
    world = await seedWorld(server);
    const code = await server.admin.issueEnrolmentCode(CENTER);
    expect((await enrol(code, 'ws-new')).status).toBe(200);
    clock += 60_000;
    expect((await enrol(code, 'ws-new')).status).toBe(200);
    clock += 1;
    expect((await enrol(code, 'ws-new')).status).toBe(401);
  });
});
