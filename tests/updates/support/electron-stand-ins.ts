/**
 * Stand-ins for the two things electron-updater takes from the Electron binary, which these machines cannot run:
 * the `app` object (version, folders, quit) and the `net` module it downloads with. Everything else in the tests
 * is electron-updater's own code (AppImageUpdater, GenericProvider, isStagingMatch, the differential downloader)
 * against the real central server's feed.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import runtime from 'builder-util-runtime';
import updaterPkg, { type AppImageUpdater } from 'electron-updater';

// Default imports of CommonJS packages (DESIGN.md section 6).
const { HttpExecutor } = runtime;

/** Stands in for Electron's `app` as electron-updater's AppAdapter sees it (ElectronAppAdapter in a real shell). */
export class ElectronAppStandIn {
  readonly name = 'sc-licence-console';
  readonly isPackaged = true;
  readonly appUpdateConfigPath: string;
  readonly userDataPath: string;
  readonly baseCachePath: string;
  private readonly quitHandlers: ((exitCode: number) => void)[] = [];
  quitCalls = 0;

  constructor(
    readonly version: string,
    dir: string,
  ) {
    this.userDataPath = join(dir, 'user-data');
    this.baseCachePath = join(dir, 'cache');
    mkdirSync(this.userDataPath, { recursive: true });
    mkdirSync(this.baseCachePath, { recursive: true });
    // What electron-builder writes into resources/app-update.yml; the feed URL is set by the adapter at each check.
    this.appUpdateConfigPath = join(dir, 'app-update.yml');
    writeFileSync(this.appUpdateConfigPath, 'provider: generic\nurl: https://central.example.invalid/v1/updates\nupdaterCacheDirName: sc-licence-console-updater\n');
  }

  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  relaunch(): void {}

  /** The console quits: electron-updater's quit handler installs a downloaded update (exit code 0). */
  quit(): void {
    this.quitCalls++;
    for (const h of this.quitHandlers) h(0);
  }

  onQuit(handler: (exitCode: number) => void): void {
    this.quitHandlers.push(handler);
  }
}

/** Stands in for Electron's `net` module (ElectronHttpExecutor in a real shell): plain Node http on loopback. */
export class ElectronNetStandIn extends HttpExecutor<ClientRequest> {
  /** Every request's path and Range header, for the tests that count what was fetched. */
  readonly requests: { path: string; range: string | null }[] = [];

  createRequest(options: RequestOptions & { redirect?: string }, callback: (response: IncomingMessage) => void): ClientRequest {
    const { redirect: _redirect, ...rest } = options;
    const headers = (rest.headers ?? {}) as Record<string, unknown>;
    const range = Object.entries(headers).find(([k]) => k.toLowerCase() === 'range')?.[1];
    this.requests.push({ path: String(rest.path), range: typeof range === 'string' ? range : null });
    return httpRequest({ ...rest, agent: false }, callback);
  }
}

export interface StandInUpdater {
  updater: AppImageUpdater;
  app: ElectronAppStandIn;
  /** The installed AppImage (what APPIMAGE points at); an install replaces it. */
  appImage: string;
}

/**
 * electron-updater's Linux updater for an installation of `version` with the given per-installation id (the
 * `.updaterId` electron-updater keeps in the user data folder), built on the stand-ins above.
 */
export function standInUpdater(version: string, dir: string, stagingId: string): StandInUpdater {
  const app = new ElectronAppStandIn(version, dir);
  writeFileSync(join(app.userDataPath, '.updaterId'), stagingId);
  const appImage = join(dir, 'installed', 'sc-licence-console.AppImage');
  mkdirSync(join(dir, 'installed'), { recursive: true });
  writeFileSync(appImage, `#!/bin/sh\n# installed ${version}\nexit 0\n`, { mode: 0o755 });
  const updater = new updaterPkg.AppImageUpdater(null, app);
  (updater as unknown as { httpExecutor: ElectronNetStandIn }).httpExecutor = new ElectronNetStandIn();
  return { updater, app, appImage };
}

/** A deterministic installation id: the same thousand ids on every run. */
export function installationId(n: number): string {
  // A UUID made from a counter through a fixed permutation, so the rollout positions spread over [0, 1).
  const hex = Array.from({ length: 4 }, (_, i) => (Math.imul(n * 4 + i + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
