/**
 * Which store the central tests run against, and fresh stores for them. vitest.config.ts runs the central and sync
 * tests once per store, each run with its own `CENTRAL_STORE` (sqlite or postgres); the same test files serve both.
 *
 * PostgreSQL: one throwaway cluster per test run. vitest's global setup (pg-test-setup.ts) starts it and names it in
 * `CENTRAL_TEST_PG_URL`, with a migrated template database in `CENTRAL_TEST_PG_TEMPLATE`; each test server gets its
 * own database copied from the template and dropped afterwards. Outside vitest (a script), the process starts a
 * cluster of its own on first use.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startPgCluster, type PgCluster } from './pg-cluster';
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

let databases = 0;
let maintenance: Promise<pg.Client> | null = null;
let running = 0;
type Socket = { ref(): void; unref(): void };
const socketOf = (client: pg.Client) => (client as unknown as { connection: { stream: Socket } }).connection.stream;

/**
 * Runs CREATE or DROP DATABASE on this process's maintenance connection, opened once. The connection keeps the
 * process alive only while a statement runs, so an idle test process can end without closing it.
 */
async function maintain(statement: string): Promise<void> {
  maintenance ??= (async () => {
    const c = new pg.Client({ connectionString: await maintenanceUrl() });
    await c.connect();
    c.on('error', () => {});
    socketOf(c).unref();
    return c;
  })();
  const client = await maintenance;
  if (running++ === 0) socketOf(client).ref();
  try {
    await client.query(statement);
  } finally {
    if (--running === 0) socketOf(client).unref();
  }
}

export interface StoreTarget {
  kind: StoreKind;
  /** A SQLite file path or a postgres:// URL, for `openStore` or `startCentral({ db })`. */
  target: string;
  /** Removes the store (close every connection to it first). */
  dispose(): Promise<void>;
}

/** A fresh, empty store target of the given kind: a SQLite file in a temporary folder, or a new PostgreSQL database. */
export async function freshStoreTarget(kind: StoreKind = testStoreKind()): Promise<StoreTarget> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sc-central-store-'));
    return { kind, target: join(dir, 'central.sqlite'), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `central_${process.pid}_${++databases}`;
  const template = process.env.CENTRAL_TEST_PG_TEMPLATE;
  await maintain(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  const target = new URL(await maintenanceUrl());
  target.pathname = `/${name}`;
  return {
    kind,
    target: target.toString(),
    dispose: () => maintain(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
