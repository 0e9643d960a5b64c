import { AppError } from '../../../shared/api/errors';
import type { RestartNowInput, UpdateStatus } from '../../../shared/api/updates';
import { UPDATE_HEADERS, type UpdateChannel } from '../../../shared/sync/releases';
import { AnnouncementCounter } from '../announcements';
import type { Logger } from '../log';
import type { SyncScheduler } from '../sync/scheduler';
import type { UpdatePolicyStore } from './policy';

/** One check of the feed, as the updater adapter (electron/main/updater.ts) runs it with electron-updater. */
export interface UpdateCheckRequest {
  /** The central server's feed, `<centralUrl>/v1/updates/`. */
  feedUrl: string;
  channel: UpdateChannel;
  allowDowngrade: boolean;
  /** IT's "check now": the adapter lets electron-updater skip its staging-percentage test. */
  manual: boolean;
  /** The workstation's token, the running version and the kind of check (shared/sync/releases.ts). */
  headers: Record<string, string>;
}

/** What the adapter reports back: found and downloading, download progress, downloaded and verified, failed. */
export interface UpdaterListener {
  progress(percent: number): void;
  downloaded(version: string): void;
  failed(code: string, message: string): void;
}

/** electron-updater behind a small port: the core decides when, the adapter knows how. */
export interface UpdaterPort {
  attach(listener: UpdaterListener): void;
  /** Reads the feed; an update that is newer (or allowed lower) starts downloading in the background. */
  check(request: UpdateCheckRequest): Promise<{ offeredVersion: string | null; available: boolean }>;
  /** Quits the console and runs the downloaded installer. */
  quitAndInstall(): void;
}

export interface UpdateControllerOptions {
  port: UpdaterPort;
  policy: UpdatePolicyStore;
  currentVersion: string;
  centralUrl: string;
  token(): string | null;
  /** Whether the central server answered the last sync: automatic checks run only while the link is up. */
  linkUp(): boolean;
  scheduler: SyncScheduler;
  log: Logger;
  onChange(status: UpdateStatus): void;
  /**
   * Closes the core before the installer runs: the sync engine finishes the transaction it is in and stops, the
   * outbox stays as it is (it drains after the update), the database and the data-folder lock are released.
   */
  prepareForRestart(): Promise<void>;
  /** The first check after start (the window paints first); then every `intervalMs` while the link is up. */
  firstCheckMs?: number;
  intervalMs?: number;
}

const HOUR = 3_600_000;

/**
 * When the console looks for updates and when it may install one (DESIGN.md, "Updates and operations"): on start
 * and every few hours while the link is up, downloaded in the background, installed only when the console quits or
 * when the operator chooses "restart now" with no dialog open and no decision half made.
 */
export class UpdateController {
  private phase: UpdateStatus['phase'] = 'idle';
  private availableVersion: string | null = null;
  private readyVersion: string | null = null;
  private progressPercent: number | null = null;
  private lastCheckAt: number | null = null;
  private lastError: UpdateStatus['lastError'] = null;
  private checking: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  /** A scheduled check found the link down: it runs when the link is back. */
  private due = false;
  private closed = false;
  private readonly log: Logger;
  /** Counts the announcements (see UpdateStatus.revision); a status read between two carries the last one's number. */
  private readonly revision = new AnnouncementCounter();

  constructor(private readonly o: UpdateControllerOptions) {
    this.log = o.log.child({ component: 'updater' });
    o.port.attach({
      progress: (percent) => {
        this.progressPercent = Math.max(0, Math.min(100, Math.round(percent)));
        if (this.phase !== 'ready') this.phase = 'downloading';
        this.emit();
      },
      downloaded: (version) => {
        this.readyVersion = version;
        this.phase = 'ready';
        this.progressPercent = null;
        this.lastError = null;
        this.log.info({ event: 'update.downloaded', version }, 'update downloaded and verified; installs when the console quits');
        this.emit();
      },
      failed: (code, message) => {
        // A file that failed its sha512 is gone already (electron-updater deletes it); the next check fetches it again.
        this.lastError = { code, message: message.slice(0, 300) };
        this.phase = this.readyVersion ? 'ready' : 'failed';
        this.progressPercent = null;
        this.log.warn({ event: 'update.download_failed', code, version: this.availableVersion }, 'update download failed');
        this.emit();
      },
    });
  }

  start(): void {
    this.schedule(this.o.firstCheckMs ?? 30_000);
  }

  /** The sync status changed: a check that fell due while the link was down runs now. */
  noteLink(up: boolean): void {
    if (up && this.due && !this.closed) {
      this.due = false;
      void this.check(false);
    }
  }

  status(): UpdateStatus {
    const policy = this.o.policy.effective();
    return {
      phase: this.phase,
      currentVersion: this.o.currentVersion,
      channel: policy.channel,
      channelFrom: policy.channelFrom,
      availableVersion: this.availableVersion,
      readyVersion: this.readyVersion,
      progressPercent: this.progressPercent,
      lastCheckAt: this.lastCheckAt === null ? null : new Date(this.lastCheckAt).toISOString(),
      lastError: this.lastError,
      revision: this.revision.current(),
    };
  }

  /** IT's channel or pin changed on the central server: the window is told the channel now in force. */
  policyChanged(): void {
    this.emit();
  }

  /** IT's "check now": ignores the rollout percentage (the automatic check never does). */
  async checkNow(): Promise<UpdateStatus> {
    await this.check(true);
    return this.status();
  }

  /** The operator's "restart now". Refused unless an update is ready and nothing is in progress in the window. */
  async restartNow(input: RestartNowInput): Promise<UpdateStatus> {
    if (this.phase !== 'ready' || !this.readyVersion) {
      throw new AppError('update_not_ready', 'No update has been downloaded yet; the console keeps working and tells you when one is ready.');
    }
    if (input.dialogOpen || input.unsavedDecision) {
      throw new AppError('update_busy', 'Finish or close the open dialog and the decision in progress first; the update waits and also installs when the console is closed.');
    }
    this.log.info({ event: 'update.restart', version: this.readyVersion }, 'restarting to install the update');
    const status = this.status();
    this.close();
    await this.o.prepareForRestart();
    this.o.port.quitAndInstall();
    return status;
  }

  close(): void {
    this.closed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private schedule(ms: number): void {
    this.cancelTimer?.();
    if (this.closed) return;
    this.cancelTimer = this.o.scheduler.after(ms, () => {
      this.cancelTimer = null;
      if (this.o.linkUp()) void this.check(false);
      else this.due = true;
      this.schedule(this.o.intervalMs ?? 4 * HOUR);
    });
  }

  private check(manual: boolean): Promise<void> {
    // One check at a time; a manual one asked for during an automatic one waits for it, then runs as manual.
    const run = async () => {
      await this.checking?.catch(() => undefined);
      await this.runCheck(manual);
    };
    const p = run().finally(() => {
      if (this.checking === p) this.checking = null;
    });
    this.checking = p;
    return p;
  }

  private async runCheck(manual: boolean): Promise<void> {
    if (this.closed) return;
    const token = this.o.token();
    if (!token) {
      this.lastError = { code: 'not_enrolled', message: 'The workstation is not enrolled with the central server, so it cannot fetch updates.' };
      this.emit();
      return;
    }
    const policy = this.o.policy.effective();
    const before = this.phase;
    if (before !== 'ready' && before !== 'downloading') this.phase = 'checking';
    this.emit();
    try {
      const result = await this.o.port.check({
        feedUrl: `${this.o.centralUrl.replace(/\/+$/, '')}/v1/updates/`,
        channel: policy.channel,
        allowDowngrade: policy.allowDowngrade,
        manual,
        headers: {
          authorization: `Bearer ${token}`,
          [UPDATE_HEADERS.version]: this.o.currentVersion,
          [UPDATE_HEADERS.check]: manual ? 'manual' : 'auto',
        },
      });
      this.lastCheckAt = this.o.scheduler.now();
      this.lastError = null;
      if (result.available && result.offeredVersion !== this.readyVersion) {
        this.availableVersion = result.offeredVersion;
        this.phase = 'downloading';
        this.progressPercent = 0;
        this.log.info({ event: 'update.available', version: result.offeredVersion, channel: policy.channel, manual }, 'update found; downloading in the background');
      } else {
        if (this.phase === 'checking') this.phase = this.readyVersion ? 'ready' : 'idle';
        this.log.info({ event: 'update.none', offered: result.offeredVersion, channel: policy.channel, manual }, 'no update to take');
      }
    } catch (err) {
      this.lastCheckAt = this.o.scheduler.now();
      const code = (err as { code?: unknown }).code;
      this.lastError = { code: typeof code === 'string' ? code.slice(0, 64) : 'update_check_failed', message: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
      if (this.phase === 'checking') this.phase = this.readyVersion ? 'ready' : 'failed';
      // Offline is routine (air alarms, power cuts): a failed check is retried at the next one.
      this.log.warn({ event: 'update.check_failed', code: this.lastError.code, manual }, 'update check failed');
    }
    this.emit();
  }

  private emit(): void {
    this.revision.next();
    if (!this.closed) this.o.onChange(this.status());
  }
}

/** The status of a console whose updates are managed elsewhere (training mode, the browser host, an unpackaged build). */
export function updatesOff(currentVersion: string, channel: UpdateChannel): UpdateStatus {
  return {
    phase: 'off', currentVersion, channel, channelFrom: 'config',
    availableVersion: null, readyVersion: null, progressPercent: null, lastCheckAt: null, lastError: null,
    // Never announced: whatever a window reads of it is as new as it gets.
    revision: new AnnouncementCounter().current(),
  };
}
