import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freshStoreTarget, testStoreKind } from './store/store-testing';
import { call, sampleIntake } from './test-fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('npm run central (central/main.ts)', () => {
  it('starts in training mode on its store, prints its URL and a one-time code that enrols, and stops cleanly on SIGTERM', async () => {
    // SQLite: a file named by --db. PostgreSQL: DATABASE_URL (no --db), with a pool size.
    const kind = testStoreKind();
    let db: { args: string[]; env: Record<string, string>; printed: RegExp };
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'sc-central-cli-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      db = { args: ['--db', join(dir, 'c.sqlite')], env: {}, printed: /Store: .*c\.sqlite \(SQLite\)/ };
    } else {
      const target = await freshStoreTarget('postgres');
      cleanups.push(() => target.dispose());
      db = { args: ['--pool-size', '3'], env: { DATABASE_URL: target.target }, printed: /Store: postgres:\/\/.* \(PostgreSQL, pool of 3\)/ };
    }
    const child = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', ...db.args, '--training-size', '20', '--now', '2026-11-27T08:00:00Z'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...db.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const ready = await new Promise<{ url: string; enrolmentCode: string; centerId: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = /^CENTRAL_READY (.*)$/m.exec(out);
        if (line) resolve(JSON.parse(line[1]!));
      });
      child.on('exit', (code) => reject(new Error(`central exited early (${code}): ${out}`)));
    });
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(db.printed);
    const adminToken = /Admin token \(this start only\): (\S+)/.exec(out)![1]!;
    expect((await call(ready, 'GET', '/health')).json).toMatchObject({ status: 'ok', training: true });
    const enrolled = await call(ready, 'POST', '/v1/enrol', { body: { code: ready.enrolmentCode, workstationId: 'ws-cli', centerId: ready.centerId } });
    expect(enrolled.status).toBe(200);
    // --now pins every stamp, not only the training set: a code's expiry, and the received step a pull writes.
    const code = await call(ready, 'POST', '/v1/admin/enrolment-codes', { token: adminToken, body: { centerId: ready.centerId } });
    expect((code.json as { expiresAt: string }).expiresAt).toBe('2026-11-28T08:00:00.000Z');
    const token = (enrolled.json as { token: string }).token;
    const pull = async (cursor?: string) =>
      (await call(ready, 'GET', `/v1/centers/${ready.centerId}/changes?limit=5000${cursor ? `&cursor=${cursor}` : ''}`, { token })).json as { cursor: string; changes: { id: string; history: { status: string; at: string }[] }[] };
    const filed = await call(ready, 'POST', '/v1/intake/applications', { token: adminToken, body: sampleIntake(900_001, { centerId: ready.centerId }) });
    expect(filed.status).toBe(201);
    const marked = await pull((await pull()).cursor);
    expect(marked.changes.find((r) => r.id === 'app-900001')?.history.at(-1)).toMatchObject({ status: 'received', at: '2026-11-27T08:00:00.000Z' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('`operators …` runs IT\'s command against a running server; the server\'s request log never holds a one-time password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-central-ops-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const target = await freshStoreTarget(testStoreKind());
    cleanups.push(() => target.dispose());
    const root = join(import.meta.dirname, '..');
    const env = { ...process.env, CENTRAL_ADMIN_TOKEN: 'adm-test-token-not-secret', DATABASE_URL: target.target };
    const server = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', '--training-size', '0', '--now', '2026-11-27T08:00:00Z', '--log'], {
      cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const ready = await new Promise<{ url: string; trainingEnrolmentCodes: Record<string, string> }>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const line = /^CENTRAL_READY (.*)$/m.exec(log);
        if (line) resolve(JSON.parse(line[1]!));
      });
      server.on('exit', (code) => reject(new Error(`central exited early (${code}): ${log}`)));
    });
    expect(ready.trainingEnrolmentCodes).toMatchObject({ 'sc-8041': 'TRAINING-ENROL', 'sc-4641': 'TRAINING-ENROL-SC-4641' });

    const tool = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', 'operators', 'add', '--center', 'sc-4641', '--login', 'tkachenko', '--name', 'Ольга Ткаченко', '--role', 'supervisor'], {
      cwd: root, env: { ...env, CENTRAL_URL: ready.url }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    tool.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    expect(await new Promise((resolve) => tool.on('exit', resolve))).toBe(0);
    const otp = /^ {2}(\S+)$/m.exec(printed)?.[1];
    expect(otp).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('/v1/admin/centers/sc-4641/operators');
    expect(log).not.toContain(otp!);
  });
});
