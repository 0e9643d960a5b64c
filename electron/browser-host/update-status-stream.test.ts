import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAppImage } from '../../central/releases/release-testing';
import { startTempCentral, type TempCentral } from '../../central/testing';
import type { UpdateStatus } from '../../shared/api/updates';
import { tempDir } from '../../tests/support/store';
import { FaultProxy } from '../../tests/sync/support/fault-proxy';
import { openUpdatingConsole, type UpdatingConsole } from '../../tests/updates/support/updating-console';
import { hostRequests } from './host-testing';
import { startBrowserHost, type BrowserHost } from './server';

/**
 * A page that opens its event stream mid-download (it loaded, signed in or reconnected) must not wait for the next
 * progress step to learn the download's state, nor miss the end announced before it opened. A production console
 * downloads a real release with electron-updater (the Electron app and net stood in) from the real central server,
 * through a fault proxy that holds the download halfway until the test lets it finish.
 */
const NOW = Date.parse('2026-11-27T08:00:00Z');
const SIZE = 64 * 1024;
let dir: string;
let central: TempCentral;
let proxy: FaultProxy;
let ws: UpdatingConsole;
let host: BrowserHost;
let requests: ReturnType<typeof hostRequests>;
const savedAppImage = process.env.APPIMAGE;

beforeAll(async () => {
  dir = tempDir('sc-host-updates-');
  central = await startTempCentral({ training: { seed: 5, size: 20, now: NOW }, now: () => NOW });
  await publishAppImage(central, '0.2.0', { percent: 100 }, SIZE);
  proxy = await FaultProxy.start(central.url);
  ws = await openUpdatingConsole({ dir, central, centralUrl: proxy.url, now: NOW, installation: 11 });
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  host = await startBrowserHost({ core: ws.core, staticDir, token: 'test-token' });
  requests = hostRequests(host.port, 'test-token');
});

afterAll(async () => {
  await host?.close();
  await ws?.core.close();
  await proxy?.close();
  await central?.dispose();
  rmSync(dir, { recursive: true, force: true });
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
});

const updateStatus = async () => JSON.parse((await requests.call('updates.status', {})).body).value as UpdateStatus;

describe('the browser host and the update status', () => {
  it('a new event stream starts with the update status as it is now: mid-download, and after the download ended', async () => {
    let finish!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    proxy.plan({ kind: 'pause_body', after: SIZE / 2, until: held }, { match: (r) => r.path.endsWith('.AppImage') });
    await ws.core.updates!.checkNow();
    // Half the file has arrived and the rest is held: nothing more is announced until the test lets it through.
    await expect.poll(async () => (await updateStatus()).progressPercent, { timeout: 15_000 }).toBe(50);
    const midDownload = await updateStatus();
    expect(midDownload).toMatchObject({ phase: 'downloading', availableVersion: '0.2.0' });

    const opened = await requests.openStream(null);
    try {
      await expect.poll(() => opened.updates).toEqual([midDownload]);
      finish();
      // The stream that was open hears the end as it happens, as a later announcement than the one it opened with.
      await expect.poll(() => opened.updates.at(-1)?.phase, { timeout: 15_000 }).toBe('ready');
      expect(opened.updates.at(-1)!.revision.n).toBeGreaterThan(midDownload.revision.n);
    } finally {
      opened.close();
    }

    // A page that reconnects after the end was announced starts from the end, not from the download it last saw.
    const ended = await updateStatus();
    expect(ended).toMatchObject({ phase: 'ready', readyVersion: '0.2.0', progressPercent: null });
    const reopened = await requests.openStream(null);
    try {
      await expect.poll(() => reopened.updates).toEqual([ended]);
    } finally {
      reopened.close();
    }
  });
});
