import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentral, type CentralServer } from '../../central/server';
import { freshStoreTarget, testStoreKind } from '../../central/store/store-testing';
import { fileApplications } from '../../central/test-fixtures';
import { startTempCentral } from '../../central/testing';
import type { SyncStatus } from '../../shared/api/sync';
import { TEST_NOW } from '../support/deciding';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, ADMIN2, approvable, claimAndApprove, expectConverged, openWorkstation, outboxStates, type Workstation } from './support/workstation';

/*
 * A central store moved mid-life from SQLite to PostgreSQL with `npm run central -- migrate-store`, while the
 * workstations keep their data, outboxes and cursors. They reach the server through one address (a proxy standing for
 * the load balancer), which is pointed at the new server after the move: they carry on from their cursors (no reset,
 * no full resync), the ops they made meanwhile apply once, and everything converges. Needs both stores, so it runs in
 * the PostgreSQL run.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TRAINING = { seed: 81, size: 60, now: TEST_NOW };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function migrateStoreCommand(from: string, to: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', 'migrate-store', '--from', from, '--to', to], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe.skipIf(testStoreKind() !== 'postgres')('a central store moved from SQLite to PostgreSQL mid-life', () => {
  it('workstations carry on from their cursors: their queued ops apply once, the changes made since reach them, nothing is reset or lost', async () => {
    const lite = await startTempCentral({ store: 'sqlite', training: TRAINING, now: () => TEST_NOW });
    cleanups.push(() => lite.dispose());
    const proxy = await FaultProxy.start(lite.url);
    cleanups.push(() => proxy.close());
    const stations: Workstation[] = [];
    for (const [id, who] of [['ws-a', ADMIN], ['ws-b', ADMIN2]] as const) {
      const ws = await openWorkstation(lite, proxy.url, { id });
      cleanups.push(() => ws.dispose());
      await ws.signIn(who);
      stations.push(ws);
    }
    const [a, b] = stations as [Workstation, Workstation];

    // Weeks of work on SQLite: decisions synced both ways.
    await claimAndApprove(a, approvable(a, 3));
    await claimAndApprove(b, approvable(b, 2, 3));
    for (const ws of [a, b, a]) await ws.sync();
    // Then, before the move: ops queued on both workstations, and applications filed that neither has pulled yet.
    await claimAndApprove(a, approvable(a, 2));
    await claimAndApprove(b, approvable(b, 2, 2));
    const filed = await fileApplications(lite, 3, 900);
    await lite.close();

    const pg = await freshStoreTarget('postgres');
    cleanups.push(() => pg.dispose());
    const moved = await migrateStoreCommand(lite.target, pg.target);
    expect(moved.out).toMatch(/Moved [\d,]+ rows .* epoch [0-9a-f]{12} and feed position \d+ kept/);
    expect(moved.code).toBe(0);
    const server: CentralServer = await startCentral({ db: pg.target, poolSize: 4, now: () => TEST_NOW });
    cleanups.push(() => server.close());
    proxy.retarget(server.url);
    const seenBefore = proxy.log.length;

    // Two rounds: the second brings each the applications the other's pull marked received.
    for (const ws of [a, b, a, b]) {
      const status = await ws.sync();
      expect(status.lastError).toBeNull();
    }
    const after = proxy.log.slice(seenBefore);
    // Every pull carried a cursor and none was answered with a reset: no workstation started over.
    const pulls = after.filter((r) => r.path.includes('/changes'));
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.every((r) => r.path.includes('cursor=') && r.upstreamStatus === 200)).toBe(true);
    expect(after.filter((r) => r.path.endsWith('/push')).map((r) => r.upstreamStatus)).toEqual([200, 200]);
    for (const ws of [a, b]) {
      expect(outboxStates(ws)).toEqual({ applied: ws === a ? 10 : 8 });
      for (const id of filed) expect(ws.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id)).toBe('received');
      expect((await ws.ok<SyncStatus>('sync.status')).pendingOps).toBe(0);
    }
    await expectConverged(server, [a, b]);
  });
});
