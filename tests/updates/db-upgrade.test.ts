/**
 * After an update the database migrates with a backup taken first; the outbox written by the previous version
 * drains; a failed migration puts the backup back and says so; a start killed in the middle of an upgrade is
 * rolled back from the backup at the next start. Real SQLite files, the real central server, named crash points.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startTempCentral, type TempCentral } from '../../central/testing';
import { openCore } from '../../electron/core';
import { LATEST_VERSION } from '../../electron/core/store/migrations';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from '../sync/support/fault-proxy';
import { ADMIN, approvable, claimAndApprove, expectConverged, openWorkstation, outboxStates, type Workstation } from '../sync/support/workstation';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  delete process.env.CONSOLE_FAIL_AT;
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A data folder as the previous console version left it: decisions taken offline, their ops waiting in the outbox,
 * and the schema of version 4 (before migration 5 added the acknowledgement columns).
 */
async function previousVersionFolder(): Promise<{ central: TempCentral; proxy: FaultProxy; ws: Workstation; pendingOps: string[] }> {
  const central = await startTempCentral({ training: { seed: 81, size: 20, now: TEST_NOW }, now: () => TEST_NOW });
  cleanups.push(() => central.dispose());
  const proxy = await FaultProxy.start(central.url);
  cleanups.push(() => proxy.close());
  const ws = await openWorkstation(central, proxy.url, { id: 'ws-a', appVersion: '0.1.0' });
  cleanups.push(() => ws.dispose());
  await ws.signIn(ADMIN);
  await ws.sync();
  proxy.cut();
  await claimAndApprove(ws, approvable(ws, 2));
  const pendingOps = ws.core.db.prepare("SELECT op_id FROM outbox WHERE state = 'pending' ORDER BY seq").pluck().all() as string[];
  expect(pendingOps).toHaveLength(4);
  await ws.core.close();
  const db = new Database(join(ws.dir, 'console.sqlite'));
  downgradeToVersion4(db);
  db.close();
  return { central, proxy, ws, pendingOps };
}

/**
 * Undoes migrations 11 to 5 on a current store, so the file is what version 4 of the console wrote: operators
 * without the one-time password's columns, no purge column, review flags without the central server's settlement,
 * no report facts nor their daily counts by status, an outbox without the acknowledgement columns.
 */
function downgradeToVersion4(db: Database.Database): void {
  db.exec(`
    CREATE TABLE review_flags_v4 (
      id TEXT PRIMARY KEY,
      fact_seq INTEGER NOT NULL UNIQUE REFERENCES paperwork_facts (seq),
      application_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      flagged_at INTEGER NOT NULL,
      operator_id TEXT NOT NULL,
      resolved_at INTEGER,
      resolved_by TEXT,
      resolution_note TEXT,
      CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution_note IS NULL))
    ) STRICT;
    INSERT INTO review_flags_v4 SELECT id, fact_seq, application_id, reason, flagged_at, operator_id, resolved_at, resolved_by, resolution_note
      FROM review_flags WHERE settled_by_central = 0;
    DROP TABLE review_flags;
    ALTER TABLE review_flags_v4 RENAME TO review_flags;
    CREATE INDEX review_flags_open ON review_flags (flagged_at) WHERE resolved_at IS NULL;
    CREATE INDEX review_flags_by_time ON review_flags (flagged_at);
    DROP INDEX applications_purge_due; ALTER TABLE applications DROP COLUMN purged_at;
    DROP TABLE report_day_facets;
    DROP TABLE report_day_counts;
    DROP TABLE report_facts;
    DROP INDEX outbox_unacknowledged; ALTER TABLE outbox DROP COLUMN acknowledged_at; ALTER TABLE outbox DROP COLUMN acknowledged_by;
    ALTER TABLE operators DROP COLUMN must_change_password; ALTER TABLE operators DROP COLUMN password_version;
    PRAGMA user_version = 4;
  `);
}

const snapshot = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      outbox: db.prepare('SELECT op_id, state, args FROM outbox ORDER BY seq').all(),
      applications: db.prepare('SELECT id, status, version FROM applications ORDER BY id').all(),
      audit: db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
    };
  } finally {
    db.close();
  }
};

describe('the database after an update', () => {
  it('is backed up first, migrated, and the outbox the previous version wrote drains to the central server', async () => {
    const { central, proxy, ws, pendingOps } = await previousVersionFolder();
    const before = snapshot(join(ws.dir, 'console.sqlite'));
    expect(before.version).toBe(4);

    await ws.reopen();
    expect(ws.core.upgrade).toMatchObject({ from: 4, to: LATEST_VERSION, recoveredInterrupted: false });
    // The backup is the previous version's database, as it was.
    expect(snapshot(ws.core.upgrade!.backupFile)).toEqual(before);
    expect(ws.core.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(outboxStates(ws)).toMatchObject({ pending: 4 });

    proxy.heal();
    await ws.sync();
    expect(outboxStates(ws).pending ?? 0).toBe(0);
    expect(ws.core.db.prepare("SELECT op_id FROM outbox WHERE state = 'applied' ORDER BY seq").pluck().all()).toEqual(pendingOps);
    await expectConverged(central, [ws]);
  });

  it('a failing migration puts the backup back, says so, and loses nothing; the next start upgrades', async () => {
    const { ws } = await previousVersionFolder();
    const file = join(ws.dir, 'console.sqlite');
    const before = snapshot(file);
    process.env.CONSOLE_FAIL_AT = `migration:${LATEST_VERSION}`;
    const failed = openCore({ dataDir: ws.dir, configPath: join(ws.dir, 'config.json'), now: () => TEST_NOW });
    await expect(failed).rejects.toMatchObject({ code: 'migration_failed' });
    const message = await failed.catch((e: Error) => e.message);
    expect(message).toMatch(/put back exactly as it was before the update, from the backup console-v4-.+\.sqlite; no work was lost/);
    expect(message).toMatch(/operations waiting to be sent are still waiting/);
    expect(snapshot(file)).toEqual(before);
    expect(readdirSync(join(ws.dir, 'backups')).filter((n) => n.includes('progress'))).toEqual([]);

    delete process.env.CONSOLE_FAIL_AT;
    await ws.reopen();
    expect(ws.core.upgrade).toMatchObject({ from: 4, to: LATEST_VERSION });
    expect(outboxStates(ws)).toMatchObject({ pending: 4 });
  });

  it('a start killed in the middle of the upgrade is rolled back from the backup at the next start', async () => {
    const { ws } = await previousVersionFolder();
    const file = join(ws.dir, 'console.sqlite');
    const before = snapshot(file);
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'tests/updates/support/upgrade-child.ts'), file, join(ws.dir, 'backups')], {
      env: { ...process.env, CONSOLE_CRASH_AT: 'migration_step_committed' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.signal).toBe('SIGKILL');
    // Killed after a step committed: the store is half way, the marker names the backup.
    expect(snapshot(file).version).toBeGreaterThan(4);
    expect(existsSync(join(ws.dir, 'backups', 'upgrade-in-progress.json'))).toBe(true);

    await ws.reopen();
    expect(ws.core.upgrade).toMatchObject({ from: 4, to: LATEST_VERSION, recoveredInterrupted: true });
    expect(snapshot(ws.core.upgrade!.backupFile)).toEqual(before);
    expect(existsSync(join(ws.dir, 'backups', 'upgrade-in-progress.json'))).toBe(false);
    expect(outboxStates(ws)).toMatchObject({ pending: 4 });
  });

  it('a current database opens without a backup', async () => {
    const { ws } = await previousVersionFolder();
    await ws.reopen();
    await ws.reopen();
    expect(ws.core.upgrade).toBeNull();
    expect(readdirSync(join(ws.dir, 'backups')).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
  });
});
