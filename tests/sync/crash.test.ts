import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { freshStoreTarget } from '../../central/store/store-testing';
import { checkExactlyOnce, serverRecords, startTempCentral, type TempCentral } from '../../central/testing';
import { launchCentral, type LaunchedCentral } from '../../electron/core/sync/launcher';
import { ENROLMENT_FILE } from '../../electron/core/sync/enrolment';
import { migrate } from '../../electron/core/store/migrations';
import { loadRecords, TEST_NOW } from '../support/deciding';
import { tempDir } from '../support/store';
import { FaultProxy } from './support/fault-proxy';
import {
  ADMIN, appliedOpIds, approvable, CENTER, claimAndApprove, expectConverged, MANUAL_CHECKS, openWorkstation, outboxStates, type Workstation,
} from './support/workstation';

/*
 * Crashes at the worst moments: the workstation killed after the server committed a push and before it recorded
 * the answer; the server killed while a batch is in its hands; and an outbox written by the previous version of
 * the store, drained after the migration.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The workstation child, run asynchronously: the in-process central server must keep answering meanwhile. */
function runChild(dir: string, crashAt: string): Promise<{ signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/sync/support/sync-child.ts', dir], {
      cwd: REPO, env: { ...process.env, CONSOLE_CRASH_AT: crashAt }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, stdout });
    });
  });
}

async function centralInProcess(): Promise<TempCentral> {
  const central = await startTempCentral({ training: { seed: 41, size: 40, now: TEST_NOW }, now: () => TEST_NOW });
  cleanups.push(() => central.dispose());
  return central;
}

async function workstationOn(central: { admin: { issueEnrolmentCode(c: string): Promise<string> } }, url: string): Promise<Workstation> {
  const ws = await openWorkstation(central as TempCentral, url);
  cleanups.push(() => ws.dispose());
  return ws;
}

describe('crashes in the middle of sync', () => {
  it('a workstation SIGKILLed after the server committed its push, before recording the answer, loses and repeats nothing', async () => {
    const central = await centralInProcess();
    const dir = tempDir('sc-sync-crash-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    let ws = await openWorkstation(central, central.url, { dir });
    await ws.signIn(ADMIN);
    await claimAndApprove(ws, approvable(ws, 3));
    await ws.core.close();

    const child = await runChild(dir, 'sync.push_answered');
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('synced');
    // The server applied all six; the workstation recorded none of it.
    expect((await checkExactlyOnce(central, [])).unexpected).toHaveLength(6);

    const store = new Database(join(dir, 'console.sqlite'), { readonly: true });
    expect(store.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all()).toEqual([{ state: 'pending', n: 6 }]);
    store.close();

    // Opening again syncs at once: the server answers every op from its receipts.
    ws = await openWorkstation(central, central.url, { dir, enrol: false });
    cleanups.push(() => ws.dispose());
    await ws.sync();
    expect(outboxStates(ws)).toEqual({ duplicate: 6 });
    await expectConverged(central, [ws]);
  });

  it('the server SIGKILLed with a batch in its hands, then restarted on its store: the retry ends exactly once', async () => {
    const store = await freshStoreTarget();
    cleanups.push(() => store.dispose());
    const launcher = { command: process.execPath, args: ['--import', 'tsx', join(REPO, 'central/main.ts')] };
    const args = ['--port', '0', '--db', store.target, '--training', '--training-size', '40', '--training-seed', '43', '--now', new Date(TEST_NOW).toISOString()];
    let server: LaunchedCentral = await launchCentral(launcher, args);
    cleanups.push(() => server.stop());
    const proxy = await FaultProxy.start(server.url);
    cleanups.push(() => proxy.close());
    const code = String(server.ready.enrolmentCode);
    const ws = await workstationOn({ admin: { issueEnrolmentCode: async () => code } }, proxy.url);
    await ws.signIn(ADMIN);
    await claimAndApprove(ws, approvable(ws, 4));

    proxy.plan({ kind: 'forward_then', fn: () => process.kill(server.pid, 'SIGKILL') }, { match: (r) => r.path.endsWith('/push') });
    const failed = await ws.sync();
    expect(failed.lastError?.code).toBe('central_unreachable');
    expect(failed.pendingOps).toBe(8);

    server = await launchCentral(launcher, args);
    proxy.retarget(server.url);
    await ws.advance(10 * 60_000);
    expect(outboxStates(ws).pending ?? 0).toBe(0);
    // Whether the kill came before or after the commit, each op took effect exactly once.
    expect(await checkExactlyOnce(store.target, appliedOpIds(ws))).toEqual({ lost: [], duplicated: [], unexpected: [] });
    expect(appliedOpIds(ws)).toHaveLength(8);
    await expectConverged(store.target, [ws]);
  });

  it('an outbox written by the previous store version drains after the migration, in seq order', async () => {
    const central = await centralInProcess();
    const dir = tempDir('sc-sync-migrate-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // A version-2 store as the deciding release left it: applications, an enrolment, and decisions in the outbox.
    const db = new Database(join(dir, 'console.sqlite'));
    db.pragma('journal_mode = WAL');
    migrate(db, 2);
    const submitted = (await serverRecords(central, CENTER)).filter((r) => r.status === 'submitted').slice(0, 2);
    const ids = submitted.map((r) => r.id);
    loadRecords(db, submitted);
    const op = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES (?, 'application', ?, ?, ?, ?, 1, ?, ?)`);
    for (const id of ids) {
      op.run(uuidv7(), id, CENTER, 'claim', '{}', TEST_NOW, ADMIN.id);
      op.run(uuidv7(), id, CENTER, 'approve', JSON.stringify({ manualChecks: MANUAL_CHECKS }), TEST_NOW, ADMIN.id);
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('binding', ?)").run(JSON.stringify({ centralUrl: central.url, centerId: CENTER, workstationId: 'ws-old' }));
    db.close();
    const token = await central.admin.enrol('ws-old', CENTER);
    writeFileSync(join(dir, ENROLMENT_FILE), JSON.stringify({ token, centralUrl: central.url, centerId: CENTER, workstationId: 'ws-old', enrolledAt: new Date(TEST_NOW).toISOString() }));

    const ws = await openWorkstation(central, central.url, { dir, id: 'ws-old', enrol: false });
    cleanups.push(() => ws.dispose());
    expect(ws.core.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    await ws.sync();
    expect(outboxStates(ws)).toEqual({ applied: 4 });
    const applied = ws.core.db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all();
    expect(applied).toEqual(['claim', 'approve', 'claim', 'approve']);
    for (const id of ids) expect((await central.admin.application(id))!.status).toBe('approved');
    await expectConverged(central, [ws]);
  });
});
