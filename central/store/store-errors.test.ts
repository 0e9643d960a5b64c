import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isRetryableConflict, isStoreUnavailable } from './store-errors';
import { openStore } from './store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

describe('store errors', () => {
  it('a PostgreSQL server that cannot be reached is "unavailable" (answered 503 with Retry-After)', async () => {
    const failure = await openStore(`postgres://postgres@127.0.0.1:${await deadPort()}/central`).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).not.toBeNull();
    expect(isStoreUnavailable(failure)).toBe(true);
  });

  it('a SQLite write lock held by another process past the busy timeout is "unavailable"; a broken constraint is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-store-errors-'));
    dirs.push(dir);
    const holder = new Database(join(dir, 'c.sqlite'));
    const other = new Database(join(dir, 'c.sqlite'));
    holder.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    other.pragma('busy_timeout = 0');
    holder.exec('BEGIN IMMEDIATE');
    let busy: unknown = null;
    try {
      other.exec('BEGIN IMMEDIATE');
    } catch (err) {
      busy = err;
    }
    holder.exec('INSERT INTO t VALUES (1); COMMIT');
    let constraint: unknown = null;
    try {
      other.exec('INSERT INTO t VALUES (1)');
    } catch (err) {
      constraint = err;
    }
    holder.close();
    other.close();
    expect(isStoreUnavailable(busy)).toBe(true);
    expect(isStoreUnavailable(constraint)).toBe(false);
    expect(isStoreUnavailable(new Error('application app-1 changed under a transaction'))).toBe(false);
  });

  it('only deadlocks, serialisation failures and unique keys taken by a concurrent commit run a transaction again', () => {
    expect(['40P01', '40001', '23505'].map((code) => isRetryableConflict({ code }))).toEqual([true, true, true]);
    expect(['23503', '42P01', 'SQLITE_CONSTRAINT_UNIQUE', undefined].map((code) => isRetryableConflict({ code }))).toEqual([false, false, false, false]);
  });
});
