import pkg from 'electron-updater';
import type { Logger } from '../core/log';

// A default import: electron-updater is CommonJS and named ESM imports of it fail silently (DESIGN.md section 6).
// `pkg.autoUpdater` is a lazy getter that builds the platform updater: read it only inside startUpdater.

export type UpdateChannel = 'stable' | 'beta';

export interface UpdaterOptions {
  channel: UpdateChannel;
  /** The central server's update feed from settings; without it the URL baked in at packaging (app-update.yml). */
  feedUrl?: string;
  log: Logger;
  checkEveryMs?: number;
}

/**
 * Downloads updates in the background and installs them when the app quits. It never restarts the app itself,
 * so an open decision is never interrupted (DESIGN.md section 3, "Updates and operations").
 * Channels follow electron-builder's scheme on one feed: stable reads latest*.yml, beta reads beta*.yml.
 */
export function startUpdater(options: UpdaterOptions): { stop(): void } {
  const { autoUpdater } = pkg;
  const log = options.log.child({ component: 'updater' });
  autoUpdater.logger = {
    info: (m?: unknown) => log.info(String(m)),
    warn: (m?: unknown) => log.warn(String(m)),
    error: (m?: unknown) => log.error(String(m)),
    debug: (m: string) => log.debug(m),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  if (options.feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  autoUpdater.channel = options.channel === 'beta' ? 'beta' : 'latest';
  // Setting a channel turns downgrades on; a misconfigured feed must not roll a workstation back mid-shift.
  autoUpdater.allowDowngrade = false;
  autoUpdater.on('update-downloaded', (info) => log.info({ version: info.version }, 'update downloaded; installs on quit'));

  const check = () => {
    // Offline is routine (power cuts, alarms): a failed check is logged and retried on the next tick.
    autoUpdater.checkForUpdates().catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message.slice(0, 200) : String(err) }, 'update check failed'));
  };
  const first = setTimeout(check, 30_000);
  const timer = setInterval(check, options.checkEveryMs ?? 4 * 60 * 60 * 1000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
