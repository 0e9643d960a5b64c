import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiFacade, EventName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { TRAINING_CENTER_ID } from '../../shared/training';
import { loadConfig, type ConsoleMode } from './config';
import { createLogger, type Logger } from './log';
import { openDatabase, type Db } from './store/database';
import { lockDataFolder } from './store/lock';
import { qb, SqlRunner } from './store/sql';
import { ApplicationReader } from './services/applications';
import { DeadlineModel } from './services/deadlines';
import { PULL_CURSOR_KEY, PullApplier } from './services/pull-apply';
import { QueueQueries } from './services/queue-query';
import { seedTrainingStore, trainingImageSource } from './training';
import { seedTrainingOperators } from './training-operators';
import { createDecidingServices } from './services/deciding';
import type { AuditHead } from './services/audit';
import { createFacade } from './facade';

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
}

export interface Core {
  facade: ApiFacade;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  info: { mode: 'training' | 'production'; dbFile: string; centerId: string; workstationId: string };
  log: Logger;
  db: Db;
  /** The latest audit entry; each push will carry it as the anchor of the hash chain (issue 4). */
  auditHead(): AuditHead;
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
  const mode: ConsoleMode = loadConfig(options.configPath ?? join(options.dataDir, 'config.json'));
  const now = options.now ?? (() => Date.now());
  const lock = lockDataFolder(options.dataDir);
  let db: Db | undefined;
  try {
    const dbFile = join(options.dataDir, mode.mode === 'training' ? 'training.sqlite' : 'console.sqlite');
    const started = performance.now();
    db = openDatabase(dbFile, { nativeBinding: options.nativeBinding });
    const sql = new SqlRunner(db);
    const binding: Binding =
      mode.mode === 'training'
        ? { centralUrl: 'training', centerId: TRAINING_CENTER_ID, workstationId: 'training' }
        : { centralUrl: mode.config.centralUrl, centerId: mode.config.centerId, workstationId: mode.config.workstationId };
    bindDatabase(sql, binding);

    const deadlines = new DeadlineModel(sql);
    const applier = new PullApplier(sql, deadlines);
    const events = new EventEmitter();
    if (mode.mode === 'training' && !sql.get(qb.selectFrom('meta').select('value').where('key', '=', PULL_CURSOR_KEY))) {
      const t = options.training ?? {};
      const seeded = seedTrainingStore(sql, applier, {
        seed: t.seed ?? 2026,
        size: t.size ?? 3000,
        now: now(),
        includeHostile: t.includeHostile ?? false,
      });
      log.info({ applied: seeded.applied }, 'training store seeded');
    }
    // Training credentials exist only in a training store; a production store gets its operators from the central server.
    if (mode.mode === 'training') seedTrainingOperators(sql);
    const reader = new ApplicationReader(sql, deadlines, mode.mode === 'training' ? trainingImageSource : null);
    const queries = new QueueQueries(sql, deadlines);
    const emit = (name: EventName, payload: unknown) => events.emit('event', { name, payload });
    const deciding = createDecidingServices({
      sql,
      deadlines,
      reader,
      now,
      mode: mode.mode,
      centerId: binding.centerId,
      onQueueChanged: (reason) => emit('queue.changed', { reason }),
    });
    const centerName = sql.get(qb.selectFrom('centers').select('name').where('id', '=', binding.centerId))?.name ?? binding.centerId;
    const facade = createFacade({
      queries,
      reader,
      deciding,
      now,
      session: { mode: mode.mode, centerId: binding.centerId, centerName, workstationId: binding.workstationId, appVersion: options.appVersion ?? '0.1.0' },
    });
    log.info({ mode: mode.mode, startMs: Math.round(performance.now() - started) }, 'core opened');
    const openDb = db;
    return {
      facade,
      db: openDb,
      log,
      info: { mode: mode.mode, dbFile, centerId: binding.centerId, workstationId: binding.workstationId },
      auditHead: () => deciding.audit.head(),
      onEvent(listener) {
        const fn = (e: { name: EventName; payload: unknown }) => listener(e.name, e.payload);
        events.on('event', fn);
        return () => events.off('event', fn);
      },
      async close() {
        events.removeAllListeners();
        // Closing the window ends the session; the sign-out is audited like any other.
        deciding.session.signOut();
        openDb.close();
        lock.release();
      },
    };
  } catch (err) {
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
