/**
 * Which store the central tests run against, and fresh stores for them. vitest.config.ts runs the central and sync
 * tests once per store, each run with its own `CENTRAL_STORE` (sqlite or postgres); the same test files serve both.
 *
 * PostgreSQL: one throwaway cluster per test run. vitest's global setup (pg-test-setup.ts) starts it and names it in
 * `CENTRAL_TEST_PG_URL`, with a migrated template database in `CENTRAL_TEST_PG_TEMPLATE`; each test server gets a
 * database of its own in the template's state (pg-test-databases.ts). Outside vitest (a script), the process starts a
 * cluster of its own on first use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { TestDatabases } from './pg-test-databases';
import type { StoreKind } from './store';

/** The store this test process's central servers use: the run's `CENTRAL_STORE`, SQLite when unset. */
export function testStoreKind(): StoreKind {
  return process.env.CENTRAL_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

let cluster: Promise<PgCluster> | null = null;

/** The maintenance URL of the run's cluster, or of one this process starts (stopped when it exits). */
async function maintenanceUrl(): Promise<string> {
  if (process.env.CENTRAL_TEST_PG_URL) return process.env.CENTRAL_TEST_PG_URL;
  if (!cluster) {
    cluster = startPgCluster();
    void cluster.then((c) => process.once('exit', () => c.stop()));
  }
  return (await cluster).url();
}

let databases: TestDatabases | null = null;

export interface StoreTarget {
  kind: StoreKind;
  /** A SQLite file path or a postgres:// URL, for `openStore` or `startCentral({ db })`. */
  target: string;
  /** Gives the store up (close every connection to it first); it is removed or wiped for the next test. */
  dispose(): Promise<void>;
}

/** A fresh, empty store target of the given kind: a SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function freshStoreTarget(kind: StoreKind = testStoreKind()): Promise<StoreTarget> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sc-central-store-'));
    return { kind, target: join(dir, 'central.sqlite'), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  databases ??= new TestDatabases(maintenanceUrl, process.env.CENTRAL_TEST_PG_TEMPLATE);
  const pool = databases;
  const name = await pool.take();
  let given: Promise<void> | null = null;
  return { kind, target: await pool.url(name), dispose: () => (given ??= pool.give(name)) };
}
