import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncStatus } from '../../shared/api/sync';
import type { UpdateStatus } from '../../shared/api/updates';
import { openCore, type Core } from '../core';
import { hostRequests } from './host-testing';
import { startBrowserHost, type BrowserHost } from './server';
import { tempDir } from '../../tests/support/store';
import { startTrainingCentral, type TempCentral } from '../../tests/support/central-server';

const NOW = Date.parse('2026-11-27T08:00:00Z');
let dir: string;
let core: Core;
let host: BrowserHost;
let central: TempCentral;
/** The session the test's own calls carry, from the sign-in below. */
let session: string;

beforeAll(async () => {
  dir = tempDir();
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  central = await startTrainingCentral({ size: 50, seed: 3 }, NOW);
  core = await openCore({ dataDir: join(dir, 'data'), now: () => NOW, central: { url: central.url } });
  host = await startBrowserHost({ core, staticDir, token: 'test-token' });
  requests = hostRequests(host.port, 'test-token');
  const signIn = JSON.parse((await call('auth.signIn', { login: 'admin', password: 'admin-training-1' }, {}, null)).body);
  expect(signIn.ok).toBe(true);
  session = signIn.value.session;
});
afterAll(async () => {
  await host.close();
  await core.close();
  await central.dispose();
  rmSync(dir, { recursive: true, force: true });
});

let requests: ReturnType<typeof hostRequests>;
const send: ReturnType<typeof hostRequests>['send'] = (...args) => requests.send(...args);
const call = (method: string, input: unknown, headers: Record<string, string> = {}, as: string | null = session) => requests.call(method, input, headers, as);
const openStream = (as: string | null) => requests.openStream(as);

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints an address with the token', () => {
    const addr = host.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?t=test-token`);
  });

  it('answers a contract call with {ok: true, value}', async () => {
    const r = await call('queue.page', { limit: 5 });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.ok).toBe(true);
    expect(body.value.rows).toHaveLength(5);
    expect(body.value.total).toBe(50);
  });

  it('refuses a call without the token, or with a wrong one, and runs nothing', async () => {
    const attempts: Record<string, string>[] = [{}, { 'x-console-token': 'wrong-token' }, { 'x-console-token': 'test-tokenX' }];
    for (const headers of attempts) {
      const r = await send('/api/queue.page', { headers, body: '{}' });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe('unauthorized');
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebinding = await call('queue.page', {}, { host: 'evil.example:80' });
    expect(rebinding.status).toBe(403);
    const foreign = await call('queue.page', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await call('queue.page', { limit: 1 }, { origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });

  it('the address token admits a page but signs nobody in: without the page\'s own session, nothing personal is answered', async () => {
    expect(JSON.parse((await call('auth.current', {}, {}, null)).body)).toEqual({ ok: true, value: { operator: null, locked: false } });
    expect(JSON.parse((await call('queue.page', { limit: 1 }, {}, null)).body)).toMatchObject({ ok: false, error: { code: 'session_required' } });
    const forged = JSON.parse((await call('queue.page', { limit: 1 }, {}, 'A'.repeat(43))).body);
    expect(forged).toEqual({ ok: false, error: { code: 'session_required', message: expect.stringMatching(/Sign in again/) } });
    // The session is the page's: another page signing in as someone else changes nothing for this one.
    const other = JSON.parse((await call('auth.signIn', { login: 'supervisor', password: 'supervisor-training-1' }, {}, null)).body);
    expect(JSON.parse((await call('auth.current', {}, {}, other.value.session)).body).value.operator.id).toBe('op-supervisor-1');
    expect(JSON.parse((await call('auth.current', {})).body).value.operator.id).toBe('op-admin-1');
    await call('auth.signOut', {}, {}, other.value.session);
    expect(JSON.parse((await call('auth.current', {})).body).value).toMatchObject({ operator: { id: 'op-admin-1' }, locked: false });
  });

  it("tells a session's own event streams when it changed, and no other page's", async () => {
    const otherSession = JSON.parse((await call('auth.signIn', { login: 'admin2', password: 'admin-training-2' }, {}, null)).body).value.session as string;
    const mine = await openStream(session);
    const theirs = await openStream(otherSession);
    const anonymous = await openStream(null);
    try {
      await call('auth.lock', {}, {}, otherSession);
      await expect.poll(() => theirs.events).toEqual(['auth.changed:op-admin-2:true']);
      await call('auth.signOut', {}, {}, otherSession);
      await expect.poll(() => theirs.events).toEqual(['auth.changed:op-admin-2:true', 'auth.changed:none:false']);
      await call('auth.lock', {});
      await expect.poll(() => mine.events).toEqual(['auth.changed:op-admin-1:true']);
      expect(anonymous.events).toEqual([]);
      expect(theirs.events).toHaveLength(2);
    } finally {
      for (const s of [mine, theirs, anonymous]) s.close();
      await call('auth.unlock', { password: 'admin-training-1' });
    }
  });

  it('a new event stream starts with the sync and update statuses as they are now: what was announced before it opened is not lost to the page', async () => {
    await core.sync.engine.whenIdle();
    const now = JSON.parse((await call('sync.status', {})).body).value as SyncStatus;
    const updatesNow = JSON.parse((await call('updates.status', {})).body).value as UpdateStatus;
    const stream = await openStream(null);
    try {
      await expect.poll(() => stream.sync.length).toBeGreaterThan(0);
      const first = stream.sync[0]!;
      expect(first.revision.engine).toBe(now.revision.engine);
      // The same announcement as the answer just before, unless the engine announced something in between.
      if (first.revision.n === now.revision.n) expect(first).toEqual(now);
      else expect(first.revision.n).toBeGreaterThan(now.revision.n);
      // A training console does not update itself; its stream says so too (update-status-stream.test.ts: mid-download).
      await expect.poll(() => stream.updates).toEqual([updatesNow]);
      expect(updatesNow.phase).toBe('off');
    } finally {
      stream.close();
    }
  });

  it('answers unknown methods, invalid input and bad JSON with a clear error', async () => {
    expect(JSON.parse((await call('db.dropEverything', {})).body).error.code).toBe('unknown_method');
    const invalid = JSON.parse((await call('queue.page', { limit: 100000 })).body);
    expect(invalid.error.code).toBe('invalid_input');
    expect(invalid.error.message).toMatch(/limit/);
    const bad = await send('/api/queue.page', { headers: { 'x-console-token': 'test-token' }, body: '{"filter": ' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('invalid_input');
  });

  it('refuses a request body over 1 MB', async () => {
    const r = await send('/api/queue.page', { headers: { 'x-console-token': 'test-token' }, body: 'x'.repeat(1024 * 1024 + 10) });
    expect(r.status).toBe(413);
  });

  it('returns not_found as a domain error for an unknown application', async () => {
    const body = JSON.parse((await call('application.get', { id: 'no-such-app' })).body);
    expect(body).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('serves the renderer with a strict Content-Security-Policy and never outside its folder', async () => {
    const page = await send('/', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const traversal = await send('/..%2f..%2fdata%2ftraining.sqlite', { method: 'GET' });
    expect(traversal.status).not.toBe(200);
    expect(traversal.body).not.toContain('SQLite');
  });
});

describe('core start', () => {
  it('refuses a second process on the same data folder', async () => {
    await expect(openCore({ dataDir: join(dir, 'data') })).rejects.toMatchObject({ code: 'data_folder_locked' });
  });

  it('refuses to open a database bound to another center or workstation', async () => {
    const d = tempDir();
    try {
      const config = join(d, 'config.json');
      writeFileSync(config, JSON.stringify({ centralUrl: 'http://127.0.0.1:9/', centerId: 'sc-1', workstationId: 'ws-1' }));
      const first = await openCore({ dataDir: d, configPath: config });
      expect(first.info.mode).toBe('production');
      await first.close();
      writeFileSync(config, JSON.stringify({ centralUrl: 'http://127.0.0.1:9/', centerId: 'sc-2', workstationId: 'ws-1' }));
      await expect(openCore({ dataDir: d, configPath: config })).rejects.toMatchObject({ code: 'database_bound_elsewhere' });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('runs in training mode with its own database when no configuration exists', () => {
    expect(core.info.mode).toBe('training');
    expect(core.info.dbFile.endsWith('training.sqlite')).toBe(true);
  });

  it('rejects a malformed configuration file with a sentence naming the field', async () => {
    const d = tempDir();
    try {
      writeFileSync(join(d, 'config.json'), JSON.stringify({ centralUrl: 'not a url', centerId: 'sc-1', workstationId: 'ws-1' }));
      await expect(openCore({ dataDir: d })).rejects.toThrow(/centralUrl/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
