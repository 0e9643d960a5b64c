import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishAppImage } from '../../../central/releases/release-testing';
import { startTempCentral, type TempCentral } from '../../../central/testing';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/server';
import { openCore, type Core } from '../../../electron/core';
import { electronUpdaterPort } from '../../../electron/main/updater';
import { TRAINING_CENTER_ID } from '../../../shared/training';
import { FaultProxy } from '../../sync/support/fault-proxy';
import { installationId, standInUpdater, type StandInUpdater } from './electron-stand-ins';

export interface UpdatingConsole {
  core: Core;
  stand: StandInUpdater;
  /** How many times the core asked the updater to quit and install. */
  quits: { calls: number };
  dataDir: string;
}

/**
 * A production workstation of version 0.1.0, enrolled and synced, whose core drives electron-updater's own
 * AppImageUpdater (the Electron app and net stood in) against the central server at `centralUrl` (the server itself
 * or a fault proxy in front of it). Electron's quitAndInstall is stood in by the stand-in app's quit, on which
 * electron-updater installs. The test asks for checks itself (as IT's "check now"): no timer races it.
 */
export async function openUpdatingConsole(o: { dir: string; central: TempCentral; centralUrl: string; now: number; installation: number }): Promise<UpdatingConsole> {
  const stand = standInUpdater('0.1.0', join(o.dir, 'app'), installationId(o.installation));
  process.env.APPIMAGE = stand.appImage;
  const port = electronUpdaterPort(stand.updater);
  const config = join(o.dir, 'config.json');
  writeFileSync(config, JSON.stringify({ centralUrl: o.centralUrl, centerId: TRAINING_CENTER_ID, workstationId: `ws-8041-${String(o.installation).padStart(2, '0')}` }));
  const quits = { calls: 0 };
  const dataDir = join(o.dir, 'data');
  const core = await openCore({
    dataDir,
    configPath: config,
    now: () => o.now,
    appVersion: '0.1.0',
    updater: {
      attach: (l) => port.attach(l),
      check: (r) => port.check(r),
      quitAndInstall: () => {
        quits.calls++;
        stand.app.quit();
      },
    },
    updateTiming: { firstCheckMs: 24 * 3600_000 },
  });
  try {
    await core.sync.connect();
    await core.facade['sync.enrol']({ code: await o.central.admin.issueEnrolmentCode(TRAINING_CENTER_ID) });
    await core.sync.engine.syncNow();
  } catch (err) {
    await core.close();
    throw err;
  }
  return { core, stand, quits, dataDir };
}

export interface UpdatingStack extends UpdatingConsole {
  central: TempCentral;
  /** Between the console and the central server, so a test can cut the link or hold a download halfway. */
  proxy: FaultProxy;
  host: BrowserHost;
  /** The bytes of release 0.2.0, published to every installation at the start. */
  release: Buffer;
  dir: string;
  /** The next download of a release file stops after `after` bytes, until the function returned is called. */
  holdNextDownload(after: number): () => void;
  dispose(): Promise<void>;
}

/**
 * The whole update path for a page: the real central server with release 0.2.0 published, a fault proxy in front
 * of it, the updating console above, and a browser host serving `staticDir` (the built renderer) over its core.
 */
export async function startUpdatingStack(o: { now: number; installation: number; staticDir: string; token?: string; releaseSize?: number }): Promise<UpdatingStack> {
  const savedAppImage = process.env.APPIMAGE;
  const dir = mkdtempSync(join(tmpdir(), 'sc-console-updates-'));
  const closers: (() => Promise<unknown> | unknown)[] = [() => rmSync(dir, { recursive: true, force: true })];
  const dispose = async () => {
    for (const close of closers.splice(0).reverse()) await close();
    if (savedAppImage === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = savedAppImage;
  };
  try {
    const central = await startTempCentral({ training: { seed: 5, size: 60, now: o.now }, now: () => o.now });
    closers.push(() => central.dispose());
    const release = await publishAppImage(central, '0.2.0', { percent: 100 }, o.releaseSize);
    const proxy = await FaultProxy.start(central.url);
    closers.push(() => proxy.close());
    const ws = await openUpdatingConsole({ dir, central, centralUrl: proxy.url, now: o.now, installation: o.installation });
    closers.push(() => ws.core.close());
    const host = await startBrowserHost({ core: ws.core, staticDir: o.staticDir, token: o.token });
    closers.push(() => host.close());
    const holdNextDownload = (after: number) => {
      let finish!: () => void;
      const until = new Promise<void>((resolve) => (finish = resolve));
      proxy.plan({ kind: 'pause_body', after, until }, { match: (r) => r.path.endsWith('.AppImage') });
      // A test that ends before it lets the download finish must not leave the proxy's answer hanging.
      closers.push(finish);
      return finish;
    };
    return { ...ws, central, proxy, host, release, dir, holdNextDownload, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
