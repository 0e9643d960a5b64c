/**
 * Sync throughput (DESIGN.md section 5): a fresh store pulls `pullRows` applications over loopback HTTP from a
 * real central server (a child process, as in training mode), then drains `pushOps` queued ops; beside both, the
 * raw better-sqlite3 batched write rate of the same records measured in the same run.
 *
 *   node --import tsx bench/sync.ts [--pull 100000] [--push 10000]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { openCore } from '../electron/core';
import { launchCentral } from '../electron/core/sync/launcher';
import { PullApplier } from '../electron/core/services/pull-apply';
import type { ApplicationRecord } from '../shared/domain/application';
import type { SyncStatus } from '../shared/api/sync';
import { benchRawUpsert } from './raw-upsert';

const REPO = fileURLToPath(new URL('../', import.meta.url));
export const CENTER = 'sc-8041';
const NOW = Date.parse('2026-11-27T08:00:00Z');

export interface SyncBench {
  pullSeconds: number;
  pullPerSec: number;
  pushSeconds: number;
  rawWritePerSec: number;
  /** Time spent validating and storing pages (the pull's own CPU work, without download and index rebuild), per record. */
  applyMicrosPerRecord: number;
  /** The same in this process's CPU time, which a busy machine disturbs less than the clock. */
  applyCpuMicrosPerRecord: number;
  /** Building the queue indexes once after the first pull. */
  indexSeconds: number;
}

/** Adds up the time the pull spends in one method of the applier (the bench's own instrument, not a double). */
function timeMethod(name: 'applyUntrusted' | 'finishBulkLoad'): { ms: number; cpuMs: number; restore(): void } {
  const proto = PullApplier.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = proto[name]!;
  const timer = {
    ms: 0,
    cpuMs: 0,
    restore: () => {
      proto[name] = original;
    },
  };
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    try {
      return original.apply(this, args);
    } finally {
      timer.ms += performance.now() - t;
      const used = process.cpuUsage(cpu);
      timer.cpuMs += (used.user + used.system) / 1000;
    }
  };
  return timer;
}

type Core = Awaited<ReturnType<typeof openCore>>;
type Connection = NonNullable<Awaited<ReturnType<Core['sync']['connect']>>>;

/**
 * A training central server of `rows` applications (a child process, as in training mode) and a console with an
 * empty store enrolled with it, in `root`; both are closed when `fn` ends.
 */
export async function withEnrolledConsole<T>(root: string, rows: number, fn: (core: Core, connection: Connection) => Promise<T>): Promise<T> {
  const dataDir = join(root, 'workstation');
  mkdirSync(dataDir, { recursive: true });
  const server = await launchCentral(
    { command: process.execPath, args: ['--import', 'tsx', join(REPO, 'central/main.ts')] },
    ['--port', '0', '--db', join(root, 'central.sqlite'), '--training', '--training-size', String(rows), '--training-seed', '17', '--now', new Date(NOW).toISOString()],
    { timeoutMs: 600_000 },
  );
  try {
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ centralUrl: server.url, centerId: CENTER, workstationId: 'ws-bench' }));
    const core = await openCore({ dataDir, configPath: join(dataDir, 'config.json'), syncTuning: { requestTimeoutMs: 300_000 } });
    try {
      const connection = (await core.sync.connect())!;
      await core.sync.engine.whenIdle();
      await connection.enrol(String(server.ready.enrolmentCode));
      return await fn(core, connection);
    } finally {
      await core.close();
    }
  } finally {
    await server.stop();
  }
}

export async function benchSync(opts: { pullRows: number; pushOps: number }): Promise<SyncBench> {
  const root = join(tmpdir(), `sc-console-sync-bench-${process.pid}`);
  try {
    return await withEnrolledConsole(root, opts.pullRows, async (core) => {
      // Pull: the whole center into an empty store (the push phase before it has nothing to send).
      const applyTimer = timeMethod('applyUntrusted');
      const indexTimer = timeMethod('finishBulkLoad');
      let t = performance.now();
      const pulled = await core.sync.engine.syncNow();
      const pullSeconds = (performance.now() - t) / 1000;
      applyTimer.restore();
      indexTimer.restore();
      if (pulled.lastError) throw new Error(`pull failed: ${pulled.lastError.code} ${pulled.lastError.message}`);
      const rows = core.db.prepare('SELECT count(*) FROM applications').pluck().get() as number;

      // Push: ops queued as decisions leave them (claim, then release, per pending application), then drained.
      queueOps(core.db, opts.pushOps);
      let pushEnd = 0;
      const off = core.onEvent((name, payload) => {
        const s = payload as SyncStatus;
        if (name === 'sync.changed' && !pushEnd && s.progress && s.progress.phase !== 'push') pushEnd = performance.now();
      });
      t = performance.now();
      const pushed = await core.sync.engine.syncNow();
      off();
      if (pushed.pendingOps || pushed.lastError) throw new Error(`push left ${pushed.pendingOps} ops: ${pushed.lastError?.message ?? ''}`);
      const pushSeconds = ((pushEnd || performance.now()) - t) / 1000;

      const records = (core.db.prepare('SELECT record FROM application_records').pluck().all() as string[]).map((r) => JSON.parse(r) as ApplicationRecord);
      const rawWritePerSec = benchRawUpsert(join(root, 'raw.sqlite'), records, 2000);
      return {
        pullSeconds, pullPerSec: rows / pullSeconds, pushSeconds, rawWritePerSec,
        applyMicrosPerRecord: (applyTimer.ms * 1000) / rows, applyCpuMicrosPerRecord: (applyTimer.cpuMs * 1000) / rows, indexSeconds: indexTimer.ms / 1000,
      };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** `n` ops on pending applications, claim and release in turn, in one transaction (setup, not timed). */
function queueOps(db: import('better-sqlite3').Database, n: number): void {
  const apps = db.prepare("SELECT id, version FROM applications WHERE status IN ('submitted', 'received') ORDER BY rowid LIMIT ?").all(Math.ceil(n / 2)) as { id: string; version: number }[];
  if (apps.length * 2 < n) throw new Error(`only ${apps.length} pending applications for ${n} ops`);
  const insert = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
    VALUES (?, 'application', ?, ?, ?, ?, ?, ?, 'op-admin-1')`);
  db.transaction(() => {
    let made = 0;
    for (const app of apps) {
      for (const type of ['claim', 'release'] as const) {
        if (made++ >= n) return;
        insert.run(uuidv7(), app.id, CENTER, type, type === 'release' ? '{"releasedClaimOf":null}' : '{}', app.version, NOW);
      }
    }
  }).immediate();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { pull: { type: 'string', default: '100000' }, push: { type: 'string', default: '10000' } } });
  const r = await benchSync({ pullRows: Number(values.pull), pushOps: Number(values.push) });
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  process.stdout.write(
    `pull ${values.pull} over loopback: ${r.pullSeconds.toFixed(2)} s (${fmt(r.pullPerSec)}/s; budget <= 15 s), raw batched write ${fmt(r.rawWritePerSec)}/s\n` +
      `  apply (validate + store) ${r.applyMicrosPerRecord.toFixed(0)} µs a record (CPU ${r.applyCpuMicrosPerRecord.toFixed(0)} µs), index rebuild ${r.indexSeconds.toFixed(2)} s\n` +
      `push drain of ${values.push} ops: ${r.pushSeconds.toFixed(2)} s (budget <= 10 s)\n`,
  );
}
