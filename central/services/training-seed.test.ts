import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '../../shared/domain/application';
import { PullPageSchema } from '../../shared/sync/pull';
import { ReferenceDataSchema } from '../../shared/sync/reference';
import { TRAINING_CENTER_ID, generateApplications, generateTrainingSet, trainingEnrolmentCode } from '../../shared/training';
import { startCentral } from '../server';
import { AUDIT_HEAD, appOp, call, verifyConsoleHash as verify } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';
import { TRAINING_ENROLMENT_CODE } from './training-seed';

const NOW = Date.parse('2026-11-27T08:00:00Z');
const OPTIONS = { seed: 5, size: 60, now: NOW };
let server: TempCentral | null = null;
afterEach(async () => {
  await server?.dispose();
  server = null;
});

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

  it('every training center has its training operators (same logins and passwords, own ids) and its own reusable enrolment code', async () => {
    server = await startTempCentral({ training: OPTIONS, now: () => NOW });
    const centers = generateTrainingSet({ ...OPTIONS, size: 0 }).centers.map((c) => c.id);
    expect(Object.keys(server.trainingEnrolmentCodes!).sort()).toEqual([...centers].sort());
    const password: Record<string, string> = { admin: 'admin-training-1', admin2: 'admin-training-2', supervisor: 'supervisor-training-1', disabled: 'disabled-training-1' };
    const ids = new Set<string>();
    for (const center of centers) {
      const code = server.trainingEnrolmentCodes![center]!;
      expect(code).toBe(trainingEnrolmentCode(center));
      // Reusable: two workstations of the center enrol with it; it enrols nowhere else.
      const tokens = [];
      for (const ws of [`ws-${center}-1`, `ws-${center}-2`]) {
        const res = await call(server, 'POST', '/v1/enrol', { body: { code, workstationId: ws, centerId: center } });
        expect(res.status, `${center} ${ws}`).toBe(200);
        tokens.push((res.json as { token: string }).token);
      }
      const elsewhere = centers.find((c) => c !== center)!;
      const wrong = await call(server, 'POST', '/v1/enrol', { body: { code, workstationId: `ws-${center}-x`, centerId: elsewhere } });
      expect([wrong.status, (wrong.json as { error: { code: string } }).error.code]).toEqual([403, 'wrong_center']);
      const data = ReferenceDataSchema.parse((await call(server, 'GET', `/v1/centers/${center}/reference`, { token: tokens[0] })).json);
      expect(data.operators.map((o) => [o.login, o.role, o.disabled, o.centerId]).sort()).toEqual([
        ['admin', 'administrator', false, center], ['admin2', 'administrator', false, center],
        ['disabled', 'administrator', true, center], ['supervisor', 'supervisor', false, center],
      ]);
      for (const o of data.operators) {
        expect(verify(password[o.login]!, o.passwordHash), `${center} ${o.login}`).toBe(true);
        ids.add(o.id);
      }
    }
    expect(ids.size).toBe(centers.length * 4);
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
