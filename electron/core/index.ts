import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ApiFacade, EventName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { TRAINING_CENTER_ID } from '../../shared/training';
import { loadConfig, type ConsoleMode } from './config';
import { createLogger, type Logger } from './log';
import type { Db } from './store/database';
import { openDatabaseWithUpgrade, type UpgradeOutcome } from './store/upgrade';
import { lockDataFolder } from './store/lock';
import { qb, SqlRunner } from './store/sql';
import { ApplicationReader } from './services/applications';
import { DeadlineModel } from './services/deadlines';
import { PULL_CURSOR_KEY, PullApplier } from './services/pull-apply';
import { QueueQueries } from './services/queue-query';
import { ReportQueries } from './services/reports/report-query';
import { ReportPeriodSchema, type ReportPeriod } from '../../shared/reports/period';
import type { ReportResult } from '../../shared/reports/result';
import { trainingCentralArgs, trainingImageSource } from './training';
import { createDecidingServices } from './services/deciding';
import { DEFAULT_RETENTION_DAYS, PersonalDataPurge } from './services/personal-data-purge';
import type { AuditHead } from './services/audit';
import { createFacade } from './facade';
import { bundleFileName, writeDiagnosticsBundle } from './diagnostics/bundle';
import type { DiagnosticsExport } from '../../shared/api/diagnostics';
import { createSync, type CentralLauncher, type SyncServices, type SyncScheduler, type SyncTuning } from './sync';
import { realScheduler } from './sync/scheduler';
import { UpdateController, updatesOff, type UpdaterPort } from './updates/controller';
import { UpdatePolicyStore, UpdatePolicySync } from './updates/policy';
import type { UpdateStatus } from '../../shared/api/updates';

export interface CoreOptions {
  dataDir: string;
  /** The configuration file IT deploys; absent means training mode. Defaults to `<dataDir>/config.json`. */
  configPath?: string;
  logDir?: string;
  logToStdout?: boolean;
  /** The clock; tests and training sessions may pin it. */
  now?: () => number;
  /** Electron build of better-sqlite3's addon, passed by the shell. */
  nativeBinding?: string;
  training?: { seed?: number; size?: number; includeHostile?: boolean };
  appVersion?: string;
  /**
   * How to start the reference central server as a child process in training mode (the host knows where it is
   * and how to run it). Without it, and without `central`, a training core has no server and stays empty.
   */
  centralLauncher?: CentralLauncher;
  /** A central server that is already running (tests start one in-process); training mode uses it instead of launching. */
  central?: { url: string };
  /** Time for sync (backoff, debounce, timeouts); tests pass a stepped scheduler. Defaults to real timers on `now`. */
  syncScheduler?: SyncScheduler;
  syncTuning?: SyncTuning;
  /**
   * electron-updater behind its port (electron/main/updater.ts); given by a packaged shell only. A production
   * console then checks the central server's feed; training mode and the browser host never update themselves.
   */
  updater?: UpdaterPort;
  /** When the updater checks: the first check after start, then the interval (tests step a scheduler instead). */
  updateTiming?: { firstCheckMs?: number; intervalMs?: number; scheduler?: SyncScheduler };
  /** When the personal-data purge runs: soon after start, then daily (tests step a scheduler instead). */
  purgeTiming?: { firstRunMs?: number; scheduler?: SyncScheduler };
}

/** Who an event is for: every window, or only the window(s) holding one session (by its key, `sessionKey(credential)`). */
export interface EventAudience {
  sessionKey: string;
}
export { sessionKey } from './services/sessions';
export type { Caller } from './services/caller';

export type CoreEventListener = (name: EventName, payload: unknown, audience?: EventAudience) => void;

export interface Core {
  facade: ApiFacade;
  onEvent(listener: CoreEventListener): () => void;
  info: { mode: 'training' | 'production'; dbFile: string; centerId: string; workstationId: string; channel: 'stable' | 'beta'; printer: string | null };
  log: Logger;
  db: Db;
  /** The latest audit entry; each push carries it as the anchor of the hash chain. */
  auditHead(): AuditHead;
  /** Writes the diagnostics bundle (the Electron menu item passes the file the user chose). */
  exportDiagnostics(file?: string): DiagnosticsExport;
  /**
   * This center's report for a period, as `reports.get` answers it (shared/reports/result.ts), without a session:
   * what a sync test compares with the central server's report of the same center.
   */
  report(period: ReportPeriod): ReportResult;
  /** The sync engine and its parts (status, triggers, reports). */
  sync: SyncServices;
  /** The console's own updates; null in training mode and without an updater. */
  updates: UpdateController | null;
  /** The purge of finished applications' personal data after the retention period. */
  purge: PersonalDataPurge;
  /** The database upgrade this start made (a backup first), or null when the schema was current. */
  upgrade: UpgradeOutcome | null;
  /** Closes everything once; later calls wait for the same close. */
  close(): Promise<void>;
}

interface Binding {
  centralUrl: string;
  centerId: string;
  workstationId: string;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const log = createLogger({ dir: options.logDir ?? join(options.dataDir, 'logs'), stdout: options.logToStdout });
  const mode: ConsoleMode = loadConfig(options.configPath, join(options.dataDir, 'config.json'));
  const now = options.now ?? (() => Date.now());
  const lock = lockDataFolder(options.dataDir);
  let db: Db | undefined;
  let sync: SyncServices | undefined;
  let updates: UpdateController | null = null;
  try {
    const dbFile = join(options.dataDir, mode.mode === 'training' ? 'training.sqlite' : 'console.sqlite');
    const started = performance.now();
    // After an update the schema may be older than this console: a backup is taken before it is migrated.
    const opened = await openDatabaseWithUpgrade(dbFile, { nativeBinding: options.nativeBinding, backupDir: join(options.dataDir, 'backups'), now, log });
    db = opened.db;
    const sql = new SqlRunner(db);
    const configChannel = mode.mode === 'production' ? mode.config.channel : 'stable';
    const updatePolicy = new UpdatePolicyStore(sql, configChannel);
    const binding: Binding =
      mode.mode === 'training'
        ? { centralUrl: 'training', centerId: TRAINING_CENTER_ID, workstationId: 'training' }
        : { centralUrl: mode.config.centralUrl, centerId: mode.config.centerId, workstationId: mode.config.workstationId };
    bindDatabase(sql, binding);

    const deadlines = new DeadlineModel(sql);
    const applier = new PullApplier(sql, deadlines);
    const events = new EventEmitter();
    const emit = (name: EventName, payload: unknown, audience?: EventAudience) => events.emit('event', { name, payload, audience });
    // Training data arrives only by pull (DESIGN.md, "Training mode"): from a server the host launched, or a test's.
    const central =
      mode.mode === 'production'
        ? { url: mode.config.centralUrl }
        : (options.central ??
          (options.centralLauncher
            ? { launcher: options.centralLauncher, args: trainingCentralArgs(options, join(options.dataDir, 'training-central.sqlite'), now) }
            : null));
    let auditHead: () => AuditHead = () => ({ seq: 0, hash: '0'.repeat(64) });
    let reviewSessions = () => {};
    sync = createSync({
      sql, applier, deadlines, log, dataDir: options.dataDir, mode: mode.mode, binding, central, now,
      scheduler: options.syncScheduler, tuning: options.syncTuning,
      // The channel reported is the one in force: IT's assignment from the central server, else the configuration's.
      fleetFacts: { version: options.appVersion ?? '0.1.0', get channel() { return updatePolicy.effective().channel; } },
      updatePolicy: new UpdatePolicySync(updatePolicy, log, () => updates?.policyChanged()),
      auditHead: () => auditHead(),
      onStatus: (status) => {
        emit('sync.changed', status);
        updates?.noteLink(status.online);
      },
      onQueueChanged: (reason) => emit('queue.changed', { reason }),
      // An operator IT disabled, or whose password changed, leaves every window at once (each is told why).
      onReferenceChanged: () => reviewSessions(),
    });
    const emptyStore = !sql.get(qb.selectFrom('meta').select('value').where('key', '=', PULL_CURSOR_KEY));
    const reader = new ApplicationReader(sql, deadlines, mode.mode === 'training' ? trainingImageSource : null);
    const queries = new QueueQueries(sql, deadlines, binding.centerId);
    const reports = new ReportQueries(sql, deadlines);
    const engine = sync.engine;
    const deciding = createDecidingServices({
      sql,
      deadlines,
      reader,
      now,
      mode: mode.mode,
      centerId: binding.centerId,
      onQueueChanged: (reason) => {
        emit('queue.changed', { reason });
        engine.noteLocalWrite();
      },
    });
    auditHead = () => deciding.audit.head();
    const retentionDays = (mode.mode === 'production' ? mode.config.personalDataRetentionDays : undefined) ?? DEFAULT_RETENTION_DAYS;
    const purge = new PersonalDataPurge(sql, deadlines, deciding.audit, retentionDays, now, log);
    reviewSessions = () => void deciding.session.reviewSessions();
    deciding.session.onSessionChanged((key, state) => emit('auth.changed', state, { sessionKey: key }));
    if (emptyStore && mode.mode === 'training' && central) {
      // The first queue paint needs data: an empty training store is filled before the core reports ready.
      await sync.connect();
      const status = await engine.syncNow();
      if (status.lastError) throw new AppError(status.lastError.code, `Training data could not be pulled: ${status.lastError.message}`);
      log.info({ pullMs: Math.round(performance.now() - started) }, 'training store pulled');
    } else {
      // A store with data opens at once; the server (launched or not) is reached in the background.
      void sync.connect().then(
        (c) => c && engine.linkUp(),
        (err: unknown) => engine.unavailable(err instanceof AppError ? err : new AppError('central_unavailable', String(err))),
      );
    }
    const centerName = sql.get(qb.selectFrom('centers').select('name').where('id', '=', binding.centerId))?.name ?? binding.centerId;
    const configPath = options.configPath ?? join(options.dataDir, 'config.json');
    const coreDb = db;
    const exportDiagnostics = (file?: string) => {
      const written = writeDiagnosticsBundle(
        { dataDir: options.dataDir, configPath, logDir: options.logDir, db: coreDb, appVersion: options.appVersion ?? '0.1.0', now },
        resolve(file ?? join(options.dataDir, 'diagnostics', bundleFileName(now()))),
      );
      // Ids and counts only: the bundle's name carries a time, never a person.
      log.info({ event: 'diagnostics.exported', file: basename(written.file), bytes: written.bytes, entries: written.entries }, 'diagnostics bundle written');
      return {
        file: written.file, bytes: written.bytes, entries: written.entries,
        integrityOk: written.summary.database.integrity.join() === 'ok', auditOk: written.summary.audit?.ok ?? null,
      };
    };
    const appVersion = options.appVersion ?? '0.1.0';
    const openSync = sync;
    let closing: Promise<void> | null = null;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        updates?.close();
        purge.stop();
        // Sync first: no cycle may write after the database is closed; the training server goes with it.
        await openSync.close();
        events.removeAllListeners();
        // Closing the console ends every window's session; each sign-out is audited like any other.
        deciding.session.endAll('closed');
        coreDb.close();
        lock.release();
      })());
    if (mode.mode === 'production' && options.updater) {
      const connection = () => openSync.connection;
      updates = new UpdateController({
        port: options.updater,
        policy: updatePolicy,
        currentVersion: appVersion,
        centralUrl: mode.config.centralUrl,
        token: () => connection()?.token() ?? null,
        linkUp: () => engine.status().online,
        scheduler: options.updateTiming?.scheduler ?? options.syncScheduler ?? realScheduler(now),
        log,
        onChange: (status) => emit('updates.changed', status),
        // The sync engine finishes its transaction and stops; the outbox stays for the new version to send.
        prepareForRestart: close,
        firstCheckMs: options.updateTiming?.firstCheckMs,
        intervalMs: options.updateTiming?.intervalMs,
      });
    }
    const offStatus: UpdateStatus = updatesOff(appVersion, updatePolicy.effective().channel);
    const facade = createFacade({
      db,
      updates,
      updatesOff: offStatus,
      exportDiagnostics: () => exportDiagnostics(),
      queries,
      reports,
      reader,
      deciding,
      sync,
      now,
      session: { mode: mode.mode, centerId: binding.centerId, centerName, workstationId: binding.workstationId, appVersion: options.appVersion ?? '0.1.0' },
    });
    log.info({ mode: mode.mode, startMs: Math.round(performance.now() - started) }, 'core opened');
    const openDb = db;
    updates?.start();
    // A few seconds after start, so the first queue paint is not held up; then daily.
    purge.start(options.purgeTiming?.scheduler ?? options.syncScheduler ?? realScheduler(now), options.purgeTiming?.firstRunMs ?? 5_000);
    return {
      facade,
      db: openDb,
      log,
      info: {
        mode: mode.mode,
        dbFile,
        centerId: binding.centerId,
        workstationId: binding.workstationId,
        channel: mode.mode === 'production' ? mode.config.channel : 'stable',
        printer: mode.mode === 'production' ? (mode.config.printer ?? null) : null,
      },
      auditHead: () => deciding.audit.head(),
      exportDiagnostics,
      report: (period) => reports.report(binding.centerId, ReportPeriodSchema.parse(period)),
      sync: openSync,
      updates,
      purge,
      upgrade: opened.upgrade,
      onEvent(listener) {
        const fn = (e: { name: EventName; payload: unknown; audience?: EventAudience }) => listener(e.name, e.payload, e.audience);
        events.on('event', fn);
        return () => events.off('event', fn);
      },
      close,
    };
  } catch (err) {
    updates?.close();
    await sync?.close().catch(() => undefined);
    db?.close();
    lock.release();
    throw err;
  }
}

/** A database belongs to one central URL, center and workstation, and refuses to open against another. */
function bindDatabase(sql: SqlRunner, binding: Binding): void {
  const row = sql.get(qb.selectFrom('meta').select('value').where('key', '=', 'binding'));
  if (!row) {
    sql.run(qb.insertInto('meta').values({ key: 'binding', value: JSON.stringify(binding) }));
    return;
  }
  const bound = JSON.parse(row.value) as Binding;
  if (bound.centralUrl !== binding.centralUrl || bound.centerId !== binding.centerId || bound.workstationId !== binding.workstationId) {
    throw new AppError(
      'database_bound_elsewhere',
      `This database belongs to center ${bound.centerId}, workstation ${bound.workstationId} at ${bound.centralUrl}; ` +
        `the configuration names center ${binding.centerId}, workstation ${binding.workstationId} at ${binding.centralUrl}.`,
    );
  }
}
