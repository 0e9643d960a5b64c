/**
 * electron-updater's own code (AppImageUpdater with its GenericProvider, isStagingMatch and download verification)
 * against the real central server's feed, through the console's adapter (electron/main/updater.ts). Only what needs
 * the Electron binary is stood in (support/electron-stand-ins.ts).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appImageName, assign, publishAppImage, setRollout } from '../../central/releases/release-testing';
import { CENTER, seedWorld, type World } from '../../central/test-fixtures';
import { startTempCentral, type TempCentral } from '../../central/testing';
import type { UpdateCheckRequest } from '../../electron/core/updates/controller';
import { electronUpdaterPort, type ElectronUpdaterPort } from '../../electron/main/updater';
import { tempDir } from '../support/store';
import { FaultProxy } from '../sync/support/fault-proxy';
import { installationId, standInUpdater, type StandInUpdater } from './support/electron-stand-ins';

let server: TempCentral;
let world: World;
const dirs: string[] = [];
const savedAppImage = process.env.APPIMAGE;

beforeEach(async () => {
  server = await startTempCentral();
  world = await seedWorld(server);
});
afterEach(async () => {
  await server.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
});

interface Installed extends StandInUpdater {
  port: ElectronUpdaterPort;
  events: { downloaded: string[]; failed: string[] };
  check(o?: Partial<UpdateCheckRequest> & { feedUrl?: string }): Promise<{ offeredVersion: string | null; available: boolean }>;
  /** Resolves with the downloaded version, or rejects with the failure code. */
  download(): Promise<string>;
}

/** An installed console of `version` on ws-a (or another token), as electron-updater sees it. */
function install(version: string, o: { stagingId?: string; token?: string; channel?: 'stable' | 'beta'; allowDowngrade?: boolean; feedBase?: string } = {}): Installed {
  const dir = tempDir('sc-updater-');
  dirs.push(dir);
  const stand = standInUpdater(version, dir, o.stagingId ?? installationId(0));
  // AppImageUpdater reads the running AppImage's path from the environment, as it does in an installed console.
  process.env.APPIMAGE = stand.appImage;
  const port = electronUpdaterPort(stand.updater);
  const events = { downloaded: [] as string[], failed: [] as string[] };
  let settle: { resolve(v: string): void; reject(e: Error): void } | null = null;
  port.attach({
    progress: () => {},
    downloaded: (v) => {
      events.downloaded.push(v);
      settle?.resolve(v);
    },
    failed: (code) => {
      events.failed.push(code);
      settle?.reject(Object.assign(new Error(code), { code }));
    },
  });
  const downloaded = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  downloaded.catch(() => undefined);
  return {
    ...stand,
    port,
    events,
    check: (over = {}) =>
      port.check({
        feedUrl: `${o.feedBase ?? server.url}/v1/updates/`,
        channel: o.channel ?? 'stable',
        allowDowngrade: o.allowDowngrade ?? false,
        manual: false,
        headers: { authorization: `Bearer ${o.token ?? world.tokens.a}`, 'x-console-version': version, 'x-update-check': over.manual ? 'manual' : 'auto' },
        ...over,
      }),
    download: () => downloaded,
  };
}

describe('electron-updater against the central feed', () => {
  it('finds a newer release, downloads it, verifies its sha512 and installs it when the console quits', async () => {
    const bytes = await publishAppImage(server, '0.2.0', { percent: 100 });
    const ws = install('0.1.0');
    expect(await ws.check()).toEqual({ offeredVersion: '0.2.0', available: true });
    expect(await ws.download()).toBe('0.2.0');
    // Not installed while the console runs; installed when it quits.
    expect(readFileSync(ws.appImage, 'utf8')).toContain('installed 0.1.0');
    ws.app.quit();
    expect(readFileSync(ws.appImage).equals(bytes)).toBe(true);
  });

  it('a file whose sha512 does not match is rejected, removed and not installed', async () => {
    const bytes = await publishAppImage(server, '0.2.0', { percent: 100 });
    // The stored artifact rots on the server's disk: same size, other bytes.
    const stored = join(server.dir, 'releases', '0.2.0', appImageName('0.2.0'));
    const rotten = Buffer.from(bytes);
    rotten[rotten.length - 100] = rotten[rotten.length - 100]! ^ 0xff;
    writeFileSync(stored, rotten);
    const ws = install('0.1.0');
    expect((await ws.check()).available).toBe(true);
    await expect(ws.download()).rejects.toMatchObject({ code: 'ERR_CHECKSUM_MISMATCH' });
    expect(ws.events.downloaded).toEqual([]);
    ws.app.quit();
    expect(readFileSync(ws.appImage, 'utf8')).toContain('installed 0.1.0');
  });

  it('a download cut halfway resumes from where it stopped and is verified whole', async () => {
    const bytes = await publishAppImage(server, '0.2.0', { percent: 100 }, 400_000);
    const proxy = await FaultProxy.start(server.url);
    try {
      proxy.plan({ kind: 'cut_body', after: 150_000 }, { match: (r) => r.path.includes('/v1/updates/files/') });
      const ws = install('0.1.0', { feedBase: proxy.url });
      expect((await ws.check()).available).toBe(true);
      expect(await ws.download()).toBe('0.2.0');
      const fileRequests = proxy.log.filter((r) => r.path.includes('/v1/updates/files/'));
      expect(fileRequests.map((r) => r.fault)).toEqual(['cut_body', 'pass']);
      ws.app.quit();
      expect(readFileSync(ws.appImage).equals(bytes)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('beta and stable see their own releases', async () => {
    await publishAppImage(server, '0.2.0', { percent: 100 });
    await publishAppImage(server, '0.3.0-beta.1', { channel: 'beta', percent: 100 });
    expect((await install('0.1.0', { channel: 'stable' }).check()).offeredVersion).toBe('0.2.0');
    expect((await install('0.1.0', { channel: 'beta' }).check()).offeredVersion).toBe('0.3.0-beta.1');
  });

  it("switching beta to stable on the central server never downgrades, unless IT asks for it", async () => {
    await publishAppImage(server, '0.2.0', { percent: 100 });
    await publishAppImage(server, '0.3.0-beta.1', { channel: 'beta', percent: 100 });
    await assign(server, 'center', CENTER, { channel: 'stable', pinnedVersion: null });
    // The workstation still asks for beta (its configuration); the server answers for stable, and not lower.
    const onBeta = install('0.3.0-beta.1', { channel: 'beta' });
    expect(await onBeta.check()).toEqual({ offeredVersion: '0.3.0-beta.1', available: false });
    await assign(server, 'center', CENTER, { channel: 'stable', pinnedVersion: null, allowDowngrade: true });
    const allowed = install('0.3.0-beta.1', { channel: 'stable', allowDowngrade: true });
    expect(await allowed.check()).toEqual({ offeredVersion: '0.2.0', available: true });
    // Even a feed that offers a lower version is refused by the client unless the policy allowed it.
    const stubborn = install('0.3.0-beta.1', { channel: 'stable', allowDowngrade: false });
    expect(await stubborn.check()).toEqual({ offeredVersion: '0.2.0', available: false });
  });
});

describe('staged rollout over a thousand installations', () => {
  // A thousand installed consoles, each with its own deterministic installation id; made once, checked many times.
  let fleet: Installed[] = [];
  const fleetDirs: string[] = [];
  beforeAll(() => {
    fleet = Array.from({ length: 1000 }, (_, i) => {
      const ws = install('0.1.0', { stagingId: installationId(i) });
      fleetDirs.push(dirs.pop()!);
      // Counting only: no thousand downloads. The port's check sets the rest (feed, channel, headers) each time.
      ws.updater.autoDownload = false;
      return ws;
    });
  });
  afterAll(() => fleetDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** Which version each installation takes, counted by version ('' for none). */
  async function taken(o: { manual?: boolean } = {}): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const ws of fleet) {
      process.env.APPIMAGE = ws.appImage;
      const r = await ws.check({ manual: o.manual ?? false });
      const key = r.available ? r.offeredVersion! : '';
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }
  const taking = async (o: { manual?: boolean } = {}) => 1000 - ((await taken(o))[''] ?? 0);

  it('10 % takes about a tenth (this exact set of ids: 98), 0 % none, 100 % all', { timeout: 180_000 }, async () => {
    await publishAppImage(server, '0.2.0', { percent: 10 });
    expect(await taking()).toBe(98);
    await setRollout(server, '0.2.0', { percent: 0 });
    expect(await taking()).toBe(0);
    await setRollout(server, '0.2.0', { percent: 100 });
    expect(await taking()).toBe(1000);
  });

  it("IT's manual check ignores the percentage, never a release at 0 %", async () => {
    await publishAppImage(server, '0.2.0', { percent: 10 });
    const outside = fleet.slice(0, 40);
    const manual = await Promise.all(outside.map(async (ws) => {
      process.env.APPIMAGE = ws.appImage;
      return (await ws.check({ manual: true })).available;
    }));
    expect(manual.every(Boolean)).toBe(true);
    await setRollout(server, '0.2.0', { percent: 0 });
    process.env.APPIMAGE = outside[0]!.appImage;
    expect(await outside[0]!.check({ manual: true })).toMatchObject({ available: false });
  });

  it('a second release at 10 % while the first is at 100 %: the same 98 take it, the other 902 get the first', { timeout: 120_000 }, async () => {
    // The server offers each installation the release its id falls in, by electron-updater's own formula; were the
    // two to disagree, an installation would be offered 0.3.0 and refuse it, and take nothing.
    await publishAppImage(server, '0.2.0', { percent: 100 });
    await publishAppImage(server, '0.3.0', { percent: 10 });
    expect(await taken()).toEqual({ '0.3.0': 98, '0.2.0': 902 });
  });
});
