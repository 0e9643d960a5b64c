import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Release } from '../../shared/sync/releases';
import { CENTER, seedWorld } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';
import { runReleasesCli } from './cli';
import { appImageName, artifactBytes, sha512 } from './release-testing';

let server: TempCentral;
let dir: string;
beforeEach(async () => {
  server = await startTempCentral();
  await seedWorld(server);
  dir = mkdtempSync(join(tmpdir(), 'sc-release-cli-'));
});
afterEach(async () => {
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `npm run central -- releases …` in-process; answers the exit code and what it printed. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReleasesCli(args, { env: { CENTRAL_URL: server.url, CENTRAL_ADMIN_TOKEN: server.adminToken }, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const lastJson = (out: string) => JSON.parse(out.slice(out.indexOf('{'))) as Release;

describe('npm run central -- releases', () => {
  it('uploads a release with its block map size, rolls it out to 10 % of beta, halts, resumes, then everyone', async () => {
    const bytes = artifactBytes('0.2.0');
    const file = join(dir, appImageName('0.2.0'));
    writeFileSync(file, bytes);
    writeFileSync(join(dir, 'latest-linux.yml'), `version: 0.2.0\nfiles:\n  - url: ${appImageName('0.2.0')}\n    sha512: whatever\n    blockMapSize: 4321\n`);
    const up = await cli('upload', '--version', '0.2.0', '--notes', 'Нове', file);
    expect(up.code).toBe(0);
    expect(up.out).toContain(`sha512 ${sha512(bytes)}`);
    expect(lastJson(up.out).files).toEqual([expect.objectContaining({ sha512: sha512(bytes), blockMapSize: 4321 })]);

    expect(lastJson((await cli('rollout', '0.2.0', '--channel', 'beta', '--percent', '10')).out).rollouts.beta).toMatchObject({ percent: 10, halted: false });
    expect(lastJson((await cli('halt', '0.2.0', '--channel', 'beta')).out).rollouts.beta).toMatchObject({ percent: 10, halted: true });
    expect(lastJson((await cli('resume', '0.2.0', '--channel', 'beta')).out).rollouts.beta).toMatchObject({ halted: false });
    await cli('rollout', '0.2.0', '--channel', 'beta', '--percent', '100');
    const all = lastJson((await cli('rollout', '0.2.0', '--percent', '100')).out);
    expect(all.rollouts).toMatchObject({ beta: { percent: 100 }, stable: { percent: 100 } });
    const list = JSON.parse((await cli('list')).out) as { releases: Release[] };
    expect(list.releases.map((r) => r.version)).toEqual(['0.2.0']);
  });

  it('assigns a channel and a pin, and clears them with none', async () => {
    writeFileSync(join(dir, appImageName('0.2.0')), artifactBytes('0.2.0'));
    await cli('upload', '--version', '0.2.0', join(dir, appImageName('0.2.0')));
    expect((await cli('assign', 'center', CENTER, '--channel', 'beta')).code).toBe(0);
    expect((await cli('assign', 'workstation', 'ws-a', '--pin', '0.2.0', '--allow-downgrade')).code).toBe(0);
    const listed = JSON.parse((await cli('assignments')).out) as { assignments: unknown[] };
    expect(listed.assignments).toEqual([
      expect.objectContaining({ scope: 'center', id: CENTER, channel: 'beta', pinnedVersion: null }),
      expect.objectContaining({ scope: 'workstation', id: 'ws-a', channel: null, pinnedVersion: '0.2.0', allowDowngrade: true }),
    ]);
    await cli('assign', 'workstation', 'ws-a', '--pin', 'none');
    expect((JSON.parse((await cli('assignments')).out) as { assignments: unknown[] }).assignments).toHaveLength(1);
  });

  it('says what is wrong: no server, a bad percentage, an unknown command, a refusal from the server', async () => {
    const none = await runReleasesCli(['list'], { env: {}, out: () => {}, err: () => {} });
    expect(none).toBe(2);
    expect(await cli('rollout', '0.2.0', '--percent', '150')).toMatchObject({ code: 2, err: expect.stringMatching(/0 to 100/) });
    expect(await cli('promote', '0.2.0')).toMatchObject({ code: 2, err: expect.stringMatching(/unknown command promote/) });
    expect(await cli('rollout', '9.9.9', '--percent', '5')).toMatchObject({ code: 1, err: expect.stringMatching(/404 unknown_release/) });
    expect(await cli('upload', '--version', '0.2.0', join(dir, 'missing.AppImage'))).toMatchObject({ code: 2, err: expect.stringMatching(/is not a file/) });
  });
});
