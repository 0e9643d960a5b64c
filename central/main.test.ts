import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from './test-fixtures';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('npm run central (central/main.ts)', () => {
  it('starts in training mode, prints its URL and a one-time code that enrols, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-central-cli-'));
    dirs.push(dir);
    const child = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', '--db', join(dir, 'c.sqlite'), '--training-size', '20', '--now', '2026-11-27T08:00:00Z'], {
      cwd: join(import.meta.dirname, '..'),
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
    expect(out).toMatch(/Admin token/);
    expect((await call(ready, 'GET', '/health')).json).toMatchObject({ status: 'ok', training: true });
    const enrolled = await call(ready, 'POST', '/v1/enrol', { body: { code: ready.enrolmentCode, workstationId: 'ws-cli', centerId: ready.centerId } });
    expect(enrolled.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
