import { AppError } from '../../../shared/api/errors';
import type { SyncStatus } from '../../../shared/api/sync';
import type { Logger } from '../log';
import { AuditLog } from '../services/audit';
import type { DeadlineModel } from '../services/deadlines';
import { ReviewSettlement } from '../services/review-settlement';
import type { PullApplier } from '../services/pull-apply';
import type { SqlRunner } from '../store/sql';
import { CentralConnection } from './connection';
import { FleetReporter, type FleetFacts } from './fleet-report';
import { SyncEngine, type SyncEngineOptions } from './engine';
import { ImageFetcher } from './images';
import { launchCentral, type CentralLauncher, type LaunchedCentral } from './launcher';
import { OutboxSync } from './outbox-sync';
import { ReferenceApplier } from './reference-apply';
import { SyncReports } from './reports';
import { realScheduler, type SyncScheduler } from './scheduler';

export type { CentralLauncher } from './launcher';
export type { SyncScheduler } from './scheduler';

export interface SyncTuning {
  pageSize?: number;
  debounceMs?: number;
  intervalMs?: number;
  requestTimeoutMs?: number;
  /** How long to wait for a launched training server to print its address. */
  launchTimeoutMs?: number;
}

export interface SyncSetup {
  sql: SqlRunner;
  applier: PullApplier;
  deadlines: DeadlineModel;
  log: Logger;
  dataDir: string;
  mode: 'training' | 'production';
  binding: { centralUrl: string; centerId: string; workstationId: string };
  /** Where the central server is: given (production config, or a test's server), launched (training) or nowhere. */
  central: { url: string } | { launcher: CentralLauncher; args: string[] } | null;
  scheduler?: SyncScheduler;
  now: () => number;
  tuning?: SyncTuning;
  auditHead: () => { hash: string };
  onStatus(status: SyncStatus): void;
  onQueueChanged(reason: string): void;
  /** Reference data changed: an operator IT disabled, or whose password changed, must not stay signed in. */
  onReferenceChanged?(): void;
  /** Version and channel for the fleet report a production workstation sends after each sync. */
  fleetFacts?: FleetFacts;
  /** Fetches IT's update channel and pin after each successful sync (production only). */
  updatePolicy?: SyncEngineOptions['updatePolicy'];
}

export interface SyncServices {
  engine: SyncEngine;
  outbox: OutboxSync;
  reports: SyncReports;
  images: ImageFetcher;
  /** Null while a launched training server is starting, or when there is no central server at all. */
  readonly connection: CentralConnection | null;
  /**
   * Connects to the central server: at once for a known URL; for a training server, once the child is up. Resolves
   * with the connection (null when there is none); rejects when the child could not start.
   */
  connect(): Promise<CentralConnection | null>;
  close(): Promise<void>;
}

/** Wires the sync services. Nothing waits for the network here: `connect()` does, when the caller wants to. */
export function createSync(s: SyncSetup): SyncServices {
  const scheduler = s.scheduler ?? realScheduler(s.now);
  const outbox = new OutboxSync(s.sql, s.applier);
  const reference = new ReferenceApplier(s.sql, s.deadlines, s.binding.centerId, s.mode === 'training' ? 'training' : 'central');
  const engine = new SyncEngine({
    sql: s.sql, applier: s.applier, outbox, reference, connection: null, scheduler, auditHead: s.auditHead, log: s.log,
    review: new ReviewSettlement(s.sql, new AuditLog(s.sql.db), () => scheduler.now()),
    unavailable: s.central ? undefined : new AppError('central_unavailable', 'No central server is configured for this console, so it works offline only.'),
    onStatus: s.onStatus, onQueueChanged: s.onQueueChanged, onReferenceChanged: () => s.onReferenceChanged?.(),
    pageSize: s.tuning?.pageSize, debounceMs: s.tuning?.debounceMs, intervalMs: s.tuning?.intervalMs,
    fleet: s.mode === 'production' && s.fleetFacts ? new FleetReporter({ sql: s.sql, dataDir: s.dataDir, facts: s.fleetFacts, log: s.log }) : undefined,
    updatePolicy: s.mode === 'production' ? s.updatePolicy : undefined,
  });
  let connection: CentralConnection | null = null;
  let launched: LaunchedCentral | null = null;
  let closed = false;
  const attach = (url: string) => {
    connection = new CentralConnection({ url, mode: s.mode, binding: s.binding, dataDir: s.dataDir, scheduler, requestTimeoutMs: s.tuning?.requestTimeoutMs });
    engine.attach(connection);
    return connection;
  };
  let connecting: Promise<CentralConnection | null> | null = null;
  const connect = () =>
    (connecting ??= (async () => {
      if (!s.central) return null;
      if ('url' in s.central) return attach(s.central.url);
      const child = await launchCentral(s.central.launcher, s.central.args, { timeoutMs: s.tuning?.launchTimeoutMs, log: s.log });
      launched = child;
      // Closed while the child was starting: it goes at once.
      if (closed) {
        await child.stop();
        return null;
      }
      return attach(child.url);
    })());
  return {
    engine,
    outbox,
    reports: new SyncReports(s.sql),
    images: new ImageFetcher(s.sql.db, () => connection?.client ?? null, () => scheduler.now()),
    get connection() {
      return connection;
    },
    connect,
    async close() {
      closed = true;
      await engine.close();
      await connecting?.catch(() => null);
      await (launched as LaunchedCentral | null)?.stop();
    },
  };
}
