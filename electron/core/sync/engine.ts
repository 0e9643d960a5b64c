import { AppError } from '../../../shared/api/errors';
import { AnnouncementCounter } from '../announcements';
import type { SyncErrorInfo, SyncStatus } from '../../../shared/api/sync';
import { Backoff } from './backoff';
import { CentralError } from './central-client';
import type { CentralConnection } from './connection';
import { SyncPhases } from './phases';
import type { SyncEngineOptions } from './engine-options';

export type { SyncEngineOptions } from './engine-options';

export const LAST_SUCCESS_KEY = 'sync.lastSuccessAt';

/**
 * The sync cycle (DESIGN.md, "Sync with the central server"): push until the outbox is empty, then pull until
 * `hasMore` is false, then reference data. Started by a local write (debounced), the link coming back, a timer
 * and "Sync now"; one cycle at a time. A failed cycle waits (exponential backoff with full jitter, Retry-After as
 * a floor) and the wait resets on success. All time comes from the injected scheduler.
 */
export class SyncEngine {
  private readonly backoff: Backoff;
  private running: Promise<void> | null = null;
  private again = false;
  private cancelTimer: (() => void) | null = null;
  private cancelDebounce: (() => void) | null = null;
  private closed = false;
  private online = false;
  private syncing = false;
  private progress: SyncStatus['progress'] = null;
  private lastError: SyncErrorInfo | null = null;
  private nextAttemptAt: number | null = null;
  /** Counts the announcements (see SyncStatus.revision); a status read between two carries the last one's number. */
  private readonly revision = new AnnouncementCounter();

  private readonly phases: SyncPhases;

  constructor(private readonly o: SyncEngineOptions) {
    this.backoff = new Backoff(() => o.scheduler.random());
    this.phases = new SyncPhases(o);
    if (!o.connection && o.unavailable) this.lastError = this.errorInfo(o.unavailable);
  }

  /** The central server became known (a launched training server is up). */
  attach(connection: CentralConnection): void {
    this.o.connection = connection;
    this.lastError = null;
  }

  /** The central server could not be reached at all (a training server that did not start). */
  unavailable(error: AppError): void {
    this.lastError = this.errorInfo(error);
    this.emit();
  }

  /** Runs a cycle now and answers when it (and any cycle asked for meanwhile) has ended. */
  syncNow(): Promise<SyncStatus> {
    this.clearTimer();
    this.clearDebounce();
    return this.kick().then(() => this.status());
  }

  /** A local write: a cycle follows shortly, unless the engine is waiting out a failure (the retry takes it along). */
  noteLocalWrite(): void {
    if (this.closed || this.cancelDebounce || this.nextAttemptAt !== null) return;
    this.cancelDebounce = this.o.scheduler.after(this.o.debounceMs ?? 500, () => {
      this.cancelDebounce = null;
      // A failure since the write: its backoff timer takes the write along (Retry-After is never undercut).
      if (this.nextAttemptAt === null) void this.kick();
    });
  }

  /** The host saw the network come back: try at once instead of waiting out the backoff. */
  linkUp(): void {
    this.clearTimer();
    void this.kick();
  }

  /** Resolves once no cycle is running (tests step the scheduler, then wait for this). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.clearTimer();
    this.clearDebounce();
    this.o.connection?.client.abortAll();
    await this.running?.catch(() => undefined);
  }

  status(): SyncStatus {
    const db = this.o.sql.db;
    const count = (state: string) => db.prepare('SELECT count(*) FROM outbox WHERE state = ?').pluck().get(state) as number;
    const lastSuccess = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(LAST_SUCCESS_KEY) as string | undefined;
    return {
      online: this.online,
      lastSuccessAt: lastSuccess ?? null,
      pendingOps: this.o.outbox.pendingCount(),
      quarantinedOps: count('quarantined'),
      conflicts: db.prepare("SELECT count(*) FROM outbox WHERE state IN ('conflict', 'rejected') AND acknowledged_at IS NULL").pluck().get() as number,
      syncing: this.syncing,
      progress: this.progress,
      lastError: this.lastError,
      nextAttemptAt: this.nextAttemptAt !== null ? new Date(this.nextAttemptAt).toISOString() : null,
      enrolled: this.o.connection?.token() != null,
      revision: this.revision.current(),
    };
  }

  private kick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.again = true;
    if (!this.running) {
      this.running = this.loop().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async loop(): Promise<void> {
    while (this.again && !this.closed) {
      this.again = false;
      // A failed cycle is retried by its backoff timer, not at once by a request that came in meanwhile.
      if (!(await this.cycle())) this.again = false;
    }
  }

  private async cycle(): Promise<boolean> {
    const conn = this.o.connection;
    if (!conn) return false;
    this.syncing = true;
    this.emit();
    try {
      await this.phases.run(conn, {
        progress: (p) => this.setProgress(p),
        alive: () => this.alive(),
        answered: () => {
          this.online = true;
        },
      });
      await this.o.fleet?.send(conn, this.o.scheduler.now());
      await this.o.updatePolicy?.refresh(conn);
      this.succeeded();
      return true;
    } catch (err) {
      if (!this.closed) this.failed(err);
      return false;
    } finally {
      this.syncing = false;
      this.progress = null;
      if (!this.closed) this.emit();
    }
  }

  private succeeded(): void {
    const now = this.o.scheduler.now();
    this.backoff.reset();
    this.online = true;
    this.lastError = null;
    this.nextAttemptAt = null;
    this.o.sql.write(() =>
      this.o.sql.db
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(LAST_SUCCESS_KEY, new Date(now).toISOString()),
    );
    this.schedule(this.o.intervalMs ?? 60_000, false);
  }

  private failed(err: unknown): void {
    let retryAfter: number | null = null;
    let error: AppError;
    if (err instanceof CentralError) {
      this.online = !err.offline;
      if (err.failure.kind === 'http') retryAfter = err.failure.retryAfterMs;
      if (err.status === 401) this.o.connection?.tokenRefused();
      error = err.toAppError();
    } else if (err instanceof AppError) {
      error = err;
    } else {
      this.o.log.error({ err: err instanceof Error ? `${err.name}: ${err.message.slice(0, 200)}` : String(err) }, 'sync cycle failed');
      error = new AppError('internal', 'Sync stopped on an unexpected error; it will try again. If this repeats, send the logs to IT.');
    }
    this.lastError = this.errorInfo(error);
    this.o.fleet?.noteFailure(error.code, this.o.scheduler.now());
    const delay = this.backoff.next(retryAfter);
    this.o.log.warn({ code: error.code, retryInMs: delay }, 'sync cycle failed');
    this.schedule(delay, true);
  }

  private schedule(ms: number, afterFailure: boolean): void {
    this.clearTimer();
    if (this.closed) return;
    this.nextAttemptAt = afterFailure ? this.o.scheduler.now() + ms : null;
    this.cancelTimer = this.o.scheduler.after(ms, () => {
      this.cancelTimer = null;
      this.nextAttemptAt = null;
      void this.kick();
    });
  }

  private clearDebounce(): void {
    this.cancelDebounce?.();
    this.cancelDebounce = null;
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.nextAttemptAt = null;
  }

  /** After every await: a core closed meanwhile has no database to write to. */
  private alive(): void {
    if (this.closed) throw new AppError('internal', 'The console is closing.');
  }

  private setProgress(progress: NonNullable<SyncStatus['progress']>): void {
    this.progress = progress;
    this.emit();
  }

  /** Tells the listeners the status changed outside a cycle (a conflict acknowledged, an op requeued). */
  publishStatus(): void {
    this.emit();
  }

  private emit(): void {
    this.revision.next();
    if (this.o.onStatus && !this.closed) this.o.onStatus(this.status());
  }

  private errorInfo(e: AppError): SyncErrorInfo {
    return { code: e.code, message: e.message, at: new Date(this.o.scheduler.now()).toISOString() };
  }
}
