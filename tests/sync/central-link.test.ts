import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { openCore, type Core } from '../../electron/core';
import { dispatch } from '../../electron/core/api/dispatch';
import { ENROLMENT_FILE } from '../../electron/core/sync/enrolment';
import { launchCentral } from '../../electron/core/sync/launcher';
import type { ApplicationImages } from '../../shared/api/application';
import type { SyncEnrolment, SyncStatus } from '../../shared/api/sync';
import { TEST_NOW } from '../support/deciding';
import { tempDir } from '../support/store';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, CENTER, expectConverged, openWorkstation, SUPERVISOR, type Workstation } from './support/workstation';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function central(size = 40): Promise<TempCentral> {
  const c = await startTempCentral({ training: { seed: 51, size, now: TEST_NOW }, now: () => TEST_NOW });
  cleanups.push(() => c.dispose());
  return c;
}

async function workstation(c: TempCentral, url: string, options: Parameters<typeof openWorkstation>[2] = {}): Promise<Workstation> {
  const ws = await openWorkstation(c, url, options);
  cleanups.push(() => ws.dispose());
  return ws;
}

describe('training mode gets its data only by pull from a launched central server', () => {
  it('an empty training store is pulled before the core reports ready; the child goes when the core closes', async () => {
    const dir = tempDir('sc-sync-training-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const started = performance.now();
    const core: Core = await openCore({
      dataDir: dir, now: () => TEST_NOW, training: { size: 300, seed: 7, includeHostile: true },
      centralLauncher: { command: process.execPath, args: ['--import', 'tsx', join(REPO, 'central/main.ts')] },
    });
    const readyMs = performance.now() - started;
    let closed = false;
    cleanups.push(() => !closed && core.close());
    expect(core.info.mode).toBe('training');
    expect(core.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(300);
    // Operators came with the reference data, as training operators: sign-in works with the published passwords.
    expect(core.db.prepare("SELECT count(*) FROM operators WHERE source = 'training'").pluck().get()).toBe(4);
    expect(await dispatch(core.facade, 'auth.signIn', { login: 'admin', password: 'admin-training-1' })).toMatchObject({ ok: true });
    const status = (await dispatch(core.facade, 'sync.status', {})) as { ok: true; value: SyncStatus };
    expect(status.value).toMatchObject({ online: true, enrolled: true, lastError: null, pendingOps: 0 });
    const enrolment = (await dispatch(core.facade, 'sync.enrolment', {})) as { ok: true; value: SyncEnrolment };
    expect(enrolment.value.centralUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = Number(new URL(enrolment.value.centralUrl!).port);
    process.stdout.write(`training store of 300 pulled and ready in ${Math.round(readyMs)} ms\n`);
    await core.close();
    closed = true;
    // The child is gone: nothing answers on its port any more.
    await expect(fetch(`http://127.0.0.1:${port}/v1/status`)).rejects.toThrow();
  });

  it('a launcher that fails says why, with the child\'s own words, and a silent one times out', async () => {
    await expect(launchCentral({ command: process.execPath, args: ['-e', 'console.error("no such database"); process.exit(2)'] }, [])).rejects.toMatchObject({
      code: 'central_unavailable', message: expect.stringMatching(/exited \(code 2\).*no such database/),
    });
    const silent = launchCentral({ command: process.execPath, args: ['-e', 'setTimeout(() => {}, 20000)'] }, [], { timeoutMs: 300 });
    await expect(silent).rejects.toMatchObject({ code: 'central_unavailable', message: expect.stringMatching(/no address within/) });
  });
});

describe('enrolment and the token', () => {
  it('a production workstation syncs only once enrolled; the token lives in its own owner-only file and never in the logs; rotation replaces it', async () => {
    const c = await central();
    const ws = await workstation(c, c.url, { enrol: false });
    const before = await ws.ok<SyncStatus>('sync.status');
    expect(before).toMatchObject({ enrolled: false, lastError: { code: 'not_enrolled' } });
    expect(ws.core.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
    expect(await ws.call('sync.enrol', { code: 'WRONG-CODE-1' })).toMatchObject({ ok: false, error: { code: 'enrolment_failed' } });
    expect(await ws.call('sync.enrol', { code: 'TRAINING-ENROL' })).toMatchObject({ ok: false, error: { code: 'enrolment_failed' } });

    const enrolled = await ws.ok<SyncEnrolment>('sync.enrol', { code: await c.admin.issueEnrolmentCode(CENTER) });
    expect(enrolled).toMatchObject({ mode: 'production', enrolled: true, centerId: CENTER, workstationId: 'ws-a' });
    await ws.core.sync.engine.whenIdle();
    expect(ws.core.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(40);
    const file = join(ws.dir, ENROLMENT_FILE);
    const token = (JSON.parse(readFileSync(file, 'utf8')) as { token: string }).token;
    expect(statSync(file).mode & 0o777).toBe(0o600);

    await ws.ok('sync.rotateToken');
    const rotated = (JSON.parse(readFileSync(file, 'utf8')) as { token: string }).token;
    expect(rotated).not.toBe(token);
    const old = await fetch(`${c.url}/v1/centers/${CENTER}/reference`, { headers: { authorization: `Bearer ${token}` } });
    expect(old.status).toBe(401);
    expect((await ws.sync()).lastError).toBeNull();

    await ws.reopen();
    const logs = readdirSync(join(ws.dir, 'logs')).map((f) => readFileSync(join(ws.dir, 'logs', f), 'utf8')).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(rotated);
  });
});

describe('reference data, images and the reset answer', () => {
  it('reference data replaces local seeds: a supervisor\'s period recorded at another workstation moves this one\'s deadlines', async () => {
    const c = await central();
    const a = await workstation(c, c.url, { id: 'ws-a' });
    const b = await workstation(c, c.url, { id: 'ws-b' });
    const reasons = a.core.db.prepare('SELECT count(*) FROM refusal_reasons WHERE active = 1').pluck().get();
    expect(reasons).toBe((await c.store.db.selectFrom('refusal_reasons').select('code').where('active', '=', 1).execute()).length);
    const dueBefore = a.core.db.prepare('SELECT sum(due_at) FROM applications WHERE pending = 1').pluck().get() as number;
    await b.signIn(SUPERVISOR);
    await b.ok('forceMajeure.record', { kind: 'power_outage', startsAt: '2026-11-24T07:00:00.000Z', endsAt: '2026-11-24T15:00:00.000Z', note: 'Відключення' });
    await b.sync();
    await a.sync();
    expect(a.core.db.prepare("SELECT count(*) FROM force_majeure_periods WHERE center_id = ?").pluck().get(CENTER)).toBe(1);
    const dueAfter = a.core.db.prepare('SELECT sum(due_at) FROM applications WHERE pending = 1').pluck().get() as number;
    expect(dueAfter).toBeGreaterThan(dueBefore);
    await expectConverged(c, [a, b]);
  });

  it('images come from the central server by hash, are checked and cached; bytes that do not match the hash are not shown', async () => {
    const c = await central();
    const proxy = await FaultProxy.start(c.url);
    cleanups.push(() => proxy.close());
    const ws = await workstation(c, proxy.url);
    await ws.signIn(ADMIN);
    const [first, second] = ws.core.db.prepare('SELECT id FROM applications ORDER BY id LIMIT 2').pluck().all() as string[];
    const images = await ws.ok<ApplicationImages>('application.images', { id: first });
    expect(images.photo).toMatch(/^data:image\/svg\+xml;base64,/);
    const photo = Buffer.from(images.photo!.split(',')[1]!, 'base64');
    const record = JSON.parse(ws.core.db.prepare('SELECT r.record FROM applications a JOIN application_records r ON r.rowid = a.rowid WHERE a.id = ?').pluck().get(first) as string) as { photoHash: string };
    expect(createHash('sha256').update(photo).digest('hex')).toBe(record.photoHash);
    // Cached: shown offline too.
    proxy.cut();
    expect(await ws.ok<ApplicationImages>('application.images', { id: first })).toEqual(images);
    proxy.heal();
    proxy.plan({ kind: 'status', status: 200, headers: { 'content-type': 'image/svg+xml' }, body: '<svg xmlns="http://www.w3.org/2000/svg"/>' }, { match: (r) => r.path.startsWith('/v1/images/'), times: 2 });
    expect(await ws.ok<ApplicationImages>('application.images', { id: second })).toEqual({ photo: null, signature: null });
    expect(ws.core.db.prepare('SELECT count(*) FROM image_cache').pluck().get()).toBe(2);
  });

  it('a reset answer resyncs from scratch and keeps the outbox', async () => {
    const c = await central();
    const ws = await workstation(c, c.url);
    await ws.signIn(ADMIN);
    const id = ws.core.db.prepare("SELECT id FROM applications WHERE status IN ('submitted', 'received') ORDER BY id LIMIT 1").pluck().get() as string;
    await ws.ok('application.claim', { id });
    const cursor = ws.core.db.prepare("SELECT value FROM meta WHERE key = 'pull.cursor'").pluck().get() as string;
    await c.admin.resetCursors();
    const status = await ws.sync();
    expect(status).toMatchObject({ pendingOps: 0, lastError: null });
    expect(ws.core.db.prepare("SELECT count(*) FROM meta WHERE key = 'pull.resync'").pluck().get()).toBe(0);
    expect(ws.core.db.prepare('SELECT count(*) FROM resync_seen').pluck().get()).toBe(0);
    const resynced = ws.core.db.prepare("SELECT value FROM meta WHERE key = 'pull.cursor'").pluck().get() as string;
    // A cursor of the new epoch: the pull started again from the beginning.
    expect(resynced.split('.')[1]).not.toBe(cursor.split('.')[1]);
    await expectConverged(c, [ws]);
  });
});
