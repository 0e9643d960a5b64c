import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { hashPassword } from '../../electron/core/services/passwords';
import { DeadlineModel } from '../../electron/core/services/deadlines';
import { PullApplier, queueColumns } from '../../electron/core/services/pull-apply';
import { visibleColumns } from '../../electron/core/sync/visible-state';
import { SteppedScheduler } from '../../electron/core/sync/scheduler';
import { nameIndexText } from '../../electron/core/services/search';
import { SqlRunner } from '../../electron/core/store/sql';
import { LATEST_VERSION } from '../../electron/core/store/migrations';
import { backfillReportFacts } from '../../electron/core/services/reports/facts-store';
import type { Db } from '../../electron/core/store/database';
import type { MethodName } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/errors';
import type { ApplicationRecord } from '../../shared/domain/application';
import type { Role } from '../../shared/domain/operators';
import { tempDir } from './store';
import { openTestWindow, type TestWindow } from './window';

export const TEST_NOW = Date.parse('2026-11-27T08:00:00Z');

/** Cheap scrypt parameters so tests sign in fast; the hash format and the check are the product's. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestOperator {
  id: string;
  login: string;
  password: string;
  role: Role;
  disabled?: boolean;
}

export const ADMIN: TestOperator = { id: 'op-a', login: 'anna', password: 'anna-password-1', role: 'administrator' };
export const ADMIN2: TestOperator = { id: 'op-b', login: 'bohdan', password: 'bohdan-password-1', role: 'administrator' };
export const SUPERVISOR: TestOperator = { id: 'op-s', login: 'sofiia', password: 'sofiia-password-1', role: 'supervisor' };
export const DISABLED: TestOperator = { id: 'op-d', login: 'dmytro', password: 'dmytro-password-1', role: 'administrator', disabled: true };

export function insertOperator(db: Db, op: TestOperator, source: 'central' | 'training' = 'central'): void {
  db.prepare(`INSERT INTO operators (id, login, display_name, role, password_hash, disabled, source) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .run(op.id, op.login, `Name of ${op.id}`, op.role, hashPassword(op.password, TEST_SCRYPT), op.disabled ? 1 : 0, source);
}

/**
 * Loads records through the product's pull path, as the central server's pages arrive. A store of an older schema
 * (a migration test) gets the same columns written by hand, since today's applier needs today's tables, and its
 * report facts (when it has them) back-filled as its migration did.
 */
export function loadRecords(db: Db, records: ApplicationRecord[]): void {
  const sql = new SqlRunner(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === LATEST_VERSION) {
    new PullApplier(sql, new DeadlineModel(sql)).apply({ changes: records, cursor: `test:${records.length}`, hasMore: false });
    return;
  }
  const hasReportFacts = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'report_facts'").get() !== undefined;
  const deadlines = new DeadlineModel(sql);
  const withClaims = version >= 2;
  sql.write(() => {
    for (const r of records) {
      const columns = queueColumns(r, deadlines);
      const { claimed_by, claimed_at, ...visible } = visibleColumns({ status: r.status, claimedBy: null, claimedAt: null }, columns.due_at);
      const row: Record<string, unknown> = { ...columns, ...visible, ...(withClaims ? { claimed_by, claimed_at } : {}) };
      const cols = Object.keys(row);
      const info = db.prepare(`INSERT INTO applications (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
      db.prepare('INSERT INTO application_records (rowid, record) VALUES (?, ?)').run(info.lastInsertRowid, JSON.stringify(r));
      db.prepare('INSERT INTO applicant_fts (rowid, name) VALUES (?, ?)').run(info.lastInsertRowid, nameIndexText(row.applicant_name as string));
    }
    if (hasReportFacts) backfillReportFacts(db);
  });
}

export interface TestCore {
  core: Core;
  dir: string;
  clock: { now: number };
  /** The timers of sync and the daily purge; `clock` is the core's own time. */
  scheduler: SteppedScheduler;
  events: string[];
  /** Calls as the test's first window (its session). */
  call<M extends MethodName>(method: M, input?: unknown): Promise<ApiResult<unknown>>;
  /** Calls and expects success; returns the value typed loosely for assertions. */
  ok<T = Record<string, unknown>>(method: MethodName, input?: unknown): Promise<T>;
  signIn(op: TestOperator): Promise<void>;
  /** The test's first window, and a way to open more (each with its own session). */
  window: TestWindow;
  openWindow(): TestWindow;
  dispose(): Promise<void>;
}

/**
 * A production-mode core (a config file, no training seed) on a real SQLite file in a temp folder, with the
 * given operators and applications, driven through `dispatch` exactly as both transports drive it.
 */
export async function openTestCore(
  opts: { records?: ApplicationRecord[]; operators?: TestOperator[]; dir?: string; config?: Record<string, unknown> } = {},
): Promise<TestCore> {
  const dir = opts.dir ?? tempDir();
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ centralUrl: 'http://127.0.0.1:9/', centerId: 'sc-8041', workstationId: 'ws-test', ...opts.config }));
  const clock = { now: TEST_NOW };
  // Sync (and the daily purge) run on a stepped clock that nobody steps unless a test does: no retries in the
  // background of a deciding test (and with no enrolment token, a cycle stops before the network anyway).
  const scheduler = new SteppedScheduler(TEST_NOW);
  const core = await openCore({ dataDir: dir, configPath: config, now: () => clock.now, syncScheduler: scheduler });
  for (const op of opts.operators ?? [ADMIN, ADMIN2, SUPERVISOR, DISABLED]) insertOperator(core.db, op);
  if (opts.records?.length) loadRecords(core.db, opts.records);
  const events: string[] = [];
  core.onEvent((name, payload) => {
    if (name === 'queue.changed') events.push(`${name}:${(payload as { reason: string }).reason}`);
  });
  const window = openTestWindow(() => core);
  const t: TestCore = {
    core,
    dir,
    clock,
    scheduler,
    events,
    window,
    openWindow: () => openTestWindow(() => core),
    call: (method, input) => window.call(method, input),
    ok: (method, input) => window.ok(method, input),
    signIn: (op) => window.signIn(op),
    async dispose() {
      await core.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Everything a refused action must leave as it was: application state, outbox and audit log. */
export function writeSnapshot(db: Db) {
  return {
    applications: db.prepare('SELECT id, status, status_rank, pending, due_sort, due_day, claimed_by, claimed_at, version FROM applications ORDER BY id').all(),
    outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
    audit: db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number,
    facets: db.prepare('SELECT * FROM queue_facets ORDER BY status, service, delivery, due_day').all(),
  };
}
