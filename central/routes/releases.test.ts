import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReleaseSchema, type Release } from '../../shared/sync/releases';
import { appImageName, artifactBytes, assign, setRollout, sha512, upload } from '../releases/release-testing';
import { CENTER, call, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeEach(async () => {
  server = await startTempCentral();
  world = await seedWorld(server);
});
afterEach(() => server.dispose());

const release = (json: unknown): Release => ReleaseSchema.parse(json);

describe('releases: upload by IT', () => {
  it('stores the file, computes its sha512 itself and makes a release offered to nobody', async () => {
    const bytes = artifactBytes('0.2.0');
    const up = await upload(server, '0.2.0', appImageName('0.2.0'), bytes, { notes: 'Друк реєстру' });
    expect(up.status).toBe(201);
    const r = release(up.json);
    expect(r).toMatchObject({ version: '0.2.0', channel: 'stable', notes: 'Друк реєстру' });
    expect(r.files).toEqual([expect.objectContaining({ name: appImageName('0.2.0'), feed: 'linux', kind: 'installer', size: bytes.length, sha512: sha512(bytes) })]);
    expect(r.rollouts.stable).toMatchObject({ percent: 0, halted: false });
    expect(r.rollouts.beta).toMatchObject({ percent: 0, halted: false });
    expect(readdirSync(join(server.dir, 'releases', '0.2.0'))).toEqual([appImageName('0.2.0')]);
  });

  it('a prerelease version is a beta release with a beta rollout only', async () => {
    const r = release((await upload(server, '0.3.0-beta.1', appImageName('0.3.0-beta.1'), artifactBytes('b'))).json);
    expect(r.channel).toBe('beta');
    expect(r.rollouts.stable).toBeNull();
    const onStable = await call(server, 'PUT', '/v1/admin/releases/0.3.0-beta.1', { token: server.adminToken, body: { channel: 'stable', percent: 10 } });
    expect(onStable.status).toBe(409);
    expect(onStable.json).toMatchObject({ error: { code: 'wrong_channel' } });
  });

  it('an upload whose bytes do not match the sha512 it named is refused and nothing is stored', async () => {
    const bytes = artifactBytes('0.2.0');
    const res = await upload(server, '0.2.0', appImageName('0.2.0'), bytes, { sha512: sha512(artifactBytes('other')) });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({ error: { code: 'sha512_mismatch' } });
    expect((await call(server, 'GET', '/v1/admin/releases', { token: server.adminToken })).json).toEqual({ releases: [] });
    expect(readdirSync(join(server.dir, 'releases', '0.2.0'))).toEqual([]);
  });

  it("a release's file never changes: the same bytes again are accepted, other bytes under the name refused", async () => {
    const bytes = artifactBytes('0.2.0');
    expect((await upload(server, '0.2.0', appImageName('0.2.0'), bytes)).status).toBe(201);
    expect((await upload(server, '0.2.0', appImageName('0.2.0'), bytes)).status).toBe(201);
    const other = await upload(server, '0.2.0', appImageName('0.2.0'), artifactBytes('tampered'));
    expect(other.status).toBe(409);
    expect(other.json).toMatchObject({ error: { code: 'artifact_exists' } });
  });

  it('refuses a workstation token, files the feed does not serve, names with a path, and JSON instead of bytes', async () => {
    const asWorkstation = await fetch(`${server.url}/v1/admin/releases?version=0.2.0&name=a.AppImage`, {
      method: 'POST', headers: { authorization: `Bearer ${world.tokens.a}`, 'content-type': 'application/octet-stream' }, body: Buffer.from('x'),
    });
    expect(asWorkstation.status).toBe(401);
    expect((await upload(server, '0.2.0', 'notes.txt', Buffer.from('x'))).json).toMatchObject({ error: { code: 'unsupported_artifact' } });
    for (const name of ['../evil.AppImage', '..%2Fevil.AppImage', '/etc/passwd.AppImage', '.hidden.AppImage', 'a/b.AppImage']) {
      expect((await upload(server, '0.2.0', name, Buffer.from('x'))).status, name).toBe(400);
    }
    expect((await upload(server, '../0.2.0', 'a.AppImage', Buffer.from('x'))).status).toBe(400);
    const json = await call(server, 'POST', '/v1/admin/releases?version=0.2.0&name=a.AppImage', { token: server.adminToken, body: { bytes: 'x' } });
    expect(json.status).toBe(415);
    expect((await call(server, 'GET', '/v1/admin/releases', { token: server.adminToken })).json).toEqual({ releases: [] });
  });
});

describe('releases: the releases folder', () => {
  it('registers copied artifacts with the sha512 computed here; a file whose builder yml says otherwise is refused', async () => {
    const folder = join(server.dir, 'releases', '0.4.0');
    mkdirSync(folder, { recursive: true });
    const good = artifactBytes('0.4.0');
    const bad = artifactBytes('0.4.0-deb');
    writeFileSync(join(folder, appImageName('0.4.0')), good);
    writeFileSync(join(folder, 'sc-licence-console-0.4.0-linux-amd64.deb'), bad);
    writeFileSync(
      join(folder, 'latest-linux.yml'),
      `version: 0.4.0\nfiles:\n  - url: ${appImageName('0.4.0')}\n    sha512: ${sha512(good)}\n    size: ${good.length}\n    blockMapSize: 1234\n` +
        `  - url: sc-licence-console-0.4.0-linux-amd64.deb\n    sha512: ${sha512(Buffer.from('what was built'))}\n    size: 1\n`,
    );
    const res = await call(server, 'POST', '/v1/admin/releases/import', { token: server.adminToken });
    expect(res.json).toEqual({
      registered: [{ version: '0.4.0', name: appImageName('0.4.0') }],
      refused: [{ version: '0.4.0', name: 'sc-licence-console-0.4.0-linux-amd64.deb', code: 'sha512_mismatch' }],
    });
    const r = release((await call(server, 'GET', '/v1/admin/releases/0.4.0', { token: server.adminToken })).json);
    expect(r.files).toEqual([expect.objectContaining({ sha512: sha512(good), blockMapSize: 1234 })]);
    // Nothing new the second time.
    expect((await call(server, 'POST', '/v1/admin/releases/import', { token: server.adminToken })).json).toMatchObject({ registered: [] });
  });

  it('the server registers the folder when it starts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sc-releases-'));
    mkdirSync(join(folder, '0.5.0'));
    writeFileSync(join(folder, '0.5.0', appImageName('0.5.0')), artifactBytes('0.5.0'));
    const other = await startTempCentral({ releasesDir: folder });
    try {
      const list = (await call(other, 'GET', '/v1/admin/releases', { token: other.adminToken })).json as { releases: Release[] };
      expect(list.releases.map((r) => [r.version, r.files[0]!.sha512])).toEqual([['0.5.0', sha512(artifactBytes('0.5.0'))]]);
    } finally {
      await other.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('releases: rollout and assignments', () => {
  it('sets, halts and resumes a rollout per channel; the percentage survives a halt', async () => {
    await upload(server, '0.2.0', appImageName('0.2.0'), artifactBytes('0.2.0'));
    await setRollout(server, '0.2.0', { channel: 'beta', percent: 10 });
    await setRollout(server, '0.2.0', { channel: 'beta', halted: true });
    let r = release((await call(server, 'GET', '/v1/admin/releases/0.2.0', { token: server.adminToken })).json);
    expect(r.rollouts.beta).toMatchObject({ percent: 10, halted: true });
    expect(r.rollouts.stable).toMatchObject({ percent: 0, halted: false });
    await setRollout(server, '0.2.0', { channel: 'beta', halted: false });
    await setRollout(server, '0.2.0', { percent: 100 });
    r = release((await call(server, 'GET', '/v1/admin/releases/0.2.0', { token: server.adminToken })).json);
    expect(r.rollouts).toMatchObject({ beta: { percent: 10, halted: false }, stable: { percent: 100, halted: false } });
  });

  it('refuses a percentage out of range, an empty change, an unknown release and a release without installer', async () => {
    await upload(server, '0.2.0', `${appImageName('0.2.0')}.blockmap`, Buffer.from('map'));
    const put = (version: string, body: unknown) => call(server, 'PUT', `/v1/admin/releases/${version}`, { token: server.adminToken, body });
    expect((await put('0.2.0', { percent: 101 })).status).toBe(400);
    expect((await put('0.2.0', {})).status).toBe(400);
    expect((await put('9.9.9', { percent: 5 })).json).toMatchObject({ error: { code: 'unknown_release' } });
    expect((await put('0.2.0', { percent: 5 })).json).toMatchObject({ error: { code: 'release_incomplete' } });
    expect((await put('..%2F..%2Fetc', { percent: 5 })).status).toBe(400);
  });

  it('assigns a channel to a center and pins a workstation; the workstation reads its policy with its token', async () => {
    await upload(server, '0.2.0', appImageName('0.2.0'), artifactBytes('0.2.0'));
    expect((await assign(server, 'center', CENTER, { channel: 'beta', pinnedVersion: null })).status).toBe(200);
    const policy = (token: string) => call(server, 'GET', `/v1/centers/${CENTER}/update-policy`, { token });
    expect((await policy(world.tokens.a)).json).toEqual({ channel: 'beta', pinnedVersion: null, allowDowngrade: false, source: 'center' });
    await assign(server, 'workstation', 'ws-b', { channel: null, pinnedVersion: '0.2.0', allowDowngrade: true });
    expect((await policy(world.tokens.b)).json).toEqual({ channel: 'beta', pinnedVersion: '0.2.0', allowDowngrade: true, source: 'workstation' });
    // Another center's token: 403; clearing both fields removes the assignment.
    expect((await call(server, 'GET', `/v1/centers/${CENTER}/update-policy`, { token: world.tokens.x })).status).toBe(403);
    await assign(server, 'workstation', 'ws-b', { channel: null, pinnedVersion: null });
    expect((await policy(world.tokens.b)).json).toMatchObject({ source: 'center', pinnedVersion: null });
    const list = (await call(server, 'GET', '/v1/admin/update-assignments', { token: server.adminToken })).json as { assignments: unknown[] };
    expect(list.assignments).toEqual([expect.objectContaining({ scope: 'center', id: CENTER, channel: 'beta' })]);
  });

  it('refuses a pin to an unknown version and an assignment of an unknown center or workstation', async () => {
    expect((await assign(server, 'workstation', 'ws-a', { channel: null, pinnedVersion: '7.7.7' })).json).toMatchObject({ error: { code: 'unknown_release' } });
    expect((await assign(server, 'center', 'sc-none', { channel: 'beta', pinnedVersion: null })).json).toMatchObject({ error: { code: 'unknown_center' } });
    expect((await assign(server, 'workstation', 'ws-none', { channel: 'beta', pinnedVersion: null })).json).toMatchObject({ error: { code: 'unknown_workstation' } });
    expect((await assign(server, 'workstation', 'ws-a', { channel: 'nightly' as 'beta', pinnedVersion: null })).status).toBe(400);
  });
});

describe('the update feed: artifacts', () => {
  let bytes: Buffer;
  const path = `/v1/updates/files/0.2.0/${appImageName('0.2.0')}`;
  beforeEach(async () => {
    bytes = artifactBytes('0.2.0', 200_000);
    await upload(server, '0.2.0', appImageName('0.2.0'), bytes);
  });

  const get = (p: string, headers: Record<string, string> = {}, token = world.tokens.a) => fetch(server.url + p, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('serves the whole file, one range, a suffix range and several ranges as multipart/byteranges', async () => {
    const whole = await get(path);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const one = await get(path, { range: 'bytes=100000-' });
    expect(one.status).toBe(206);
    expect(one.headers.get('content-range')).toBe(`bytes 100000-199999/${bytes.length}`);
    expect(Buffer.from(await one.arrayBuffer()).equals(bytes.subarray(100000))).toBe(true);

    const suffix = await get(path, { range: 'bytes=-10' });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);

    const many = await get(path, { range: 'bytes=0-9, 50-59, 199990-199999' });
    expect(many.status).toBe(206);
    const boundary = /boundary=(\S+)/.exec(many.headers.get('content-type')!)![1]!;
    const body = Buffer.from(await many.arrayBuffer());
    expect(Number(many.headers.get('content-length'))).toBe(body.length);
    const parts = body.toString('latin1').split(`--${boundary}`).slice(1, -1);
    expect(parts.map((p) => /Content-Range: (.+)\r\n/.exec(p)![1])).toEqual([`bytes 0-9/${bytes.length}`, `bytes 50-59/${bytes.length}`, `bytes 199990-199999/${bytes.length}`]);
    expect(parts.map((p) => p.split('\r\n\r\n')[1]!.replace(/\r\n$/, ''))).toEqual([
      bytes.subarray(0, 10).toString('latin1'), bytes.subarray(50, 60).toString('latin1'), bytes.subarray(199990).toString('latin1'),
    ]);
  });

  it('answers 416 for a range past the end and the whole file for a stale If-Range', async () => {
    const past = await get(path, { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    const stale = await get(path, { range: 'bytes=10-', 'if-range': '"0.2.0-1"' });
    expect(stale.status).toBe(200);
    const fresh = await get(path, { range: 'bytes=10-', 'if-range': (await get(path)).headers.get('etag')! });
    expect(fresh.status).toBe(206);
  });

  it('needs a token, and serves nothing from outside the releases folder', async () => {
    expect((await fetch(server.url + path)).status).toBe(401);
    writeFileSync(join(server.dir, 'secret.AppImage'), 'not for anyone');
    writeFileSync(join(server.dir, 'releases', '0.2.0', 'unregistered.AppImage'), 'not registered');
    symlinkSync(join(server.dir, 'secret.AppImage'), join(server.dir, 'releases', '0.2.0', 'linked.AppImage'));
    expect(lstatSync(join(server.dir, 'releases', '0.2.0', 'linked.AppImage')).isSymbolicLink()).toBe(true);
    const attempts = [
      '/v1/updates/files/0.2.0/..%2F..%2Fsecret.AppImage',
      '/v1/updates/files/0.2.0/%2e%2e%2fsecret.AppImage',
      '/v1/updates/files/..%2F0.2.0/secret.AppImage',
      '/v1/updates/files/0.2.0/..%5C..%5Csecret.AppImage',
      '/v1/updates/files/0.2.0/%2Fetc%2Fpasswd',
      '/v1/updates/files/0.2.0/unregistered.AppImage',
      '/v1/updates/files/0.2.0/linked.AppImage',
      '/v1/updates/files/0.2.0/../../secret.AppImage',
      '/v1/updates/files/0.2.0/.%2e/.%2e/secret.AppImage',
    ];
    for (const p of attempts) {
      const res = await get(p);
      const text = await res.text();
      expect([400, 404], p).toContain(res.status);
      expect(text, p).not.toContain('not for anyone');
    }
  });

  it('a stored file whose size no longer matches its record is not served', async () => {
    writeFileSync(join(server.dir, 'releases', '0.2.0', appImageName('0.2.0')), bytes.subarray(0, 1000));
    const res = await get(path);
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'artifact_changed' } });
  });
});

describe('the release routes in OpenAPI', () => {
  it('documents the upload as raw bytes, the rollout PUT, assignments, the feed and the artifacts', async () => {
    const doc = (await call(server, 'GET', '/openapi.json')).json as { paths: Record<string, Record<string, { security: unknown[]; requestBody?: { content: Record<string, unknown> } }>> };
    expect(Object.keys(doc.paths['/v1/admin/releases']!.post!.requestBody!.content)).toEqual(['application/octet-stream']);
    expect(doc.paths['/v1/admin/releases/{version}']!.put!.security).toEqual([{ admin: [] }]);
    expect(doc.paths['/v1/admin/update-assignments/{scope}/{id}']!.put).toBeDefined();
    expect(doc.paths['/v1/updates/{file}']!.get!.security).toEqual([{ workstation: [] }, { admin: [] }]);
    expect(doc.paths['/v1/updates/files/{version}/{name}']!.get).toBeDefined();
    expect(doc.paths['/v1/centers/{center}/update-policy']!.get!.security).toEqual([{ workstation: [] }]);
  });
});
