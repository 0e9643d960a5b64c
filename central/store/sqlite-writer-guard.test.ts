import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import { WriterReentryError, type WriterStallReport } from './sqlite-writer-guard';
import type { CentralStore } from './store-types';

/**
 * The SQLite store has one connection, held by a write transaction from BEGIN to COMMIT. Code inside the write that
 * asks for it again (the outer `store.db`, a nested `store.write`) used to wait for itself forever and take every
 * later request down with it; the guard turns that into an immediate error naming both places. SQLite only: the
 * PostgreSQL store has a pool, so the same files need not run twice.
 */
let dir: string;
let store: CentralStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sc-writer-guard-'));
  store = openSqliteStore(join(dir, 'central.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const metaValue = async (key: string) => (await store.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())?.value;

/** Lets every queued callback run: far more turns of the event loop than the synchronous driver ever needs to settle. */
async function settleFor(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Whether `p` is still pending after the event loop had `turns` chances to settle it. */
async function stillPending(p: Promise<unknown>, turns = 200): Promise<boolean> {
  let settled = false;
  p.then(() => (settled = true), () => (settled = true));
  await settleFor(turns);
  return !settled;
}

describe('SQLite writer guard', () => {
  it('a query on the outer store.db inside a write fails at once, names the write, and the write rolls back', async () => {
    const attempt = store.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard.test', value: 'written' }).execute();
      await store.db.selectFrom('meta').select('value').execute();
    });
    const err = await attempt.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WriterReentryError);
    expect((err as WriterReentryError).code).toBe('store_writer_reentry');
    expect((err as Error).message).toMatch(/inside a SQLite write transaction/);
    // Where the offending write was opened, for the person reading the log.
    expect((err as Error).message).toMatch(/The write transaction was opened at:\n.*sqlite-writer-guard\.test\.ts/s);
    // Nothing of the failed write stayed, and the connection is free again for everyone.
    expect(await metaValue('guard.test')).toBeUndefined();
    await store.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard.test', value: 'second' }).execute();
    });
    expect(await metaValue('guard.test')).toBe('second');
  });

  it('a nested store.write fails at once instead of waiting for the outer one', async () => {
    const err = await store
      .write(async () => store.write(async (inner) => inner.selectFrom('meta').selectAll().execute()))
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WriterReentryError);
    expect(await store.feedMark()).toBe(0);
  });

  it('a commit hook that reads through store.db fails the write instead of hanging it', async () => {
    const err = await store
      .write(async (tx) => {
        store.beforeCommit(tx, {}, async () => {
          await store.db.selectFrom('meta').selectAll().execute();
        });
      })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WriterReentryError);
  });

  it('reads from other requests wait for the write and then run; so does work a write left running after its commit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let afterCommit: Promise<string | undefined> | null = null;
    const writing = store.write(async (tx) => {
      await tx.insertInto('meta').values({ key: 'guard.test', value: 'committed' }).execute();
      // Started inside the write, queries only after it ended: its context still says "write", but not "holding".
      afterCommit = writing.then(() => metaValue('guard.test'));
      await gate;
    });
    const otherRequest = metaValue('guard.test');
    expect(await stillPending(otherRequest)).toBe(true);
    release();
    await writing;
    expect(await otherRequest).toBe('committed');
    expect(await afterCommit).toBe('committed');
  });

  it('a write that holds the connection past the stall limit is reported with where it was opened, in either mode', async () => {
    for (const reentryCheck of [true, false]) {
      const reports: WriterStallReport[] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const watched = openSqliteStore(join(dir, `stall-${reentryCheck}.sqlite`), {
        writerGuard: { reentryCheck, stallMs: 20, onStall: (report) => (reports.push(report), release()) },
      });
      try {
        // The write waits for something only the stall report gives it: it ends only if the report came.
        await watched.write(async () => gate);
        expect(reports).toHaveLength(1);
        expect(reports[0]!.code).toBe('store_writer_stalled');
        expect(reports[0]!.message).toMatch(/held the store's only connection for 20 ms[\s\S]*sqlite-writer-guard\.test\.ts/);
      } finally {
        await watched.close();
      }
    }
  });

  it('test of the test: without the guard the same misuse never settles (the hang CI saw)', async () => {
    const raw = new Database(join(dir, 'unguarded.sqlite'));
    const db = new Kysely<{ t: { v: number } }>({ dialect: new SqliteDialect({ database: raw }) });
    await sql`CREATE TABLE t (v INTEGER)`.execute(db);
    const hung = db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      await db.selectFrom('t').selectAll().execute();
      await sql`COMMIT`.execute(conn);
    });
    const unrelated = db.selectFrom('t').selectAll().execute();
    expect(await stillPending(hung)).toBe(true);
    expect(await stillPending(unrelated)).toBe(true);
    raw.close();
  });
});
