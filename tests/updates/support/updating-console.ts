import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TempCentral } from '../../../central/testing';
import { openCore, type Core } from '../../../electron/core';
import { electronUpdaterPort } from '../../../electron/main/updater';
import { TRAINING_CENTER_ID } from '../../../shared/training';
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
