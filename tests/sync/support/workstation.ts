import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { openCore, type Core, type CoreOptions } from '../../../electron/core';
import { SteppedScheduler } from '../../../electron/core/sync/scheduler';
import type { MethodName } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/errors';
import type { SyncStatus } from '../../../shared/api/sync';
import { checkExactlyOnce, serverRecords, type StoreSource } from '../../../central/testing';
import { TEST_NOW } from '../../support/deciding';
import { tempDir } from '../../support/store';
import { openTestWindow, type TestWindow } from '../../support/window';

export const CENTER = 'sc-8041';
/** The training operators the training central server publishes (passwords from the README). */
export const ADMIN = { id: 'op-admin-1', login: 'admin', password: 'admin-training-1' };
export const ADMIN2 = { id: 'op-admin-2', login: 'admin2', password: 'admin-training-2' };
export const SUPERVISOR = { id: 'op-supervisor-1', login: 'supervisor', password: 'supervisor-training-1' };
export const MANUAL_CHECKS = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };

export interface Workstation {
  id: string;
  dir: string;
  core: Core;
  scheduler: SteppedScheduler;
  call(method: MethodName, input?: unknown): Promise<ApiResult<unknown>>;
  ok<T = Record<string, unknown>>(method: MethodName, input?: unknown): Promise<T>;
  signIn(who: { login: string; password: string }): Promise<void>;
  /** Another window on this workstation, with its own session. */
  openWindow(): TestWindow;
  /** "Sync now", then waits for the engine to be idle. */
  sync(): Promise<SyncStatus>;
  /** Steps the clock by `ms` (firing due timers) and waits for any cycle that started. */
  advance(ms: number): Promise<void>;
  /** Closes the core and opens it again on the same folder (same config, same token). */
  reopen(options?: { clockOffsetMs?: number }): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A production workstation (a config file pointing at `url`, usually a fault proxy) on a real SQLite file, with
 * sync on a stepped clock: nothing happens in the background unless the test steps it. Enrolled with a one-time
 * code the central server issued.
 */
export interface WorkstationOptions {
  id?: string;
  dir?: string;
  clockOffsetMs?: number;
  enrol?: boolean;
  /** The pull's largest page (200 here, so a few hundred applications take several pages). */
  pageSize?: number;
  /** The console's version and its updater (tests/updates): passed to the core as the shell would. */
  appVersion?: string;
  updater?: CoreOptions['updater'];
  updateTiming?: Omit<NonNullable<CoreOptions['updateTiming']>, 'scheduler'>;
}

/** What enrols a workstation: a central server in this process, or an admin client of one in another process. */
export interface EnrolmentIssuer {
  admin: { issueEnrolmentCode(centerId: string): Promise<string> };
}

export async function openWorkstation(central: EnrolmentIssuer, url: string, options: WorkstationOptions = {}): Promise<Workstation> {
  const id = options.id ?? 'ws-a';
  const dir = options.dir ?? tempDir('sc-sync-ws-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ centralUrl: url, centerId: CENTER, workstationId: id }));
  let scheduler = new SteppedScheduler(TEST_NOW + (options.clockOffsetMs ?? 0), 7);
  const open = () =>
    openCore({
      dataDir: dir, configPath: join(dir, 'config.json'), now: () => scheduler.now(), syncScheduler: scheduler,
      syncTuning: { requestTimeoutMs: 10_000, pageSize: options.pageSize ?? 200 },
      appVersion: options.appVersion,
      updater: options.updater,
      updateTiming: options.updateTiming,
    });
  let core = await open();
  await core.sync.engine.whenIdle();
  const window = openTestWindow(() => core);
  const ws: Workstation = {
    id,
    dir,
    get core() {
      return core;
    },
    get scheduler() {
      return scheduler;
    },
    call: (method: MethodName, input?: unknown) => window.call(method, input),
    ok: (method, input) => window.ok(method, input),
    signIn: (who) => window.signIn(who),
    openWindow: () => openTestWindow(() => core),
    async sync() {
      const status = await ws.ok<SyncStatus>('sync.now');
      await core.sync.engine.whenIdle();
      return status;
    },
    async advance(ms) {
      scheduler.advance(ms);
      await core.sync.engine.whenIdle();
    },
    async reopen(o = {}) {
      await core.close();
      if (o.clockOffsetMs !== undefined) scheduler = new SteppedScheduler(TEST_NOW + o.clockOffsetMs, 7);
      core = await open();
      await core.sync.engine.whenIdle();
    },
    async dispose() {
      await core.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  } as Workstation;
  if (options.enrol !== false) {
    await ws.ok('sync.enrol', { code: await central.admin.issueEnrolmentCode(CENTER) });
    await core.sync.engine.whenIdle();
  }
  return ws;
}

/** Op ids the workstation recorded as taken by the server. */
export function appliedOpIds(ws: Workstation): string[] {
  return ws.core.db.prepare("SELECT op_id FROM outbox WHERE state IN ('applied', 'duplicate')").pluck().all() as string[];
}

export function outboxStates(ws: Workstation): Record<string, number> {
  const rows = ws.core.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/**
 * The end of every scenario: the server took every op the workstations believe applied exactly once (and nothing
 * else), nothing is waiting, and each workstation's store equals the server's records, status and claim included.
 */
export async function expectConverged(central: StoreSource, workstations: Workstation[]): Promise<void> {
  const report = await checkExactlyOnce(central, workstations.flatMap(appliedOpIds));
  expect(report).toEqual({ lost: [], duplicated: [], unexpected: [] });
  const server = new Map((await serverRecords(central, CENTER)).map((r) => [r.id, r]));
  for (const ws of workstations) {
    expect(outboxStates(ws).pending ?? 0).toBe(0);
    const local = ws.core.db
      .prepare('SELECT a.id, a.status, a.version, a.claimed_by, r.record FROM applications a JOIN application_records r ON r.rowid = a.rowid')
      .all() as { id: string; status: string; version: number; claimed_by: string | null; record: string }[];
    expect(local.length).toBe(server.size);
    const differences = local.flatMap((row) => {
      const s = server.get(row.id);
      const claim = s?.status === 'in_review' ? (s.claim?.operatorId ?? null) : null;
      const same = s && row.version === s.version && row.status === s.status && isDeepStrictEqual(JSON.parse(row.record), s) && row.claimed_by === claim;
      return same ? [] : [{ id: row.id, local: { status: row.status, version: row.version, claimedBy: row.claimed_by }, server: s ? { status: s.status, version: s.version, claim } : null }];
    });
    expect(differences).toEqual([]);
  }
}

/** Applications this workstation can take and approve (all automatic checks pass), in a stable order. */
export function approvable(ws: Workstation, n: number, skip = 0): string[] {
  const ids = ws.core.db
    .prepare(`SELECT a.id FROM applications a JOIN application_records r ON r.rowid = a.rowid
      WHERE a.status IN ('submitted', 'received') AND json_extract(r.record, '$.autoChecks.paymentConfirmed')
        AND json_extract(r.record, '$.autoChecks.identityMatches') AND json_extract(r.record, '$.autoChecks.noDrivingBan')
        AND json_extract(r.record, '$.autoChecks.licenceInRegister')
      ORDER BY a.id LIMIT ? OFFSET ?`)
    .pluck()
    .all(n, skip) as string[];
  if (ids.length < n) throw new Error(`only ${ids.length} applications to approve, ${n} wanted`);
  return ids;
}

/** Claims and approves each application: two ops apiece. */
export async function claimAndApprove(ws: Workstation, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await ws.ok('application.claim', { id });
    await ws.ok('application.approve', { id, manualChecks: MANUAL_CHECKS });
  }
}

export function localStatus(ws: Workstation, id: string): { status: string; claimedBy: string | null } {
  return ws.core.db.prepare('SELECT status, claimed_by AS claimedBy FROM applications WHERE id = ?').get(id) as { status: string; claimedBy: string | null };
}
