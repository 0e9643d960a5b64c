/**
 * The console's update behaviour end to end: a production workstation (real SQLite, real sync with the real central
 * server) whose core drives electron-updater's own AppImageUpdater through the shell's adapter, on a stepped clock.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assign, publishAppImage } from '../../central/releases/release-testing';
import { startTempCentral, type TempCentral } from '../../central/testing';
import type { UpdaterPort } from '../../electron/core/updates/controller';
import { electronUpdaterPort } from '../../electron/main/updater';
import type { UpdateStatus } from '../../shared/api/updates';
import type { FleetList } from '../../shared/sync/fleet';
import { TEST_NOW } from '../support/deciding';
import { tempDir } from '../support/store';
import { FaultProxy } from '../sync/support/fault-proxy';
import { ADMIN, approvable, claimAndApprove, openWorkstation, outboxStates, type Workstation } from '../sync/support/workstation';
import { installationId, standInUpdater, type StandInUpdater } from './support/electron-stand-ins';

const HOUR = 3_600_000;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
const savedAppImage = process.env.APPIMAGE;
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  if (savedAppImage === undefined) delete process.env.APPIMAGE;
  else process.env.APPIMAGE = savedAppImage;
});

interface Rig {
  central: TempCentral;
  proxy: FaultProxy;
  ws: Workstation;
  stand: StandInUpdater;
  quits: { calls: number };
  feedRequests(): number;
}

/**
 * A workstation of version 0.1.0 with its updater. Electron's quitAndInstall (quit, then electron-updater installs
 * from its quit handler) is stood in by the stand-in app's quit: the rest of the install is electron-updater's.
 */
async function rig(o: { firstCheckMs?: number; intervalMs?: number } = {}): Promise<Rig> {
  const central = await startTempCentral({ training: { seed: 91, size: 20, now: TEST_NOW }, now: () => TEST_NOW });
  cleanups.push(() => central.dispose());
  const proxy = await FaultProxy.start(central.url);
  cleanups.push(() => proxy.close());
  const dir = tempDir('sc-updater-ws-');
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const stand = standInUpdater('0.1.0', dir, installationId(3));
  process.env.APPIMAGE = stand.appImage;
  const quits = { calls: 0 };
  const port = electronUpdaterPort(stand.updater);
  const updater: UpdaterPort = {
    attach: (l) => port.attach(l),
    check: (r) => port.check(r),
    // ElectronQuitStandIn: what autoUpdater.quitAndInstall does in Electron is to quit the app; the quit handler installs.
    quitAndInstall: () => {
      quits.calls++;
      stand.app.quit();
    },
  };
  const ws = await openWorkstation(central, proxy.url, { id: 'ws-a', appVersion: '0.1.0', updater, updateTiming: { firstCheckMs: o.firstCheckMs ?? 30_000, intervalMs: o.intervalMs ?? 4 * HOUR } });
  cleanups.push(() => ws.dispose());
  return { central, proxy, ws, stand, quits, feedRequests: () => proxy.log.filter((r) => /\/v1\/updates\/[^/]+\.yml/.test(r.path)).length };
}

/** Waits (real time, bounded) for the update status to satisfy `done`: downloads run on real sockets. */
async function statusWhen(ws: Workstation, done: (s: UpdateStatus) => boolean): Promise<UpdateStatus> {
  for (let i = 0; i < 200; i++) {
    const s = await ws.ok<UpdateStatus>('updates.status');
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`update status never got there: ${JSON.stringify(await ws.ok('updates.status'))}`);
}

describe('the console and its updates', () => {
  it('checks on start and every few hours while the link is up, downloads in the background, and never checks while the link is down', async () => {
    const { central, proxy, ws, feedRequests } = await rig();
    await publishAppImage(central, '0.2.0', { percent: 100 });
    await ws.sync();
    expect(feedRequests()).toBe(0);
    await ws.advance(30_000);
    const ready = await statusWhen(ws, (s) => s.phase === 'ready');
    expect(ready).toMatchObject({ currentVersion: '0.1.0', readyVersion: '0.2.0', channel: 'stable', channelFrom: 'config', lastError: null });
    expect(feedRequests()).toBe(1);

    // The link drops: the four-hourly check waits for it instead of failing.
    proxy.cut();
    await ws.sync();
    await ws.advance(4 * HOUR);
    expect(feedRequests()).toBe(1);
    proxy.heal();
    await ws.sync();
    await statusWhen(ws, () => feedRequests() === 2);
  });

  it("the channel IT sets on the central server reaches the workstation with its next sync; the configuration's stays the default", async () => {
    const { central, ws } = await rig({ firstCheckMs: 24 * HOUR });
    await publishAppImage(central, '0.3.0-beta.1', { channel: 'beta', percent: 100 });
    expect(await ws.ok('updates.status')).toMatchObject({ channel: 'stable', channelFrom: 'config' });
    await assign(central, 'center', 'sc-8041', { channel: 'beta', pinnedVersion: null });
    expect(await ws.ok('updates.status')).toMatchObject({ channel: 'stable' });
    await ws.sync();
    expect(await ws.ok('updates.status')).toMatchObject({ channel: 'beta', channelFrom: 'central' });
    // The fleet view shows the channel in force.
    await ws.sync();
    const fleet = (await (await fetch(`${central.url}/v1/admin/fleet`, { headers: { authorization: `Bearer ${central.adminToken}` } })).json()) as FleetList;
    expect(fleet.workstations.find((w) => w.workstationId === 'ws-a')).toMatchObject({ channel: 'beta' });
    // IT's manual check (a supervisor at the workstation) finds the beta release.
    await ws.signIn({ login: 'supervisor', password: 'supervisor-training-1' });
    expect(await ws.ok('updates.checkNow')).toMatchObject({ availableVersion: '0.3.0-beta.1' });
    await assign(central, 'center', 'sc-8041', { channel: null, pinnedVersion: null });
    await ws.sync();
    expect(await ws.ok('updates.status')).toMatchObject({ channel: 'stable', channelFrom: 'config' });
  });

  it('a manual check by an administrator is refused; one by a supervisor ignores the rollout percentage', async () => {
    const { central, ws } = await rig({ firstCheckMs: 24 * HOUR });
    await publishAppImage(central, '0.2.0', { percent: 1 });
    await ws.signIn(ADMIN);
    expect(await ws.call('updates.checkNow')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ws.ok('auth.signOut');
    await ws.signIn({ login: 'supervisor', password: 'supervisor-training-1' });
    expect(await ws.ok('updates.checkNow')).toMatchObject({ phase: 'downloading', availableVersion: '0.2.0' });
    await statusWhen(ws, (s) => s.phase === 'ready');
  });

  it('restart now waits for open dialogs and decisions; then the core closes with the outbox kept, the update installs, and the new version sends it', async () => {
    const { central, proxy, ws, stand, quits } = await rig();
    const bytes = await publishAppImage(central, '0.2.0', { percent: 100 });
    await ws.signIn(ADMIN);
    await ws.sync();
    expect(await ws.call('updates.restartNow', { dialogOpen: false, unsavedDecision: false })).toMatchObject({ ok: false, error: { code: 'update_not_ready' } });
    await ws.advance(30_000);
    await statusWhen(ws, (s) => s.phase === 'ready');

    proxy.cut();
    await claimAndApprove(ws, approvable(ws, 1));
    expect(await ws.call('updates.restartNow', { dialogOpen: true, unsavedDecision: false })).toMatchObject({ ok: false, error: { code: 'update_busy' } });
    expect(await ws.call('updates.restartNow', { dialogOpen: false, unsavedDecision: true })).toMatchObject({ ok: false, error: { code: 'update_busy' } });
    expect(quits.calls).toBe(0);
    expect(readFileSync(stand.appImage, 'utf8')).toContain('installed 0.1.0');

    expect(await ws.call('updates.restartNow', { dialogOpen: false, unsavedDecision: false })).toMatchObject({ ok: true, value: { readyVersion: '0.2.0' } });
    expect(quits.calls).toBe(1);
    expect(readFileSync(stand.appImage).equals(bytes)).toBe(true);
    // The core closed: the folder's lock is free and the ops wait in the file as they were.
    await ws.reopen();
    expect(outboxStates(ws)).toMatchObject({ pending: 2 });
    proxy.heal();
    await ws.sync();
    expect(outboxStates(ws).pending ?? 0).toBe(0);
  });

  it('update log lines carry versions and codes only', async () => {
    const { central, ws } = await rig();
    await publishAppImage(central, '0.2.0', { percent: 100 });
    await ws.sync();
    await ws.advance(30_000);
    await statusWhen(ws, (s) => s.phase === 'ready');
    await ws.reopen();
    const lines = readFileSync(join(ws.dir, 'logs', 'console.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const updateLines = lines.filter((l) => typeof l.event === 'string' && /^(update|db)\./.test(l.event));
    expect(updateLines.map((l) => l.event)).toEqual(expect.arrayContaining(['update.available', 'update.downloaded']));
    const token = ws.core.sync.connection!.token()!;
    for (const line of updateLines) {
      const text = JSON.stringify(line);
      expect(text).not.toContain(token);
      expect(Object.keys(line).filter((k) => !['level', 'time', 'pid', 'msg', 'event', 'component', 'version', 'channel', 'manual', 'offered', 'code', 'pinnedVersion', 'allowDowngrade', 'source'].includes(k)), text).toEqual([]);
    }
  });
});
