import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { tempDir } from './store';

/**
 * For migration tests: a bare SQLite file in a temporary folder (no pragmas, no migrations), removed after each test.
 * Call once at the top of a test file; the returned function opens a new one.
 */
export function useBareDatabases(options: { foreignKeys?: boolean } = {}): () => Database.Database {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  return () => {
    const d = tempDir('sc-migration-');
    dirs.push(d);
    const db = new Database(join(d, 'm.sqlite'));
    if (options.foreignKeys) db.pragma('foreign_keys = ON');
    return db;
  };
}

/** SQLite's plan for a query, one line: what an index test looks for. */
export function queryPlan(db: Database.Database, sql: string): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
}
