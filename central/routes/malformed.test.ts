import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTER, NOW, appOp, call, fileApplications, pushBody, sampleIntake, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeAll(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  await fileApplications(server, 2);
});
afterAll(() => server.dispose());

interface Endpoint {
  path: string;
  auth: 'admin' | 'workstation' | 'none';
  /** A valid body, used to derive wrongly typed variants field by field. */
  valid: Record<string, unknown>;
  /** Bytes past this limit answer 413. */
  limit: number;
  optional?: string[];
}

const KB = 1024;
const ENDPOINTS: Endpoint[] = [
  { path: '/v1/enrol', auth: 'none', valid: { code: 'ABCD-EFGH-JKMN', workstationId: 'ws-z', centerId: CENTER }, limit: 256 * KB },
  { path: '/v1/admin/enrolment-codes', auth: 'admin', valid: { centerId: CENTER, ttlSeconds: 600 }, limit: 256 * KB, optional: ['ttlSeconds'] },
  { path: `/v1/centers/${CENTER}/push`, auth: 'workstation', valid: pushBody('ws-a', [appOp('claim', 'app-000001')]), limit: 1024 * KB },
  { path: '/v1/intake/applications', auth: 'admin', valid: sampleIntake(77) as unknown as Record<string, unknown>, limit: 8 * 1024 * KB },
  { path: '/v1/events/produced', auth: 'admin', valid: { applicationId: 'app-000001', newLicenceNumber: 'ВХА654321' }, limit: 256 * KB },
  { path: '/v1/events/delivered', auth: 'admin', valid: { applicationId: 'app-000001' }, limit: 256 * KB },
  { path: '/v1/events/returned', auth: 'admin', valid: { applicationId: 'app-000001' }, limit: 256 * KB },
  { path: '/v1/events/cancelled', auth: 'admin', valid: { applicationId: 'app-000001', reason: 'Відкликано' }, limit: 256 * KB },
  { path: '/v1/workstations/ws-a/rotate', auth: 'workstation', valid: {}, limit: 256 * KB },
  { path: '/v1/token/rotate', auth: 'workstation', valid: {}, limit: 256 * KB },
  { path: '/v1/admin/workstations/ws-b/revoke', auth: 'admin', valid: {}, limit: 256 * KB },
  { path: '/v1/admin/applications/app-000001/release-claim', auth: 'admin', valid: {}, limit: 256 * KB },
  { path: '/v1/admin/reset-cursors', auth: 'admin', valid: {}, limit: 256 * KB },
];

/** The rotation endpoints take any body that parses: a rotated token replaces workstation A's. */
function keepRotatedToken(json: unknown) {
  const token = (json as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string' && (json as { workstationId?: unknown }).workstationId === 'ws-a') world.tokens.a = token;
}
const tokenFor = (e: Endpoint) => (e.auth === 'admin' ? server.adminToken : e.auth === 'workstation' ? world.tokens.a : undefined);
const WRONG_VALUES: unknown[] = [null, 42, -1, 1.5, true, '', 'x'.repeat(300), [], {}, ['a']];

/** Broken bytes: truncated JSON, not JSON, an empty body, a JSON value that is not an object, a prototype-poisoning key. */
const BROKEN = ['{"code": "ABC', 'not json at all', '', '[1, 2', '"text"', '42', 'null', '[]', '{"__proto__": {"x": 1}}'];

async function expectRefusedUnchanged(e: Endpoint, body: string, headers: Record<string, string> = {}) {
  const before = await server.admin.counts();
  const res = await call(server, 'POST', e.path, { token: tokenFor(e), body, headers: { 'content-type': 'application/json', ...headers } });
  keepRotatedToken(res.json);
  const noBodyRoute = Object.keys(e.valid).length === 0;
  // Routes without a body ignore a body that parses; every body that does not parse is a 400.
  if (!(noBodyRoute && res.status < 300)) {
    expect(res.status, `${e.path} <- ${body.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(await server.admin.counts()).toEqual(before);
  }
  return res;
}

describe('every endpoint refuses a bad body with a clear 4xx and writes nothing', () => {
  for (const e of ENDPOINTS) {
    it(`${e.path}: malformed and truncated JSON, and JSON that is not an object`, async () => {
      for (const body of BROKEN) await expectRefusedUnchanged(e, body);
      // Truncating the valid body anywhere breaks it.
      const text = JSON.stringify(e.valid);
      for (const cut of [1, Math.floor(text.length / 2), text.length - 1]) if (text.length > 2) await expectRefusedUnchanged(e, text.slice(0, cut));
    });

    it(`${e.path}: an oversized body is a 413`, async () => {
      const res = await expectRefusedUnchanged(e, JSON.stringify({ ...e.valid, pad: 'x'.repeat(e.limit) }));
      expect(res.status).toBe(413);
      expect(res.json).toMatchObject({ error: { code: 'payload_too_large' } });
    });

    it(`${e.path}: every field wrongly typed or missing is a 400`, async () => {
      for (const key of Object.keys(e.valid)) {
        const { [key]: _dropped, ...without } = e.valid;
        if (!e.optional?.includes(key)) await expectRefusedUnchanged(e, JSON.stringify(without));
        for (const wrong of WRONG_VALUES) {
          // Some wrong values happen to be valid for a field (an empty array of ops); those are not refusals.
          if (key === 'ops' && Array.isArray(wrong) && wrong.length === 0) continue;
          if (key === 'ttlSeconds' && wrong === null) continue;
          const before = await server.admin.counts();
          const res = await call(server, 'POST', e.path, { token: tokenFor(e), body: { ...e.valid, [key]: wrong } });
          keepRotatedToken(res.json);
          if (res.status === 200 || res.status === 201) continue;
          expect(res.status, `${e.path} ${key}=${JSON.stringify(wrong).slice(0, 20)}`).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(await server.admin.counts()).toEqual(before);
        }
      }
    });

    it(`${e.path}: a body that is not JSON at all (text/plain) is refused`, async () => {
      if (Object.keys(e.valid).length === 0) return;
      const res = await expectRefusedUnchanged(e, 'code=ABC', { 'content-type': 'text/plain' });
      expect([400, 415]).toContain(res.status);
    });
  }

  it('the intake refuses an application with a wrongly typed nested field and one whose image does not match its hashes', async () => {
    const e = ENDPOINTS.find((x) => x.path === '/v1/intake/applications')!;
    const bad = sampleIntake(78);
    await expectRefusedUnchanged(e, JSON.stringify({ ...bad, applicant: { ...bad.applicant, birthDate: '09.03.1985' } }));
    await expectRefusedUnchanged(e, JSON.stringify({ ...bad, delivery: { method: 'ukrposhta', address: { postcode: '1' }, recipientPhone: '' } }));
    await expectRefusedUnchanged(e, JSON.stringify({ ...bad, images: [{ mime: 'image/svg+xml', base64: Buffer.from('<svg/>').toString('base64') }] }));
    await expectRefusedUnchanged(e, JSON.stringify({ ...bad, centerId: 'sc-none', delivery: { method: 'pickup', centerId: 'sc-none' } }));
  });
});

describe('query strings and paths', () => {
  const get = (path: string, token?: string) => call(server, 'GET', path, { token });
  it('refuse bad limits, cursors, hashes and dates with a 4xx and write nothing (no application is marked received)', async () => {
    const before = await server.admin.counts();
    for (const [path, token, status] of [
      [`/v1/centers/${CENTER}/changes?limit=abc`, world.tokens.a, 400],
      [`/v1/centers/${CENTER}/changes?limit=99999`, world.tokens.a, 400],
      [`/v1/centers/${CENTER}/changes?limit=1&limit=2`, world.tokens.a, 400],
      [`/v1/centers/${CENTER}/changes?cursor=${'c'.repeat(300)}`, world.tokens.a, 400],
      [`/v1/centers/${CENTER}/changes?cursor=c1.zzzz.1`, world.tokens.a, 409],
      [`/v1/centers/${'x'.repeat(40)}/changes`, world.tokens.a, 400],
      ['/v1/images/NOTAHASH', world.tokens.a, 400],
      [`/v1/images/${'0'.repeat(64)}`, world.tokens.a, 404],
      ['/v1/status/2026-000001', undefined, 400],
      ['/v1/status/2026-000001?birthDate=9%20March', undefined, 400],
      ['/v1/status/2026-000001?birthDate=1990-01-01', undefined, 404],
      ['/v1/nowhere', undefined, 404],
    ] as const) {
      const res = await get(path, token);
      expect(res.status, path).toBe(status);
      expect(res.json, path).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
    expect(await server.admin.counts()).toEqual(before);
  });
});
