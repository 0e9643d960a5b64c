import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCentral } from '../server';
import { postgresBinDir } from '../store/pg-cluster';
import { freshStoreTarget, testStoreKind } from '../store/store-testing';
import { CENTER, NOW, appOp, call, fileApplications, push, sampleIntake, seedWorld } from '../test-fixtures';
import { effectCounts, startTempCentral } from '../testing';
import { BackupError, backupSqliteStore } from './backup';

/*
 * `npm run central -- backup --db central.sqlite --to FILE`: an online backup of a SQLite central store, taken while
 * the server goes on writing; the copy is one consistent moment of the store and a server starts on it as it was.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sc-backup-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe.skipIf(testStoreKind() !== 'sqlite')('online backup of a SQLite central store', () => {
  it('taken while intake keeps writing, the copy is one consistent moment: it checks out and a server on it serves its feed whole', async () => {
    const server = await startTempCentral({ store: 'sqlite', now: () => NOW });
    cleanups.push(() => server.dispose());
    await seedWorld(server);
    await fileApplications(server, 40);
    let filing = true;
    let filed = 40;
    const intake = (async () => {
      while (filing && filed < 400) await server.admin.intake(sampleIntake(++filed));
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const to = join(folder(), 'central-backup.sqlite');
    const report = await backupSqliteStore({ db: server.target, to });
    filing = false;
    await intake;

    expect(report.applications).toBeGreaterThanOrEqual(40);
    expect(report.applications).toBeLessThanOrEqual(filed);
    // One moment: every application filed up to it, numbered 1..n in the feed with no gap.
    expect(report.feedPosition).toBe(report.applications);
    expect(existsSync(`${to}.partial`)).toBe(false);
    const copy = new Database(to, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT count(*) FROM effects').pluck().get()).toBe(report.applications);
    copy.close();

    const restored = await startCentral({ db: to, now: () => NOW, releasesDir: join(folder(), 'releases') });
    cleanups.push(() => restored.close());
    const token = await restored.admin.enrol('ws-restored', CENTER);
    const page = await call(restored, 'GET', `/v1/centers/${CENTER}/changes?limit=5000`, { token });
    expect((page.json as { changes: unknown[]; cursor: string }).changes).toHaveLength(report.applications);
    expect((page.json as { cursor: string }).cursor).toBe(`c1.${report.epoch}.${report.applications}`);
  });

  it('refuses to overwrite a file, to back up PostgreSQL or a missing store, each with its code; nothing is written', async () => {
    const server = await startTempCentral({ store: 'sqlite', now: () => NOW });
    cleanups.push(() => server.dispose());
    const dir = folder();
    const taken = join(dir, 'taken.sqlite');
    writeFileSync(taken, 'not a backup');
    const refusal = (options: { db: string; to: string }) => backupSqliteStore(options).then(() => null, (err: unknown) => err as BackupError);
    expect(await refusal({ db: server.target, to: taken })).toMatchObject({ code: 'backup_exists' });
    expect(await refusal({ db: 'postgres://central@db.example/central', to: join(dir, 'x.sqlite') })).toMatchObject({ code: 'not_sqlite', message: expect.stringContaining('pg_dump') as string });
    expect(await refusal({ db: join(dir, 'none.sqlite'), to: join(dir, 'y.sqlite') })).toMatchObject({ code: 'source_missing' });
    expect(await refusal({ db: server.target, to: join(dir, 'no', 'such', 'z.sqlite') })).toMatchObject({ code: 'no_folder' });
    expect([existsSync(join(dir, 'x.sqlite')), existsSync(join(dir, 'y.sqlite'))]).toEqual([false, false]);
  });

  it('npm run central -- backup prints what it copied and exits 0; a second run onto the same file exits 1 with the code', async () => {
    const server = await startTempCentral({ store: 'sqlite', now: () => NOW });
    cleanups.push(() => server.dispose());
    await seedWorld(server);
    await fileApplications(server, 3);
    const to = join(folder(), 'nightly.sqlite');
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'central/main.ts', 'backup', '--db', server.target, '--to', to], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('error', reject);
        child.on('exit', (code) => resolve({ code, out }));
      });
    const first = await run();
    expect(first.out).toMatch(/Backed up .* to .*nightly\.sqlite: [\d.]+ MB, schema version \d+, 3 applications, feed position 3, epoch [0-9a-f]{12}/);
    expect(first.code).toBe(0);
    const second = await run();
    expect(second.out).toMatch(/central: backup refused \(backup_exists\): .*already exists/);
    expect(second.code).toBe(1);
  });
});

describe.skipIf(testStoreKind() !== 'postgres')('backup and restore of a PostgreSQL central store (pg_dump, pg_restore)', () => {
  it('the procedure central/README.md gives: the restored database has the same epoch, feed position and effects, and goes on numbering after them', async () => {
    const server = await startTempCentral({ now: () => NOW });
    cleanups.push(() => server.dispose());
    const { tokens } = await seedWorld(server);
    const [id] = await fileApplications(server, 3);
    await push(server, tokens.a, 'ws-a', [appOp('claim', id!), appOp('approve', id!, { baseVersion: 2 })]);
    const epochOf = async (s: { store: typeof server.store }) => (await s.store.db.selectFrom('meta').select('value').where('key', '=', 'epoch').executeTakeFirstOrThrow()).value;
    const before = { seq: await server.store.maxChangeSeq(CENTER), effects: await effectCounts(server), epoch: await epochOf(server) };
    const dump = join(folder(), 'central.dump');
    const bin = postgresBinDir()!;
    const tool = (name: string, args: string[]) => {
      const r = spawnSync(join(bin, name), args, { encoding: 'utf8', env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    };
    // Online: the server keeps running; pg_dump reads one snapshot.
    tool('pg_dump', ['--format=custom', '--file', dump, server.target]);
    const restoredDb = await freshStoreTarget('postgres');
    cleanups.push(() => restoredDb.dispose());
    // Into an empty database: the test's databases start as a copy of a migrated template, so empty it first.
    tool('psql', ['--quiet', '--no-psqlrc', '-v', 'ON_ERROR_STOP=1', '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;', restoredDb.target]);
    tool('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredDb.target, dump]);

    const restored = await startCentral({ db: restoredDb.target, now: () => NOW, releasesDir: join(folder(), 'releases') });
    cleanups.push(() => restored.close());
    expect(await restored.store.maxChangeSeq(CENTER)).toBe(before.seq);
    expect(await epochOf(restored)).toBe(before.epoch);
    expect(await effectCounts(restored)).toEqual(before.effects);
    const page = await call(restored, 'GET', `/v1/centers/${CENTER}/changes`, { token: tokens.b });
    expect(page.status).toBe(200);
    const [next] = await fileApplications(restored, 1, 4);
    expect((await restored.admin.application(next!))?.version).toBe(1);
    expect(await restored.store.maxChangeSeq(CENTER)).toBe(before.seq + 1);
  });
});
