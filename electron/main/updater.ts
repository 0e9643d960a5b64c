import runtime, { type DownloadOptions } from 'builder-util-runtime';
import type { AppUpdater, UpdateInfo } from 'electron-updater';
import type { UpdateCheckRequest, UpdaterListener, UpdaterPort } from '../core/updates/controller';
import { resumableDownload, type RequestFactory, type RequestOptions } from '../core/updates/resumable-download';
import type { Logger } from '../core/log';

// Default imports of CommonJS packages, as for electron-updater (DESIGN.md section 6).
const { CancellationError, configureRequestOptions } = runtime;

/**
 * electron-updater behind the core's UpdaterPort (electron/core/updates/controller.ts decides when to check and when
 * a restart may happen). Only what electron-updater itself needs is here: the generic provider on the central
 * server's feed, the channel, the downgrade switch, the request headers, the manual check that skips the staging
 * percentage, resumable downloads, and the install. It takes the updater as an argument: the shell passes
 * `autoUpdater` (electron-updater's default import, DESIGN.md section 6), the tests an AppImageUpdater built with
 * stand-ins for what needs the Electron binary.
 */
export interface ElectronUpdaterPort extends UpdaterPort {
  /** The shell's logger arrives after the core opened; until then electron-updater logs nowhere. */
  useLogger(log: Logger): void;
}

export function electronUpdaterPort(updater: AppUpdater): ElectronUpdaterPort {
  let listener: UpdaterListener | null = null;
  let manual = false;
  let log: Logger | null = null;
  updater.logger = {
    info: (m?: unknown) => log?.debug({ component: 'electron-updater' }, String(m).slice(0, 500)),
    warn: (m?: unknown) => log?.warn({ component: 'electron-updater' }, String(m).slice(0, 500)),
    error: (m?: unknown) => log?.warn({ component: 'electron-updater' }, String(m).slice(0, 500)),
  };
  updater.autoDownload = true;
  // Quitting the console installs a downloaded update; nothing else restarts it.
  updater.autoInstallOnAppQuit = true;
  // IT's "check now" takes a release whatever its rollout percentage; an automatic check keeps electron-updater's own test.
  const stagingMatch = updater.isUserWithinRollout;
  updater.isUserWithinRollout = (info: UpdateInfo) => (manual ? true : stagingMatch(info));
  enableResumableDownloads(updater);
  updater.on('download-progress', (p: { percent: number }) => listener?.progress(p.percent));
  updater.on('update-downloaded', (info: UpdateInfo) => listener?.downloaded(info.version));

  return {
    useLogger(l) {
      log = l;
    },
    attach(l) {
      listener = l;
    },
    async check(req: UpdateCheckRequest) {
      updater.setFeedURL({ provider: 'generic', url: req.feedUrl });
      // Setting a channel turns downgrades on in electron-updater: the switch is set right after, from IT's decision.
      updater.channel = req.channel === 'beta' ? 'beta' : 'latest';
      updater.allowDowngrade = req.allowDowngrade;
      updater.requestHeaders = req.headers;
      manual = req.manual;
      try {
        const result = await updater.checkForUpdates();
        if (!result) return { offeredVersion: null, available: false };
        result.downloadPromise?.catch((err: unknown) => {
          if (err instanceof CancellationError) return;
          const code = (err as { code?: unknown }).code;
          listener?.failed(typeof code === 'string' ? code : 'ERR_UPDATE_DOWNLOAD', err instanceof Error ? err.message : String(err));
        });
        return { offeredVersion: result.updateInfo.version, available: result.isUpdateAvailable };
      } finally {
        manual = false;
      }
    },
    quitAndInstall() {
      // Silent (the operator already chose), then the console starts again on the new version.
      updater.quitAndInstall(true, true);
    },
  };
}

type Executor = {
  createRequest(options: unknown, callback: (response: never) => void): ReturnType<RequestFactory>;
  download?(url: URL, destination: string, options: DownloadOptions): Promise<string>;
};

/**
 * electron-updater downloads a file in one go and starts again from nothing when the link drops. This puts the core's
 * resumable download in its place, on electron-updater's own HTTP executor (Electron's net with its session and
 * proxy settings in the shell): a cut transfer continues with a Range request, the sha512 covers the whole file.
 */
export function enableResumableDownloads(updater: AppUpdater): void {
  const executor = (updater as unknown as { httpExecutor: Executor | null }).httpExecutor;
  if (!executor) throw new Error('electron-updater has no HTTP executor to download with');
  const request: RequestFactory = (options: RequestOptions, onResponse) => executor.createRequest(configureRequestOptions({ ...options }), onResponse as (r: never) => void);
  executor.download = (url, destination, options) =>
    resumableDownload({
      url,
      destination,
      headers: stringHeaders(options.headers),
      sha512: options.sha512 ?? null,
      request,
      cancelled: () => options.cancellationToken.cancelled,
      onCancel: (fn) => void options.cancellationToken.once('cancel', fn),
      cancelledError: () => new CancellationError(),
      onProgress: options.onProgress,
    });
}

function stringHeaders(headers: DownloadOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}
