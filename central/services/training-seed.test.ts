import { createHash, scryptSync, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '../../shared/domain/application';
import { PullPageSchema } from '../../shared/sync/pull';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { TRAINING_CENTER_ID, generateApplications, generateTrainingSet } from '../../shared/training';
import { startCentral } from '../server';
import { AUDIT_HEAD, appOp, call } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';
import { TRAINING_ENROLMENT_CODE } from './training-seed';

const NOW = Date.parse('2026-11-27T08:00:00Z');
const OPTIONS = { seed: 5, size: 60, now: NOW };
let server: TempCentral | null = null;
afterEach(async () => {
  await server?.dispose();
  server = null;
});

/** The console's scrypt format (electron/core/services/passwords.ts), checked here without importing the core. */
function verify(password: string, stored: string): boolean {
  const [, N, r, p, salt, hash] = stored.split('$');
  const expected = Buffer.from(hash!, 'base64url');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(salt!, 'base64url'), expected.length, { N: Number(N), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 });
  return timingSafeEqual(actual, expected);
}

async function enrol(s: TempCentral, workstationId: string): Promise<string> {
  const res = await call(s, 'POST', '/v1/enrol', { body: { code: TRAINING_ENROLMENT_CODE, workstationId, centerId: TRAINING_CENTER_ID } });
  expect(res.status).toBe(200);
  return (res.json as { token: string }).token;
}

describe('training mode', () => {
  it('seeds the training centers and operators with the published passwords; the training code enrols any number of times', async () => {
    server = await startTempCentral({ training: OPTIONS, now: () => NOW });
    expect(server.trainingEnrolmentCode).toBe(TRAINING_ENROLMENT_CODE);
    const token = await enrol(server, 'training');
    expect(await enrol(server, 'training')).not.toBe(token); // a trainee's console starting over
    const data = ReferenceDataSchema.parse((await call(server, 'GET', `/v1/centers/${TRAINING_CENTER_ID}/reference`, { token: await enrol(server, 'ws-2') })).json);
    expect(data.centers.map((c) => c.id).sort()).toEqual(generateTrainingSet({ ...OPTIONS, size: 0 }).centers.map((c) => c.id).sort());
    expect(data.operators.map((o) => [o.id, o.login, o.role, o.disabled])).toEqual([
      ['op-admin-1', 'admin', 'administrator', false], ['op-admin-2', 'admin2', 'administrator', false],
      ['op-admin-3', 'disabled', 'administrator', true], ['op-supervisor-1', 'supervisor', 'supervisor', false],
    ]);
    const password: Record<string, string> = { admin: 'admin-training-1', admin2: 'admin-training-2', supervisor: 'supervisor-training-1', disabled: 'disabled-training-1' };
    for (const o of data.operators) expect(verify(password[o.login]!, o.passwordHash), o.login).toBe(true);
  });

  it('serves the deterministic training applications by pull, as generated (claims named), and their images by hash', async () => {
    server = await startTempCentral({ training: OPTIONS, now: () => NOW });
    const token = await enrol(server, 'training');
    const page = PullPageSchema.parse((await call(server, 'GET', `/v1/centers/${TRAINING_CENTER_ID}/changes?limit=5000`, { token })).json);
    const generated = [...generateApplications(OPTIONS)];
    expect(page.changes.map(({ claim: _c, ...r }) => r)).toEqual(generated);
    for (const r of page.changes) expect(r.claim !== undefined).toBe(r.status === 'in_review');
    const app = page.changes[0]!;
    for (const hash of [app.photoHash, app.signatureHash]) {
      const res = await fetch(`${server.url}/v1/images/${hash}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml');
      expect(createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex')).toBe(hash);
    }
  });

  it('a seeded claim belongs to the operator who took it: another operator conflicts, the holder can decide', async () => {
    server = await startTempCentral({ training: { ...OPTIONS, size: 300 }, now: () => NOW });
    const token = await enrol(server, 'training');
    const inReview = await server.store.db.selectFrom('applications').select(['id', 'version', 'record']).where('status', '=', 'in_review').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const row = { ...inReview, holder: (JSON.parse(inReview.record) as ApplicationRecord).claim!.operatorId };
    expect(row).toBeDefined();
    const other = row.holder === 'op-admin-1' ? 'op-admin-2' : 'op-admin-1';
    const body = (ops: unknown[]) => ({ workstation: 'training', schemaVersion: 2, auditHead: AUDIT_HEAD, ops });
    const first = await call(server, 'POST', `/v1/centers/${TRAINING_CENTER_ID}/push`, { token, body: body([appOp('release', row.id, { operatorId: other, baseVersion: row.version })]) });
    expect((first.json as { results: unknown[] }).results[0]).toMatchObject({ result: 'conflict', code: 'claimed_by_other', winner: { workstationId: 'training-seed', operatorId: row.holder } });
    const second = await call(server, 'POST', `/v1/centers/${TRAINING_CENTER_ID}/push`, { token, body: body([appOp('release', row.id, { operatorId: row.holder, baseVersion: row.version })]) });
    expect((second.json as { results: unknown[] }).results[0]).toMatchObject({ result: 'applied' });
  });

  it('keeps hostile applicant text intact', async () => {
    server = await startTempCentral({ training: { ...OPTIONS, size: 6, includeHostile: true }, now: () => NOW });
    const token = await enrol(server, 'training');
    const page = PullPageSchema.parse((await call(server, 'GET', `/v1/centers/${TRAINING_CENTER_ID}/changes`, { token })).json);
    const names = page.changes.map((r) => `${r.applicant.surname} ${r.applicant.givenName} ${r.applicant.patronymic}`);
    expect(names.join('\n')).toContain('<script>alert(1)</script>');
    expect(names.join('\n')).toContain("'; DROP TABLE applications; --");
  });

  it('seeds once: a restart on the same store keeps it, a restart with another training set refuses to start', async () => {
    server = await startTempCentral({ training: OPTIONS, now: () => NOW });
    await enrol(server, 'training');
    const counts = await server.admin.counts();
    await server.close();
    const again = await startCentral({ db: server.target, training: { ...OPTIONS, now: NOW + 86_400_000 }, now: () => NOW });
    expect(await again.admin.counts()).toEqual(counts);
    await again.close();
    await expect(startCentral({ db: server.target, training: { ...OPTIONS, seed: 6 } })).rejects.toThrow(/another training set/);
    // dispose() closes the first server again (a no-op) and removes its store.
  });
});
